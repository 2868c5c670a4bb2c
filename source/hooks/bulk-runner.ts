import {setTimeout as sleep} from 'node:timers/promises';
import {errorLine, isApiError} from '../api/errors.js';
import type {MaxScaleClient} from '../api/types.js';
import type {BulkOutcome} from '../state/actions.js';
import type {BulkRequest} from '../state/types.js';

/** The clock a bulk action is paced by; tests inject a fake one. */
export type BulkClock = {
	now(): number;
	/** Resolves after `ms`, or at once when `signal` aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
};

export const realBulkClock: BulkClock = {
	now: () => Date.now(),
	async sleep(ms, signal) {
		// An abort ends the sleep early; the runner then sees the signal.
		await sleep(ms, undefined, {signal}).catch(() => undefined);
	},
};

export type BulkItemReport = {host: string; sessionId: string; outcome: BulkOutcome; reason?: string; atMs: number};

export type BulkRunOptions = {
	clientFor: (host: string) => MaxScaleClient | undefined;
	/** Requests started per second, at most. */
	ratePerSecond: number;
	clock: BulkClock;
	signal: AbortSignal;
	onItem: (report: BulkItemReport) => void;
};

/**
Sends one request per target, one at a time, starting them at most `ratePerSecond` apart, until
done or aborted. A 404 means the session ended on its own first: "already gone", not a failure.
Never retried: kill and restart are not idempotent from the operator's point of view.
*/
export async function runBulk(request: BulkRequest, options: BulkRunOptions): Promise<{stopped: boolean}> {
	const spacingMs = 1000 / Math.max(0.001, options.ratePerSecond);
	let nextStartMs = options.clock.now();
	for (const target of request.targets) {
		const waitMs = nextStartMs - options.clock.now();
		if (waitMs > 0) {
			await options.clock.sleep(waitMs, options.signal);
		}

		if (options.signal.aborted) {
			return {stopped: true};
		}

		nextStartMs = Math.max(nextStartMs, options.clock.now() - spacingMs) + spacingMs;
		const client = options.clientFor(target.host);
		let outcome: BulkOutcome = 'done';
		let reason: string | undefined;
		try {
			if (!client) {
				throw new Error(`no connection configured for ${target.host}`);
			}

			await (request.kind === 'kill' ? client.killSession(target.id, {graceSeconds: request.graceSeconds}) : client.restartSession(target.id));
		} catch (error) {
			if (isApiError(error) && error.status === 404) {
				outcome = 'gone';
			} else {
				outcome = 'failed';
				reason = isApiError(error) && error.details.length > 0 ? error.details.join(' ') : errorLine(error);
			}
		}

		options.onItem({
			host: target.host, sessionId: target.id, outcome, reason, atMs: options.clock.now(),
		});
	}

	return {stopped: false};
}
