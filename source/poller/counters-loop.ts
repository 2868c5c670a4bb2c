import {effectiveIntervalMs, recordRequest, type Pace} from '../model/pacing.js';
import type {ServiceStats, ThreadStats} from '../model/types.js';
import {PacedLoop} from './paced-loop.js';
import type {HostLoopOptions} from './types.js';

const countersIntervalMs = 1000;

/** Ticks fire a little late or, by clock rounding, a millisecond early: a service poll due within this is due now. */
const dueSlackMs = 50;

/** Threads every second, services too unless their cost calls for less; best effort, as the list reports health. */
export function countersLoop(options: HostLoopOptions): PacedLoop {
	const {client, clock, maxServerShare, gate} = options;
	let servicesPace: Pace = {};
	let lastServicesTickMs: number | undefined;
	const loop: PacedLoop = new PacedLoop({
		clock,
		intervalMs: () => countersIntervalMs,
		async round() {
			const {signal} = loop;
			if (gate.isAuthRefused) {
				return;
			}

			const tickMs = clock.now();
			let threads: ThreadStats[] | undefined;
			let services: ServiceStats[] | undefined;
			try {
				threads = await client.getThreads({signal});
			} catch (error) {
				gate.noteFailure(error);
			}

			const servicesIntervalMs = effectiveIntervalMs(servicesPace, countersIntervalMs, maxServerShare);
			if (!loop.stopped && !gate.isAuthRefused && (lastServicesTickMs === undefined || tickMs - lastServicesTickMs + dueSlackMs >= servicesIntervalMs)) {
				lastServicesTickMs = tickMs;
				try {
					const startMs = clock.now();
					const overlapped = gate.watchListOverlap();
					services = await client.getServices({signal});
					if (!overlapped()) {
						servicesPace = recordRequest(servicesPace, {startMs, durationMs: clock.now() - startMs});
					}
				} catch (error) {
					gate.noteFailure(error);
				}
			}

			if (!loop.stopped && (threads !== undefined || services !== undefined)) {
				options.listener.counters({
					host: options.host, atMs: clock.now(), threads, services,
				});
			}
		},
	});
	return loop;
}
