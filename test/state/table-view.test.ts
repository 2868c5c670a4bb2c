import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KeyPress} from '../../source/keymap.js';
import {sortSessions} from '../../source/model/sort.js';
import type {Session} from '../../source/model/session.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {visibleRows} from '../../source/state/selectors.js';
import {selectedSession} from '../../source/state/table.js';
import type {State} from '../../source/state/types.js';
import {generateSessions} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';

function initial(): State {
	return createInitialState({
		hosts: [host], sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 10,
	});
}

function run(state: State, ...actions: Action[]): State {
	return actions.reduce((current, action) => reducer(current, action), state);
}

function snapshot(sessions: Session[]): Action {
	return {type: 'sessions', snapshot: {host, atMs: 1000, sessions}};
}

/**
A key pressed at `atMs` (a clock makes cursor keys freeze the row order, as in the program).
*/
function key(input: string, flags: KeyPress = {}, atMs = 2000): Action {
	return {
		type: 'key', input, key: flags, atMs,
	};
}

const escape = key('', {escape: true});
const sessions = generateSessions(100);

function scrolled(): State {
	const state = run(initial(), snapshot(sessions), {type: 'viewport', pageSize: 10}, key('', {pageDown: true}), key('', {pageDown: true}), key('', {pageDown: true}));
	assert.equal(state.cursorIndex, 30);
	assert.ok(visibleRows(state).offset > 0);
	return state;
}

const sortKeys: Array<[string, KeyPress, (state: State) => void]> = [
	['i', {}, state => {
		assert.equal(state.sort.key, 'idle');
	}],
	['m', {}, state => {
		assert.equal(state.sort.key, 'memory');
	}],
	['I', {}, state => {
		assert.equal(state.sort.descending, false);
	}],
	['<', {}, state => {
		assert.notEqual(state.sort.key, 'memory');
	}],
	['>', {}, state => {
		assert.notEqual(state.sort.key, 'memory');
	}],
];

for (const [input, flags, check] of sortKeys) {
	test(`${input} starts the new order at its top: cursor and view on the first row, the order not frozen`, () => {
		const state = run(scrolled(), key(input, flags));
		check(state);
		const expected = sortSessions(sessions, state.sort.key, state.sort.descending);
		assert.equal(state.cursorIndex, 0);
		assert.equal(state.offset, 0);
		assert.equal(selectedSession(state)?.id, expected[0]!.id);
		assert.deepEqual(visibleRows(state).rows.map(session => session.id), expected.slice(0, 10).map(session => session.id));
		assert.equal(state.frozenUntilMs, undefined);
	});
}

test('a refresh after a new sort keeps the cursor on the session it now selects', () => {
	let state = run(scrolled(), key('i'));
	const top = selectedSession(state)!;
	state = run(state, snapshot(sessions.map(session => session.id === top.id ? {...session, idleSeconds: 0} : session)));
	assert.equal(selectedSession(state)?.id, top.id);
});

test('Esc leaves the group view; g still cycles the groupings', () => {
	let state = run(initial(), snapshot(sessions), key('g'));
	assert.equal(state.grouping, 'user');
	state = run(state, key('g'), key('', {downArrow: true}));
	assert.equal(state.grouping, 'client');
	state = run(state, escape);
	assert.equal(state.grouping, 'none');
	assert.equal(state.mode.kind, 'table');
	assert.equal(state.status?.text, 'grouping off');
	// Esc on the plain table changes nothing.
	assert.equal(run(state, escape).grouping, 'none');
});

test('Esc in the group view stops a running bulk action first, and leaves the view only after that', () => {
	const grouped = run(initial(), snapshot(sessions), key('g'));
	const busy: State = {
		...grouped,
		bulk: {
			id: 1, kind: 'kill', graceSeconds: 0, total: 10, done: 2, gone: 0, failed: 0, reasons: [], running: true, stopRequested: false, stopped: false,
		},
	};
	const stopping = run(busy, escape);
	assert.equal(stopping.bulk?.stopRequested, true);
	assert.equal(stopping.grouping, 'user');
	assert.equal(run(stopping, escape).grouping, 'none');
});

