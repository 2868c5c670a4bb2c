import {effectiveIntervalMs, recordRequest, type Pace} from '../model/pacing.js';
import type {SessionId} from '../model/session.js';
import {errorText, isNotFound} from './error-text.js';
import {PacedLoop} from './paced-loop.js';
import type {HostLoopOptions} from './types.js';

type DetailWatchOptions = HostLoopOptions & {id: SessionId; rdns?: boolean};

const detailIntervalMs = 1000;

/** Paced by the list's share rule (floor one second): on ≤23.08 `GET /v1/sessions/:id` scans every connection twice. */
export class DetailWatch {
	readonly #options: DetailWatchOptions;
	readonly #loop: PacedLoop;
	#pace: Pace = {};
	readonly host: string;
	readonly id: SessionId;
	readonly rdns: boolean;

	constructor(options: DetailWatchOptions) {
		this.host = options.host;
		this.id = options.id;
		this.rdns = options.rdns ?? false;
		this.#options = options;
		this.#loop = new PacedLoop({
			clock: options.clock,
			round: async () => this.#round(),
			intervalMs: () => effectiveIntervalMs(this.#pace, detailIntervalMs, options.maxServerShare),
		});
	}

	async #round(): Promise<void> {
		const {client, clock, listener, gate} = this.#options;
		if (gate.isAuthRefused) {
			return;
		}

		const startMs = clock.now();
		const overlapped = gate.watchListOverlap();
		try {
			const session = await client.getSession(this.id, {rdns: this.rdns, signal: this.#loop.signal});
			if (!overlapped()) {
				this.#pace = recordRequest(this.#pace, {startMs, durationMs: clock.now() - startMs});
			}

			if (!this.#loop.stopped) {
				listener.detail?.(this.host, this.id, session.host === this.host ? session : {...session, host: this.host});
			}
		} catch (error) {
			if (this.#loop.stopped) {
				return;
			}

			gate.noteFailure(error);
			if (isNotFound(error)) {
				// Gone, or (24.02.3) still in its handshake: listed, yet GET answers 404 until the
				// client logs in. So the watch goes on; the UI ends it when the row leaves the list.
				listener.detail?.(this.host, this.id, undefined);
				return;
			}

			listener.detail?.(this.host, this.id, undefined, errorText(error));
		}
	}

	start(): void {
		this.#loop.start();
	}

	stop(): void {
		this.#loop.stop();
	}
}
