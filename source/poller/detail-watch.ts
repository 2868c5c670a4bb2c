import {errorLine, isApiError} from '../api/errors.js';
import {effectiveIntervalMs, recordRequest, type Pace} from '../model/pacing.js';
import type {SessionId} from '../model/session.js';
import {PacedLoop} from './paced-loop.js';
import type {HostLoopOptions} from './types.js';

const detailIntervalMs = 1000;

/** Paced by the list's share rule (floor one second): on ≤23.08 `GET /v1/sessions/:id` scans every connection twice. */
export function detailWatch(options: HostLoopOptions & {id: SessionId; rdns: boolean}): PacedLoop {
	const {client, clock, listener, gate, host, id} = options;
	let pace: Pace = {};
	const loop: PacedLoop = new PacedLoop({
		clock,
		intervalMs: () => effectiveIntervalMs(pace, detailIntervalMs, options.maxServerShare),
		async round() {
			if (gate.isAuthRefused) {
				return;
			}

			const startMs = clock.now();
			const overlapped = gate.watchListOverlap();
			try {
				const session = await client.getSession(id, {rdns: options.rdns, signal: loop.signal});
				if (!overlapped()) {
					pace = recordRequest(pace, {startMs, durationMs: clock.now() - startMs});
				}

				if (!loop.stopped) {
					listener.detail?.(host, id, session.host === host ? session : {...session, host});
				}
			} catch (error) {
				if (loop.stopped) {
					return;
				}

				gate.noteFailure(error);
				// Gone, or (24.02.3) still in its handshake: listed, yet GET answers 404 until the
				// client logs in. So the watch goes on; the UI ends it when the row leaves the list.
				const isNotFound = isApiError(error) && error.kind === 'http' && error.status === 404;
				listener.detail?.(host, id, undefined, isNotFound ? undefined : errorLine(error));
			}
		},
	});
	return loop;
}
