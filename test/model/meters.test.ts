import {test} from 'node:test';
import assert from 'node:assert/strict';
import {glyphs} from '../../source/model/charset.js';
import {meterBar, meterLines, meterSummary} from '../../source/model/meters.js';
import {displayWidth} from '../../source/model/text.js';

const threads = [
	{id: '0', sessions: 120, loadLastSecond: 90},
	{id: '1', sessions: 3, loadLastSecond: 5},
];

test('one meter per worker with load bar, load % and session count, each line the full width', () => {
	const lines = meterLines(threads, {width: 80, maxLines: 2, glyphs: glyphs(true)});
	assert.equal(lines.length, 1);
	assert.equal(displayWidth(lines[0]!), 80);
	assert.match(lines[0]!, /0 \[█+░+\] {2}90% 120/v);
	assert.match(lines[0]!, /1 \[█?░+\] {3}5% {3}3/v);
});

test('the bar fills in proportion to the load; no load figure draws an empty bar', () => {
	assert.equal(meterBar(50, 12, glyphs(false)), '[#####.....]');
	assert.equal(meterBar(undefined, 6, glyphs(false)), '[....]');
	assert.equal(meterBar(250, 6, glyphs(false)), '[####]');
});

test('more workers than fit collapse into one summary naming the busiest', () => {
	const many = Array.from({length: 16}, (_, index) => ({id: String(index), sessions: index * 10, loadLastSecond: index === 7 ? 99 : 10}));
	const lines = meterLines(many, {
		width: 60, maxLines: 2, glyphs: glyphs(false), ascii: true,
	});
	assert.equal(lines.length, 1);
	assert.equal(lines[0]!.length, 60);
	assert.match(lines[0]!, /^16 workers +load \[[#.]+\] avg +\d+% max +99% \(worker 7\)/v);
	assert.match(meterSummary(many, {width: 200, glyphs: glyphs(false)}), /sessions 0-150 per worker/v);
});

test('ASCII meters draw no byte above 0x7F', () => {
	const lines = meterLines(threads, {
		width: 100, maxLines: 4, glyphs: glyphs(false), ascii: true,
	});
	assert.ok(lines.length > 0);
	assert.ok(lines.every(line => [...Buffer.from(line)].every(byte => byte < 0x80)), lines.join('\n'));
});

test('no threads, no room or no width: no lines', () => {
	assert.deepEqual(meterLines([], {width: 80, maxLines: 2, glyphs: glyphs(true)}), []);
	assert.deepEqual(meterLines(threads, {width: 80, maxLines: 0, glyphs: glyphs(true)}), []);
});
