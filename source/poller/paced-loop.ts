import type {PollerClock} from './types.js';

export type PacedLoopOptions = {
	clock: PollerClock;
	/** One round. Errors must become state inside it; a rejection is swallowed. */
	round(): Promise<void>;
	/** Time between round starts, ms; read when a round ends, so pacing updated by the round applies. */
	intervalMs(): number;
	/** The earliest a refresh (or a resume) may start a round, epoch ms; default now. */
	earliestRefreshMs?(): number;
};

/**
A sequential loop: run a round, then sleep the remainder of the interval measured from the round's
start. Never two rounds at once. A refresh asked for while a round runs queues exactly one follow-up,
so a burst of refreshes costs at most one extra round. `signal` aborts when the loop stops.
*/
export class PacedLoop {
	readonly #options: PacedLoopOptions;
	readonly #controller = new AbortController();
	/** The pending sleep's handle; undefined when none (both clocks' handles are objects or ids from 1). */
	#timer: unknown;
	#running = false;
	#stopped = false;
	#started = false;
	#paused = false;
	#followUp = false;
	#lastStartMs: number | undefined;

	constructor(options: PacedLoopOptions) {
		this.#options = options;
	}

	#scheduleAt(atMs: number): void {
		const delayMs = Math.max(0, atMs - this.#options.clock.now());
		this.#timer = this.#options.clock.setTimeout(() => {
			this.#timer = undefined;
			void this.#tick();
		}, delayMs);
	}

	#clearTimer(): void {
		this.#options.clock.clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#scheduleRefresh(): void {
		this.#scheduleAt(this.#options.earliestRefreshMs?.() ?? this.#options.clock.now());
	}

	async #tick(): Promise<void> {
		if (this.#stopped || this.#running) {
			return;
		}

		this.#running = true;
		const startMs = this.#options.clock.now();
		this.#lastStartMs = startMs;
		try {
			await this.#options.round();
		} catch {
			// Rounds turn their errors into state; a stray rejection must not stop the loop.
		} finally {
			this.#running = false;
		}

		if (this.#stopped) {
			return;
		}

		if (this.#followUp) {
			this.#followUp = false;
			this.#scheduleRefresh();
			return;
		}

		if (!this.#paused) {
			this.#scheduleAt(startMs + this.#options.intervalMs());
		}
	}

	get running(): boolean {
		return this.#running;
	}

	get stopped(): boolean {
		return this.#stopped;
	}

	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	start(): void {
		if (this.#started || this.#stopped) {
			return;
		}

		this.#started = true;
		if (!this.#paused) {
			this.#scheduleAt(this.#options.clock.now());
		}
	}

	stop(): void {
		this.#stopped = true;
		this.#followUp = false;
		this.#clearTimer();
		this.#controller.abort();
	}

	/** Paused: no rounds but refreshes; the round in flight finishes. Resuming runs a round at once. */
	setPaused(isPaused: boolean): void {
		if (isPaused === this.#paused) {
			return;
		}

		this.#paused = isPaused;
		if (isPaused) {
			this.#clearTimer();
			return;
		}

		if (this.#started) {
			this.refresh();
		}
	}

	/** Run a round as soon as allowed: now when idle, right after the current round when one runs. */
	refresh(): void {
		if (this.#stopped || !this.#started) {
			return;
		}

		if (this.#running) {
			this.#followUp = true;
			return;
		}

		this.#clearTimer();
		this.#scheduleRefresh();
	}

	/** The interval changed: move the pending sleep to the last start plus the new interval. */
	reschedule(): void {
		if (this.#stopped || this.#running || this.#timer === undefined || this.#lastStartMs === undefined) {
			return;
		}

		this.#clearTimer();
		this.#scheduleAt(this.#lastStartMs + this.#options.intervalMs());
	}
}
