import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	effectiveIntervalMs,
	intervalReason,
	normalizeShare,
	recordRequest,
	serverShareOf,
	smoothDuration,
	type Pace,
} from '../../source/model/pacing.js';

/**
Whether each value is at most the one before it (or, with `rising`, at least).
*/
function isMonotonic(values: number[], isRising = false): boolean {
	return values.every((value, index) => index === 0 || (isRising ? value >= values[index - 1]! : value <= values[index - 1]!));
}

/**
Polls back to back at the effective interval, as the poller's loop does.
*/
function run(durationsMs: number[], requestedMs: number, maxShare = 0.1, pace: Pace = {}): {pace: Pace; intervals: number[]; shares: number[]} {
	let startMs = pace.lastStartMs === undefined ? 0 : pace.lastStartMs + effectiveIntervalMs(pace, requestedMs, maxShare);
	const intervals: number[] = [];
	const shares: number[] = [];
	for (const durationMs of durationsMs) {
		if (pace.lastStartMs !== undefined) {
			shares.push(serverShareOf(durationMs, startMs - pace.lastStartMs));
		}

		pace = recordRequest(pace, {startMs, durationMs});
		const intervalMs = effectiveIntervalMs(pace, requestedMs, maxShare);
		intervals.push(intervalMs);
		startMs += intervalMs;
	}

	return {pace, intervals, shares};
}

test('a fast list keeps the requested interval and gives no reason', () => {
	const {pace, intervals} = run([20, 30, 25, 40], 2000);
	assert.deepEqual(intervals, [2000, 2000, 2000, 2000]);
	assert.equal(intervalReason(pace, 2000, 0.1), undefined);
});

test('a 1 s list with 10% share settles at 10 s and keeps the share at 10%', () => {
	const {pace, intervals, shares} = run(Array.from({length: 8}, () => 1000), 2000);
	assert.ok(intervals.every(ms => ms === 10_000), intervals.join(','));
	assert.ok(shares.every(share => share <= 0.1 + 1e-9), shares.join(','));
	assert.equal(intervalReason(pace, 2000, 0.1), 'list poll 1.0 s; keeping MaxScale\'s share ≤ 10%');
	assert.ok(Math.abs((pace.serverShare ?? 0) - 0.1) < 1e-9);
});

test('a big increase stretches the interval at once', () => {
	const {intervals} = run([50, 50, 50, 800], 1000);
	assert.deepEqual(intervals, [1000, 1000, 1000, 8000]);
});

test('a slower poll stretches the next interval at once, so the share stays at the limit; no overshoot', () => {
	const {intervals} = run([1000, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100, 1100], 1000);
	assert.equal(intervals[0], 10_000);
	// Paced by the smoothed duration alone, the second interval was ~10,300 ms: a 10.7% share.
	assert.equal(intervals[1], 11_000);
	assert.ok(intervals.every(interval => interval <= 11_000), intervals.join(','));
	assert.ok(isMonotonic(intervals, true), intervals.join(','));
});

test('when the server gets fast again the interval is the requested one at once, never below', () => {
	const slow = run([5000, 5000, 5000], 2000);
	assert.deepEqual(slow.intervals, [50_000, 50_000, 50_000]);
	const fast = run(Array.from({length: 6}, () => 8), 2000, 0.1, slow.pace);
	// The slow polls were paid for by the waits after them; the pace follows MaxScale's recent cost.
	assert.deepEqual(fast.intervals, [2000, 2000, 2000, 2000, 2000, 2000]);
	assert.equal(intervalReason(fast.pace, 2000, 0.1), undefined);
	assert.ok((fast.pace.serverShare ?? 1) <= 0.1, String(fast.pace.serverShare));
});

test('jitter within the band moves the interval gently; a poll well under the average ends a slow spell', () => {
	const {intervals} = run([1000, 900, 1100, 950, 1050, 600], 2000);
	assert.deepEqual(intervals.slice(0, 5), [10_000, 9700, 11_000, 9913, 10_500]);
	assert.equal(intervals[5], 6000);
});

test('every poll is paid for by the wait after it, whatever the durations', () => {
	const durations = [10, 5000, 9800, 8, 700, 1200, 30, 4000, 12, 12];
	let pace: Pace = {};
	let startMs = 0;
	for (const durationMs of durations) {
		pace = recordRequest(pace, {startMs, durationMs});
		const intervalMs = effectiveIntervalMs(pace, 2000, 0.1);
		assert.ok(durationMs <= 0.1 * intervalMs, `${durationMs} ms then ${intervalMs} ms`);
		startMs += intervalMs;
		assert.ok((pace.serverShare ?? 0) <= 0.1 + 1e-9, String(pace.serverShare));
	}
});

test('the share limit scales the interval', () => {
	const pace = recordRequest({}, {startMs: 0, durationMs: 300});
	assert.equal(effectiveIntervalMs(pace, 500, 0.1), 3000);
	assert.equal(effectiveIntervalMs(pace, 500, 0.5), 600);
	assert.equal(effectiveIntervalMs(pace, 5000, 0.1), 5000);
	assert.equal(intervalReason(pace, 500, 0.25), 'list poll 300 ms; keeping MaxScale\'s share ≤ 25%');
});

test('no measurement yet: the requested interval', () => {
	assert.equal(effectiveIntervalMs({}, 2000, 0.1), 2000);
	assert.equal(intervalReason({}, 2000, 0.1), undefined);
});

test('serverShare is duration over the time between starts, clamped to 0–1', () => {
	assert.equal(serverShareOf(100, 1000), 0.1);
	assert.equal(serverShareOf(2000, 1000), 1);
	assert.equal(serverShareOf(10, 0), 1);
	let pace = recordRequest({}, {startMs: 0, durationMs: 500});
	assert.equal(pace.serverShare, undefined, 'one poll has no interval yet');
	pace = recordRequest(pace, {startMs: 1000, durationMs: 500});
	assert.equal(pace.serverShare, 0.5);
	pace = recordRequest({}, {startMs: 0, durationMs: 5000});
	pace = recordRequest(pace, {startMs: 50_000, durationMs: 8});
	assert.equal(pace.serverShare, 0.1, 'the 5 s poll over the 50 s to the next start, not 8 ms over them');
});

test('smoothDuration: first sample and big jumps either way taken as is, jitter smoothed', () => {
	assert.equal(smoothDuration(undefined, 42), 42);
	assert.equal(smoothDuration(100, 400), 400);
	assert.equal(smoothDuration(100, 0), 0);
	assert.equal(smoothDuration(100, 80), 80);
	assert.equal(smoothDuration(100, 90), 97);
	assert.equal(smoothDuration(100, 110), 103);
	assert.equal(smoothDuration(undefined, -5), 0);
});

test('normalizeShare falls back to 10% for nonsense and caps at 100%', () => {
	assert.equal(normalizeShare(undefined), 0.1);
	assert.equal(normalizeShare(0), 0.1);
	assert.equal(normalizeShare(-1), 0.1);
	assert.equal(normalizeShare(NaN), 0.1);
	assert.equal(normalizeShare(3), 1);
	assert.equal(normalizeShare(0.05), 0.05);
});
