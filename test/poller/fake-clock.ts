import type {PollerClock} from '../../source/poller/types.js';

type Timer = {id: number; atMs: number; callback: () => void};

/**
Let every promise chain that can settle now settle (no time passes).
*/
export async function flush(): Promise<void> {
	for (let round = 0; round < 5; round++) {
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
}

/**
A clock moved by hand: `advance` fires due timers in order and lets promises settle after each.
*/
export class FakeClock implements PollerClock {
	#nowMs: number;
	#nextId = 1;
	#timers: Timer[] = [];

	constructor(startMs = 1_700_000_000_000) {
		this.#nowMs = startMs;
	}

	get pendingTimers(): number {
		return this.#timers.length;
	}

	now(): number {
		return this.#nowMs;
	}

	setTimeout(callback: () => void, ms: number): number {
		const id = this.#nextId++;
		this.#timers.push({id, atMs: this.#nowMs + Math.max(0, ms), callback});
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.#timers = this.#timers.filter(timer => timer.id !== handle);
	}

	async advance(ms: number): Promise<void> {
		const targetMs = this.#nowMs + ms;
		await flush();
		for (;;) {
			const due = this.#timers
				.filter(timer => timer.atMs <= targetMs)
				.toSorted((a, b) => a.atMs - b.atMs || a.id - b.id)[0];
			if (!due) {
				break;
			}

			this.#timers = this.#timers.filter(timer => timer !== due);
			this.#nowMs = Math.max(this.#nowMs, due.atMs);
			due.callback();

			await flush();
		}

		this.#nowMs = targetMs;
		await flush();
	}
}
