import assert from 'node:assert/strict';
import {test} from 'node:test';
import {fitLine, lineText, type Line} from '../../source/model/fit-line.js';
import {displayWidth} from '../../source/model/text.js';

const kill: Line = [
	{text: 'Kill session 104', priority: 9},
	{
		text: ' (reporter@10.0.2.93:49846, Read-Connection-Router)', priority: 0, cut: {min: 8, keep: ')'}, shorter: [''],
	},
	{text: ' in 15s?', priority: 9},
	{text: ' [y/N]', priority: 10},
];

test('a line that fits is left alone, unpadded', () => {
	assert.equal(fitLine(kill, 200), lineText(kill));
	assert.equal(fitLine([{text: 'a', priority: 0}], 10), 'a');
});

test('at 80, 60 and 40 columns the session label gives way first; verb, id, timing and answer keys stay', () => {
	assert.equal(fitLine(kill, 80), 'Kill session 104 (reporter@10.0.2.93:49846, Read-Connection-Rout…) in 15s? [y/N]');
	// A cut right after a space drops the space too.
	assert.equal(fitLine(kill, 60), 'Kill session 104 (reporter@10.0.2.93:49846,…) in 15s? [y/N]');
	assert.equal(fitLine(kill, 40), 'Kill session 104 (report…) in 15s? [y/N]');
	// Less than `min` left for the label: it goes entirely.
	assert.equal(fitLine(kill, 36), 'Kill session 104 in 15s? [y/N]');
});

test('shorter wordings are tried in turn, then the piece is left out', () => {
	const line: Line = [
		{text: 'Kill 12 sessions', priority: 9},
		{text: ' after how many seconds?', priority: 2, shorter: [' after how many s?', ' in N s?']},
		{text: ' (Esc cancels)', priority: 1, shorter: ['']},
		{text: ' [0 = now]', priority: 9},
	];
	assert.equal(fitLine(line, 80), 'Kill 12 sessions after how many seconds? (Esc cancels) [0 = now]');
	assert.equal(fitLine(line, 60), 'Kill 12 sessions after how many seconds? [0 = now]');
	assert.equal(fitLine(line, 45), 'Kill 12 sessions after how many s? [0 = now]');
	assert.equal(fitLine(line, 40), 'Kill 12 sessions in N s? [0 = now]');
});

test('room left by a jump to a much shorter wording goes back to the pieces that gave way before it', () => {
	const line: Line = [
		{text: 'Kill 7', priority: 9},
		{
			text: ' (someone@somewhere)', priority: 0, cut: {min: 6, keep: ')'}, shorter: [''],
		},
		{text: ' after how many seconds?', priority: 1, shorter: [' in N s?']},
	];
	// The label alone cannot make room, the question's short form leaves some back for it.
	assert.equal(fitLine(line, 28), 'Kill 7 (someone@so…) in N s?');
});

test('a typed answer is cut from its start, keeping the cursor end; equal priorities give way right to left', () => {
	const line: Line = [
		{text: 'Filter', priority: 9},
		{text: ' (Enter keeps, Esc cancels)', priority: 1, shorter: ['']},
		{text: ':', priority: 9},
		{text: ` ${'user:appuser '.repeat(5)}idle>600_`, priority: 8, cut: {min: 4, from: 'start'}},
	];
	const fitted = fitLine(line, 40);
	assert.equal(displayWidth(fitted), 40);
	assert.match(fitted, /^Filter: ….*idle>600_$/v);
});

test('never wider than the width, even when the essentials alone are too wide; ASCII uses ~ and spells … out', () => {
	for (const width of [1, 5, 12, 20, 33, 40, 60, 80]) {
		assert.ok(displayWidth(fitLine(kill, width)) <= width, String(width));
	}

	const ascii = fitLine([{text: 'connecting…', priority: 9}, {text: ' (a long way away from here)', priority: 0, cut: {min: 6, keep: ')'}}], 24, {ascii: true});
	assert.equal(ascii, 'connecting... (a long~)');
	assert.doesNotMatch(ascii, /[^\u{20}-\u{7E}]/v);
});

test('wide characters are counted as two cells', () => {
	const line: Line = [{text: 'Kill session 5', priority: 9}, {
		text: ' (用户@客户端, 服务)', priority: 0, cut: {min: 6, keep: ')'}, shorter: [''],
	}, {text: ' now? [y/N]', priority: 9}];
	assert.equal(fitLine(line, 34), 'Kill session 5 (用户@…) now? [y/N]');
	// A wide character that would straddle the cut is left out whole.
	assert.equal(fitLine(line, 33), 'Kill session 5 (用户…) now? [y/N]');
});
