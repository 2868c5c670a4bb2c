/**
Adaptive pacing: keep the share of wall time a repeated request keeps MaxScale busy under a limit by
stretching the interval. MaxScale builds the session list on its routing workers (about 0.1 ms a session)
and serves REST requests one at a time, so a big list polled every second would stall client traffic
(see `docs/real-maxscale.md`).
*/
import {formatMilliseconds} from './format.js';

export type Pace = {
	/** Smoothed duration of the request, ms. */
	smoothedDurationMs?: number;
	/** Duration of the last request, ms. */
	lastDurationMs?: number;
	/** Start of the last request, ms on the poller's clock. */
	lastStartMs?: number;
	/** Smoothed share of wall time the request kept the server busy, 0–1 (its duration over the time to the next start). */
	serverShare?: number;
};

export const defaultMaxServerShare = 0.1;

/** Weight of a new sample within the jitter band. */
const smoothing = 0.3;

/** A sample this many times the smoothed value, or this many times smaller, replaces it at once. */
const jumpFactor = 1.25;

export function normalizeShare(maxServerShare: number | undefined): number {
	return maxServerShare === undefined || !Number.isFinite(maxServerShare) || maxServerShare <= 0 ? defaultMaxServerShare : Math.min(maxServerShare, 1);
}

/**
EWMA within a jitter band, so the interval does not flap; outside it the sample is taken at once.
A server that just got slow must be relieved now, and one that is fast again has paid for its slow
polls already (each stretched the wait after it): remembering them would keep the pace long after
MaxScale's cost came down, as if the limit were about its worst minute and not its recent cost.
*/
export function smoothDuration(previousMs: number | undefined, sampleMs: number): number {
	const sample = Math.max(0, sampleMs);
	const isJump = previousMs === undefined || sample >= previousMs * jumpFactor || sample * jumpFactor <= previousMs;
	return isJump ? sample : previousMs + (smoothing * (sample - previousMs));
}

/** Share of wall time one request kept the server busy: its duration over the time from its start to the next start. */
export function serverShareOf(durationMs: number, sinceLastStartMs: number): number {
	return sinceLastStartMs <= 0 ? 1 : Math.min(1, Math.max(0, durationMs / sinceLastStartMs));
}

/** The pace after one more measured request. */
export function recordRequest(pace: Pace, sample: {startMs: number; durationMs: number}): Pace {
	const durationMs = Math.max(0, sample.durationMs);
	let {serverShare} = pace;
	if (pace.lastStartMs !== undefined && pace.lastDurationMs !== undefined) {
		// The previous request took its share of the time up to this start (this one says nothing of the gap before it).
		const share = serverShareOf(pace.lastDurationMs, sample.startMs - pace.lastStartMs);
		serverShare = serverShare === undefined ? share : serverShare + (smoothing * (share - serverShare));
	}

	return {
		smoothedDurationMs: smoothDuration(pace.smoothedDurationMs, durationMs),
		lastDurationMs: durationMs,
		lastStartMs: sample.startMs,
		serverShare,
	};
}

/** `max(requested, max(smoothed, last duration) / maxServerShare)`: never below the requested interval. */
export function effectiveIntervalMs(pace: Pace, requestedMs: number, maxServerShare: number): number {
	const requested = Math.max(0, requestedMs);
	if (pace.smoothedDurationMs === undefined) {
		return requested;
	}

	// A poll a little slower than the average (under the jump factor) barely moves it: the share would creep over.
	const durationMs = Math.max(pace.smoothedDurationMs, pace.lastDurationMs ?? 0);
	return Math.max(requested, Math.ceil(durationMs / normalizeShare(maxServerShare)));
}

/** Why the effective interval is longer than the requested one, for the header; undefined when it is not. */
export function intervalReason(pace: Pace, requestedMs: number, maxServerShare: number, what = 'list poll'): string | undefined {
	if (pace.smoothedDurationMs === undefined || effectiveIntervalMs(pace, requestedMs, maxServerShare) <= requestedMs) {
		return undefined;
	}

	const percent = Math.round(normalizeShare(maxServerShare) * 100);
	return `${what} ${formatMilliseconds(pace.smoothedDurationMs)}; keeping MaxScale's share ≤ ${percent}%`;
}
