import {test} from 'node:test';
import assert from 'node:assert/strict';
import {judgeSoak, type SoakSample} from '../../scripts/soak-verdict.js';

// 30 minutes sampled every 30 s, with a ±0.5 MiB wobble as the collector runs.
function series(rss: (minute: number) => number): SoakSample[] {
	return Array.from({length: 60}, (_, index) => {
		const minute = (index + 1) / 2;
		return {minute, rssMib: rss(minute) + (index % 2 === 0 ? 0.5 : -0.5)};
	});
}

test('a steady climb is a leak; a climb that slows to a level is warm-up; a level is flat', () => {
	const leak = judgeSoak(series(minute => 170 + (0.3 * minute)), 30, 5);
	assert.equal(leak.isLeak, true, leak.verdict);
	assert.match(leak.verdict, /^a leak: still climbing at \+0\.[23]\d* MiB\/min/v);

	const warming = judgeSoak(series(minute => 182 - (12 * Math.exp(-minute / 5))), 30, 5);
	assert.equal(warming.isLeak, false, warming.verdict);
	assert.match(warming.verdict, /^warm-up/v);

	const flat = judgeSoak(series(() => 180), 30, 5);
	assert.equal(flat.isLeak, false);
	assert.match(flat.verdict, /^flat/v);

	assert.match(judgeSoak(series(() => 180).slice(0, 6), 3, 1).verdict, /^too short/v);
});
