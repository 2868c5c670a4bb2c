// Real servers' answers, copied verbatim from test/fixtures/: the simulator serves their parameters
// and static parts. 22.08.14's stand for every version before 23.02 that has no capture of its own.
import type {Json} from '../http-types.js';
import type {SimulatorVersion} from '../types.js';
import filters2208 from './captured/filters-22.08.14.json' with {type: 'json'};
import filters2402 from './captured/filters.json' with {type: 'json'};
import listeners2208 from './captured/listeners-22.08.14.json' with {type: 'json'};
import listeners2402 from './captured/listeners.json' with {type: 'json'};
import maxscale2208 from './captured/maxscale-22.08.14.json' with {type: 'json'};
import maxscale2402 from './captured/maxscale.json' with {type: 'json'};
import services2208 from './captured/services-22.08.14.json' with {type: 'json'};
import services2402 from './captured/services.json' with {type: 'json'};

type CapturedResource = {id: string; attributes: Json & {parameters: Json}};

type Capture = {maxscale: CapturedResource; services: CapturedResource[]; filters: CapturedResource[]; listeners: CapturedResource[]};

type Reply = {data: unknown};

const capture = (maxscale: Reply, services: Reply, filters: Reply, listeners: Reply): Capture => ({
	maxscale: maxscale.data as CapturedResource, services: services.data as CapturedResource[], filters: filters.data as CapturedResource[], listeners: listeners.data as CapturedResource[],
});

const capture2402 = capture(maxscale2402, services2402, filters2402, listeners2402);
const capture2208 = capture(maxscale2208, services2208, filters2208, listeners2208);

export const captureOf = (version: SimulatorVersion): Capture => (version === '24.02' ? capture2402 : capture2208);

/** A deep copy of what the captured resource `id` holds at `key`. */
export const captured = (resources: readonly CapturedResource[], id: string, key = 'parameters'): Json => structuredClone(resources.find(resource => resource.id === id)!.attributes[key]) as Json;
