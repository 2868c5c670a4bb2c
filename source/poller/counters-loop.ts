import {effectiveIntervalMs, recordRequest, type Pace} from '../model/pacing.js';
import type {ServiceStats, ThreadStats} from '../model/types.js';
import {PacedLoop} from './paced-loop.js';
import type {HostLoopOptions} from './types.js';

const countersIntervalMs = 1000;

/**
Ticks fire a little late or, by clock rounding, a millisecond early: a service poll due within this is due now.
*/
const dueSlackMs = 50;

/**
The header's counters: threads every second; services too, unless their own cost calls for a
slower pace. Best effort: the list poll reports the host's health.
*/
export class CountersLoop {
	readonly #options: HostLoopOptions;
	readonly #controller = new AbortController();
	readonly #loop: PacedLoop;
	#servicesPace: Pace = {};
	#lastServicesTickMs: number | undefined;
	#stopped = false;

	constructor(options: HostLoopOptions) {
		this.#options = options;
		this.#loop = new PacedLoop({clock: options.clock, round: async () => this.#round(), intervalMs: () => countersIntervalMs});
	}

	async #round(): Promise<void> {
		const {client, clock, maxServerShare, gate} = this.#options;
		const {signal} = this.#controller;
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

		const servicesIntervalMs = effectiveIntervalMs(this.#servicesPace, countersIntervalMs, maxServerShare);
		if (!this.#stopped && !gate.isAuthRefused && (this.#lastServicesTickMs === undefined || tickMs - this.#lastServicesTickMs + dueSlackMs >= servicesIntervalMs)) {
			this.#lastServicesTickMs = tickMs;
			try {
				const startMs = clock.now();
				const overlapped = gate.watchListOverlap();
				services = await client.getServices({signal});
				if (!overlapped()) {
					this.#servicesPace = recordRequest(this.#servicesPace, {startMs, durationMs: clock.now() - startMs});
				}
			} catch (error) {
				gate.noteFailure(error);
			}
		}

		if (!this.#stopped && (threads !== undefined || services !== undefined)) {
			this.#options.listener.counters({
				host: this.#options.host, atMs: clock.now(), threads, services,
			});
		}
	}

	start(): void {
		this.#loop.start();
	}

	stop(): void {
		this.#stopped = true;
		this.#loop.stop();
		this.#controller.abort();
	}

	setPaused(isPaused: boolean): void {
		this.#loop.setPaused(isPaused);
	}
}
