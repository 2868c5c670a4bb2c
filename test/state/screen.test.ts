import {test} from 'node:test';
import assert from 'node:assert/strict';
import {type KeyPress, helpLines} from '../../source/keymap.js';
import type {Session} from '../../source/model/session.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {selectScreen, type Screen} from '../../source/state/screen.js';
import type {State} from '../../source/state/types.js';
import {generateSessions} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';
const sizes = [[80, 24], [60, 20], [200, 50]] as const;

function run(state: State, ...actions: Action[]): State {
	return actions.reduce((current, action) => reducer(current, action), state);
}

function key(input: string, flags: KeyPress = {}, atMs = 1000): Action {
	return {
		type: 'key', input, key: flags, atMs,
	};
}

function sessions(list: Session[], atMs = 1000): Action {
	return {type: 'sessions', snapshot: {host, atMs, sessions: list}};
}

/**
One connected MaxScale with two routing workers (one meter line) and `count` sessions.
*/
function live(width: number, height: number, count = 100): State {
	return run(
		createInitialState({
			hosts: [host], sort: 'id', readOnly: false, intervalSeconds: 1,
		}),
		{type: 'resize', width, height},
		{
			type: 'status', status: {
				host, state: 'ok', effectiveIntervalMs: 1000, lastSuccessMs: 1000,
			},
		},
		sessions(generateSessions(count)),
		{type: 'counters', snapshot: {host, atMs: 1000, threads: [{id: '0', sessions: 50, loadLastSecond: 10}, {id: '1', sessions: 50, loadLastSecond: 20}]}},
	);
}

function tableRows(screen: Screen) {
	assert.equal(screen.body.kind, 'table');
	return screen.body.kind === 'table' ? screen.body.rows : [];
}

test('the table gets every line the header and the two bottom lines leave, less its titles', () => {
	for (const [width, height] of sizes) {
		const state = live(width, height);
		const screen = selectScreen(state, {width, height}, 1000);
		// Two header lines and one meter line.
		assert.equal(screen.header.length, 3, `${width}x${height}`);
		assert.equal(screen.bodyHeight, height - 3 - 2);
		assert.equal(screen.bottom.length, 2);
		assert.equal(tableRows(screen).length, height - 6, `${width}x${height}`);
		assert.equal(state.pageSize, height - 6, 'the reducer knows the page size without a frame drawn');
		assert.ok(tableRows(screen)[0]!.selected);
	}
});

test('with fewer sessions than fit, every session is shown and the page size stays', () => {
	for (const [width, height] of sizes) {
		const state = live(width, height, 5);
		assert.equal(tableRows(selectScreen(state, {width, height}, 1000)).length, 5);
		assert.equal(state.pageSize, height - 6);
	}
});

test('PgDn moves by the page on screen and the header names the rows shown', () => {
	for (const [width, height] of sizes) {
		const state = run(live(width, height), key('', {pageDown: true}));
		const page = height - 6;
		assert.equal(state.cursorIndex, page);
		const rows = tableRows(selectScreen(state, {width, height}, 1000));
		assert.equal(rows.length, page);
		assert.ok(rows.at(-1)!.selected, 'the cursor is on the last row shown');
		assert.match(screenText(selectScreen(state, {width, height}, 1000)), new RegExp(`2–${page + 1} of 100 sessions`));
	}
});

test('a key that changes the header changes the page size at once (t hides the meters)', () => {
	const state = run(live(80, 24), key('t'));
	assert.equal(state.pageSize, 19);
	assert.equal(tableRows(selectScreen(state, {width: 80, height: 24}, 1000)).length, 19);
});

test('a resize reaches the page size and the columns shown', () => {
	let state = live(200, 50);
	const wide = state.shownColumns!.length;
	state = run(state, {type: 'resize', width: 60, height: 20});
	assert.equal(state.pageSize, 14);
	assert.ok(state.shownColumns!.length < wide, 'fewer columns fit 60 than 200 columns');
});

test('sessions that just closed take up to three of the table\'s lines until they expire', () => {
	const all = generateSessions(100);
	const state = run(live(80, 24), sessions(all.slice(2), 2000));
	const screen = selectScreen(state, {width: 80, height: 24}, 2000);
	// The churn line joins the header: 24 - 4 - 2 lines for the table, its titles and two tombstones.
	assert.equal(screen.header.length, 4);
	assert.equal(state.pageSize, 15);
	const rows = tableRows(screen);
	assert.equal(rows.length, 17);
	assert.deepEqual(rows.slice(15).map(row => row.mark), ['tombstone', 'tombstone']);
	// Five seconds later the tombstones are gone and a key sees the whole page again.
	assert.equal(tableRows(selectScreen(state, {width: 80, height: 24}, 7000)).length, 17);
	assert.equal(run(state, key('', {downArrow: true}, 7000)).pageSize, 17);
});

test('the help pane scrolls as far as its lines go past the body', () => {
	for (const [width, height] of sizes) {
		const state = run(live(width, height), key('?'));
		const screen = selectScreen(state, {width, height}, 1000);
		assert.strictEqual(screen.body.kind, 'lines');
		assert.equal(screen.body.lines.length, Math.min(screen.bodyHeight, helpLines(width).length + 1));
		assert.equal(state.mode.kind === 'help' && state.mode.maxScroll, Math.max(0, helpLines(width).length - (screen.bodyHeight - 1)));
	}
});

test('a terminal too small for the table is one line saying so', () => {
	const screen = selectScreen(live(39, 24), {width: 39, height: 24}, 1000);
	assert.match(screen.tooSmall ?? '', /terminal too small \(39x24\)/);
});

function screenText(screen: Screen): string {
	return screen.header.map(line => line.text).join('\n');
}
