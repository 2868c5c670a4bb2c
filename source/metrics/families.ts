import type {Session} from '../model/session.js';
import type {ServiceStats} from '../model/types.js';
import type {Breakdown} from './breakdown.js';
import type {HostView} from './host-view.js';

export type Sample = {labels: Record<string, string>; value: number};

/**
One metric the endpoint serves, and how its samples come from a host's view. The readme's metric
table describes the same list.
*/
export type Family = {
	name: string;
	help: string;
	type: 'gauge' | 'counter';
	labelNames: readonly string[];
	samples(view: HostView): Sample[];
	/**
	Served while the host is down too; the rest only while its last list poll succeeded, as an
	exporter whose target fails serves nothing stale.
	*/
	isAlwaysServed?: boolean;
};

export type HistogramFamily = {
	name: string;
	help: string;
	field: 'idleSeconds' | 'ageSeconds';
	buckets: number[];
};

const one = (view: HostView, value: number | undefined): Sample[] => value === undefined || !Number.isFinite(value) ? [] : [{labels: {host: view.host}, value}];

// MaxScale's own counters, over the services that face clients (a nested service would count a session twice).
function listenerSum(services: readonly ServiceStats[] | undefined, pick: (service: ServiceStats) => number | undefined): number | undefined {
	let sum: number | undefined;
	for (const service of services ?? []) {
		const value = service.hasListeners ? pick(service) : undefined;
		if (value !== undefined) {
			sum = (sum ?? 0) + value;
		}
	}

	return sum;
}

type Dimension = Exclude<keyof Breakdown, 'sessions' | 'byServiceState'>;

function byDimension(dimension: Dimension, label: string, what: string): Family[] {
	return [
		{
			name: `maxscale_${label}_sessions`, help: `Sessions by ${what}; past the top N under "other"`, type: 'gauge', labelNames: ['host', label],
			samples: view => (view.breakdown?.[dimension] ?? []).map(tally => ({labels: {host: view.host, [label]: tally.value}, value: tally.sessions})),
		},
		{
			name: `maxscale_${label}_session_memory_bytes`, help: `Memory of the sessions by ${what} (22.08+)`, type: 'gauge', labelNames: ['host', label],
			samples: view => (view.breakdown?.[dimension] ?? []).map(tally => ({labels: {host: view.host, [label]: tally.value}, value: tally.memoryBytes})),
		},
	];
}

export const families: readonly Family[] = [
	{
		name: 'maxscale_up', help: 'Whether the last session list poll succeeded', type: 'gauge', labelNames: ['host'], isAlwaysServed: true,
		samples: view => one(view, view.status?.state === 'ok' ? 1 : 0),
	},
	{
		name: 'maxscale_info', help: 'MaxScale\'s version, as a label', type: 'gauge', labelNames: ['host', 'version'], isAlwaysServed: true,
		samples: view => view.status?.versionText === undefined ? [] : [{labels: {host: view.host, version: view.status.versionText}, value: 1}],
	},
	{
		name: 'maxscale_start_time_seconds', help: 'When MaxScale started, Unix time', type: 'gauge', labelNames: ['host'],
		samples: view => one(view, view.status?.startedMs === undefined ? undefined : view.status.startedMs / 1000),
	},
	{
		name: 'maxscale_sessions', help: 'Sessions by service and state', type: 'gauge', labelNames: ['host', 'service', 'state'],
		samples: view => (view.breakdown?.byServiceState ?? []).map(tally => {
			const [service, state] = tally.value.split('\u{0}', 2);
			return {labels: {host: view.host, service: service!, state: state!}, value: tally.sessions};
		}),
	},
	...byDimension('user', 'user', 'user'),
	...byDimension('app', 'app', 'application (program_name, else the connector\'s name)'),
	...byDimension('network', 'client_network', 'client /24 (IPv4) or /64 (IPv6) network'),
	...byDimension('server', 'server', 'backend server'),
	{
		name: 'maxscale_sessions_opened_total', help: 'Sessions that started (total_connections of the services with listeners)', type: 'counter', labelNames: ['host'],
		samples: view => one(view, listenerSum(view.services, service => service.totalConnections)),
	},
	{
		name: 'maxscale_sessions_closed_total', help: 'Sessions that ended (total_connections minus connections)', type: 'counter', labelNames: ['host'],
		samples: view => one(view, listenerSum(view.services, service => service.totalConnections === undefined || service.connections === undefined ? undefined : Math.max(0, service.totalConnections - service.connections))),
	},
	{
		name: 'maxscale_app_sessions_opened_total', help: 'Sessions the list polls saw open, by application, since maxtop started; an app keeps its label once it has one, past the top N under "other"', type: 'counter', labelNames: ['host', 'app'],
		samples: view => [...view.appOpens].map(([app, value]) => ({labels: {host: view.host, app}, value})),
	},
	{
		name: 'maxscale_sessions_unseen_total', help: 'Sessions too brief to show in any list poll, counted since maxtop started', type: 'counter', labelNames: ['host'],
		samples: view => one(view, view.unseenTotal),
	},
	{
		name: 'maxscale_failed_logins_total', help: 'Failed logins (failed_auths, 6.2+)', type: 'counter', labelNames: ['host'],
		samples: view => one(view, listenerSum(view.services, service => service.failedAuths)),
	},
	{
		name: 'maxscale_list_poll_duration_seconds', help: 'How long the last session list poll took MaxScale', type: 'gauge', labelNames: ['host'],
		samples: view => one(view, view.status?.lastListDurationMs === undefined ? undefined : view.status.lastListDurationMs / 1000),
	},
	{
		name: 'maxscale_list_poll_interval_seconds', help: 'The list poll interval in use, stretched to keep MaxScale\'s share low', type: 'gauge', labelNames: ['host'],
		samples: view => one(view, view.status === undefined ? undefined : view.status.effectiveIntervalMs / 1000),
	},
	{
		name: 'maxscale_worker_load_ratio', help: 'Routing worker load over the last second, 0-1', type: 'gauge', labelNames: ['host', 'worker'],
		samples: view => (view.threads ?? []).flatMap(thread => thread.loadLastSecond === undefined ? [] : [{labels: {host: view.host, worker: thread.id}, value: thread.loadLastSecond / 100}]),
	},
	{
		name: 'maxscale_worker_sessions', help: 'Sessions on each routing worker, handshakes included (22.08.2+)', type: 'gauge', labelNames: ['host', 'worker'],
		samples: view => (view.threads ?? []).flatMap(thread => thread.sessions === undefined ? [] : [{labels: {host: view.host, worker: thread.id}, value: thread.sessions}]),
	},
];

const minute = 60;
const hour = 3600;

export const histograms: readonly HistogramFamily[] = [
	{
		name: 'maxscale_session_idle_seconds', help: 'Idle time of the sessions in the last list', field: 'idleSeconds', buckets: [1, 10, minute, 5 * minute, 30 * minute, hour, 6 * hour, 24 * hour],
	},
	{
		name: 'maxscale_session_age_seconds', help: 'Age of the sessions in the last list', field: 'ageSeconds', buckets: [10, minute, 10 * minute, hour, 6 * hour, 24 * hour, 7 * 24 * hour],
	},
];

export function isServed(family: Family, view: HostView): boolean {
	return family.isAlwaysServed === true || view.status?.state === 'ok';
}

export function histogramValues(sessions: readonly Session[], field: HistogramFamily['field']): number[] {
	const values: number[] = [];
	for (const session of sessions) {
		const value = session[field];
		if (value !== undefined) {
			values.push(value);
		}
	}

	return values;
}
