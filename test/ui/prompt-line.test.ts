import assert from 'node:assert/strict';
import {test} from 'node:test';
import {errorLine, fitLine, type Line} from '../../source/model/fit-line.js';
import {displayWidth} from '../../source/model/text.js';
import {
	answerKeys,
	bulkCountLine,
	bulkGraceLine,
	killConfirmLine,
	killGraceLine,
	restartAllLine,
	typedPart,
} from '../../source/state/prompt-lines.js';
import type {Target} from '../../source/state/types.js';
import {sid} from '../helpers/session-id.js';

const target: Target = {
	key: 'h\u{0}104', host: 'h', id: sid('104'), label: '104 (reporter@10.0.2.93:49846, Read-Connection-Router)', detail: 'reporter@10.0.2.93:49846, Read-Connection-Router',
};

function prompt(label: Line, typed: string, width: number): string {
	return fitLine([...label, typedPart(typed)], width);
}

function confirm(question: Line, width: number): string {
	return fitLine([...question, answerKeys], width);
}

const widths = [80, 60, 40];

test('the kill question keeps verb, id, timing and [y/N] from 80 down to 40 columns, shortening the label first', () => {
	assert.deepEqual(widths.map(width => confirm(killConfirmLine(target, 15), width)), [
		'Kill session 104 (reporter@10.0.2.93:49846, Read-Connection-Rout…) in 15s? [y/N]',
		'Kill session 104 (reporter@10.0.2.93:49846,…) in 15s? [y/N]',
		'Kill session 104 (report…) in 15s? [y/N]',
	]);
	assert.deepEqual(widths.map(width => confirm(killConfirmLine(target, 0), width)), [
		'Kill session 104 (reporter@10.0.2.93:49846, Read-Connection-Router) now? [y/N]',
		'Kill session 104 (reporter@10.0.2.93:49846, Rea…) now? [y/N]',
		'Kill session 104 (reporter@…) now? [y/N]',
	]);
});

test('the grace prompt keeps [0 = now] and the typed seconds', () => {
	assert.deepEqual(widths.map(width => prompt(killGraceLine(target), '15', width)), [
		'Kill session 104 (reporter@10.0.2.93:498…) after how many seconds? [0 = now] 15_',
		'Kill session 104 after how many seconds? [0 = now] 15_',
		'Kill session 104 in N s? [0 = now] 15_',
	]);
});

test('restart all keeps what to type; the courtesy words and the host give way', () => {
	assert.deepEqual(widths.map(width => prompt(restartAllLine('127.0.0.1:42599'), 'rest', width)), [
		'Restart ALL sessions on 127.0.0.1:42599? Type "restart" and Enter: rest_',
		'Restart ALL sessions on 127.0.0.1:42…? Type "restart": rest_',
		'Restart ALL? Type "restart": rest_',
	]);
});

test('the bulk kill prompts keep the count, the timing and what to type', () => {
	assert.deepEqual(widths.map(width => prompt(bulkGraceLine(1234, 'matching'), '', width)), [
		'Kill 1234 matching sessions after how many seconds? [0 = now] _',
		'Kill 1234 sessions after how many seconds? [0 = now] _',
		'Kill 1234 sessions in N s? [0 = now] _',
	]);
	assert.deepEqual(widths.map(width => prompt(bulkCountLine(1234, 'in 30s'), '12', width)), [
		'Kill 1234 sessions in 30s? Type 1234 and Enter (Esc cancels): 12_',
		'Kill 1234 sessions in 30s? Type 1234 and Enter: 12_',
		'Kill 1234 in 30s? Type 1234: 12_',
	]);
});

test('a long typed answer keeps its end, where the cursor is', () => {
	const line = prompt(killGraceLine(target), '1'.repeat(50), 40);
	assert.equal(displayWidth(line), 40);
	assert.match(line, /^Kill session 104 in N s\? \[0 = now\] …1+_$/v);
});

test('an error keeps its reason in brackets; the message before it is cut instead', () => {
	const message = 'kill of session 104 failed: could not connect to http://127.0.0.1:42599 (connection refused)';
	assert.deepEqual(widths.map(width => fitLine(errorLine(message), width)), [
		'maxtop: kill of session 104 failed: could not connect to h… (connection refused)',
		'maxtop: kill of session 104 failed: co… (connection refused)',
		// The prefix goes once the message is down to its shortest.
		'kill of session 10… (connection refused)',
	]);
	assert.equal(fitLine(errorLine('no session selected'), 80), 'maxtop: no session selected');
});

test('the hint lines of l and f keep their keys whole from 80 down to 40 columns', async () => {
	const {logHint} = await import('../../source/state/log-levels.js');
	const {chainHint} = await import('../../source/state/filter-chain.js');
	assert.deepEqual(widths.map(width => fitLine(logHint, width)), [
		'Space/Enter on/off; L turns it on for N minutes; Esc closes',
		'Space/Enter on/off; L turns it on for N minutes; Esc closes',
		'Space/Enter on/off; Esc closes',
	]);
	assert.deepEqual(widths.map(width => fitLine(chainHint('my-log-filter → my-cache-filter → my-regex-filter'), width)), [
		'  chain: my-log-filter → my-cache-filter → my…   (Space add/remove, Enter apply)',
		'  chain: my-log-filter →…   (Space add/remove, Enter apply)',
		'  (Space add/remove, Enter apply)',
	]);
});