test('a status message made on the table is not shown on the detail pane, help or group view', () => {
	const table = run(initial(), snapshot(sessions), key('+'));
	assert.equal(table.status?.text, 'refresh every 3s requested');
	for (const [name, actions] of [['detail', [key('\r', {return: true})]], ['help', [key('?')]], ['churn', [key('c')]], ['columns', [key('C')]]] as const) {
		const other = run(table, ...actions);
		assert.notEqual(other.mode.kind, 'table', name);
		assert.equal(other.status, undefined, name);
		// Back on the table it is not brought back either: it was news when it was made.
		assert.equal(run(other, escape).status, undefined, name);
	}

	const grouped = run(table, key('g'));
	assert.match(grouped.status?.text ?? '', /^grouped by user/v);
	assert.equal(run(grouped, key('', {downArrow: true})).status?.text, grouped.status?.text);
	// A message on the group view stays with it: Enter filters to the group and says so itself.
	const filtered = run(grouped, key('u'), key('\r', {return: true}));
	assert.match(filtered.status?.text ?? '', /^filter: /v);
});

test('a status message made on a pane is not shown on the table after it closes', () => {
	const detail = run(initial(), snapshot(sessions), key('\r', {return: true}), key('d'));
	assert.equal(detail.status?.text, 'reverse DNS on');
	assert.equal(run(detail, key('p')).status?.text, 'polling paused (p resumes)');
	assert.equal(run(detail, escape).status, undefined);
	// A result that arrives while the pane is open belongs to the pane.
	const answered = run(detail, {type: 'commandDone', text: 'session 1 restarts at its next query', error: false});
	assert.equal(answered.status?.text, 'session 1 restarts at its next query');
	assert.equal(run(answered, escape).status, undefined);
	// Another session's pane is another screen.
	const other = run(answered, escape, key('', {downArrow: true}), key('\r', {return: true}));
	assert.equal(other.status, undefined);
	const grouped = run(initial(), snapshot(sessions), key('g'), key('u'));
	assert.equal(grouped.status?.text, 'no tags to clear');
	assert.equal(run(grouped, key('?')).status, undefined);
});

test('a question asked over the table keeps the table\'s message for after it', () => {
	const table = run(initial(), snapshot(sessions), key('+'));
	const asked = run(table, key('k'));
	assert.equal(asked.mode.kind, 'prompt');
	assert.equal(asked.status?.text, 'refresh every 3s requested');
});

test('a bulk kill counts each outcome, keeps the first distinct reasons and marks what it killed as pending', () => {
	const busy: State = {
		...run(initial(), snapshot(sessions)),
		bulk: {
			id: 1, kind: 'kill', graceSeconds: 5, total: 6, done: 0, gone: 0, failed: 0, reasons: [], running: true, stopRequested: false, stopped: false,
		},
	};
	const item = (sessionId: string, outcome: 'done' | 'gone' | 'failed', reason?: string): Action => ({
		type: 'bulkItem', id: 1, host, sessionId, outcome, reason, atMs: 3000,
	});
	const after = run(busy, item('1', 'done'), item('2', 'gone'), item('3', 'failed', 'HTTP 403'), item('4', 'failed', 'HTTP 403'), item('5', 'failed'), {type: 'bulkFinished', id: 1, stopped: false});
	assert.equal(after.status?.text, 'bulk kill: 1 killed, 1 already gone, 3 failed, 1 not sent (HTTP 403; unknown error)');
	assert.equal(after.status?.error, true);
	assert.deepEqual([...after.pendingKills.values()], [{
		host, id: '1', sentMs: 3000, graceSeconds: 5,
	}]);
});
