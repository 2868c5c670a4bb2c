import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KeyPress} from '../../source/keymap.js';
import {shrinkAfterRefreshes} from '../../source/model/content-width.js';
import {lineText} from '../../source/model/fit-line.js';
import type {Session} from '../../source/model/session.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {pendingKillText, visibleRows} from '../../source/state/selectors.js';
import {selectedSession} from '../../source/state/table.js';
import type {State} from '../../source/state/types.js';
import {generateSessions, legacySession, makeSession} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';

function initial(overrides: Partial<Parameters<typeof createInitialState>[0]> = {}): State {
	return createInitialState({
		hosts: [host], sort: 'memory', readOnly: false, intervalSeconds: 1, pageSize: 5, ...overrides,
	});
}

function run(state: State, ...actions: Action[]): State {
	return actions.reduce((current, action) => reducer(current, action), state);
}

function snapshot(sessions: Session[], snapshotHost = host): Action {
	return {type: 'sessions', snapshot: {host: snapshotHost, atMs: 0, sessions}};
}

function key(input: string, flags: KeyPress = {}): Action {
	return {type: 'key', input, key: flags};
}

test('the cursor stays on the same session across refreshes', () => {
	const sessions = [makeSession({id: '1', memoryBytes: 300}), makeSession({id: '2', memoryBytes: 200}), makeSession({id: '3', memoryBytes: 100})];
	let state = run(initial(), snapshot(sessions), key('', {downArrow: true}));
	assert.equal(selectedSession(state)?.id, '2');
	// Session 2 now uses the most memory: it moves to the top and the cursor follows it.
	state = run(state, snapshot([makeSession({id: '1', memoryBytes: 300}), makeSession({id: '2', memoryBytes: 900}), makeSession({id: '3', memoryBytes: 100})]));
	assert.equal(state.cursorIndex, 0);
	assert.equal(selectedSession(state)?.id, '2');
});

test('when the selected session vanishes the cursor stays at the same index', () => {
	const sessions = generateSessions(10);
	let state = run(initial({sort: 'id'}), snapshot(sessions), key('', {downArrow: true}), key('', {downArrow: true}));
	assert.equal(selectedSession(state)?.id, '3');
	state = run(state, snapshot(sessions.filter(session => session.id !== '3')));
	assert.equal(state.cursorIndex, 2);
	assert.equal(selectedSession(state)?.id, '4');
	state = run(state, snapshot([]));
	assert.equal(selectedSession(state), undefined);
	state = run(state, snapshot(sessions.slice(0, 2)));
	assert.equal(selectedSession(state)?.id, '1');
});

test('a burst of keys is applied in full', () => {
	const state = run(initial({sort: 'id'}), snapshot(generateSessions(20)), key('', {downArrow: true}), key('', {downArrow: true}), key('', {downArrow: true}));
	assert.equal(state.cursorIndex, 3);
});

test('the viewport follows the cursor and never shows more rows than fit', () => {
	let state = run(initial({sort: 'id'}), snapshot(generateSessions(100)), {type: 'viewport', pageSize: 10}, key('', {pageDown: true}));
	assert.equal(state.cursorIndex, 10);
	assert.equal(visibleRows(state).rows.length, 10);
	assert.equal(visibleRows(state).offset, 1);
	state = run(state, key('', {end: true}));
	assert.equal(visibleRows(state).offset, 90);
	assert.equal(visibleRows(state).rows.at(-1)?.id, '100');
	state = run(state, key('', {home: true}));
	assert.equal(visibleRows(state).offset, 0);
});

test('memory sort falls back to idle on servers that do not report memory', () => {
	const state = run(initial(), snapshot([legacySession('1', {idleSeconds: 1}), legacySession('2', {idleSeconds: 50})]));
	assert.equal(state.sort.key, 'idle');
	assert.equal(state.rows[0]?.id, '2');
	const refused = run(state, key('m'));
	assert.equal(refused.sort.key, 'idle');
	assert.match(refused.status?.text ?? '', /22\.08/v);
});

test('< and > walk through the sortable columns the data has', () => {
	let state = run(initial(), snapshot([legacySession('1'), legacySession('2')]));
	assert.equal(state.sort.key, 'idle');
	state = run(state, key('>'));
	assert.equal(state.sort.key, 'id');
	state = run(state, key('<'));
	assert.equal(state.sort.key, 'idle');
	state = run(state, key('<'));
	assert.equal(state.sort.key, 'state');
});

test('a kill asks for a grace period, refuses bad input, then asks y/N naming the session', () => {
	let state = run(initial(), snapshot([makeSession({
		id: '7', user: 'bob', remote: '10.1.1.1', port: 5000,
	})]), key('k'));
	assert.equal(state.mode.kind, 'prompt');
	const refusals = ['-1', '1.5', 'abc'].map(bad => run(state, key(bad), key('\r', {return: true})));
	assert.deepEqual(refusals.map(refused => refused.mode.kind), ['prompt', 'prompt', 'prompt']);
	assert.deepEqual(refusals.map(refused => refused.mode.kind === 'prompt' && refused.mode.error?.includes('is not a whole number')), [true, true, true]);
	assert.deepEqual(refusals.map(refused => refused.commands.length), [0, 0, 0]);

	state = run(state, key('5'), key('\r', {return: true}));
	assert.equal(state.mode.kind, 'confirm');
	assert.match(state.mode.kind === 'confirm' ? lineText(state.mode.question) : '', /7 \(bob@10\.1\.1\.1:5000, RW-Split-Router\) in 5s/v);
	const cancelled = run(state, key('\r', {return: true}));
	assert.equal(cancelled.mode.kind, 'table');
	assert.equal(cancelled.commands.length, 0);
	const confirmed = run(state, key('y'));
	assert.deepEqual(confirmed.commands.map(command => command.kind), ['kill']);
	assert.deepEqual(confirmed.commands[0], {
		id: 1, kind: 'kill', host, sessionId: '7', graceSeconds: 5,
	});
});

test('a pending kill counts down, then reads killing…, and is reported gone when the session leaves', () => {
	const sessions = [makeSession({id: '7'}), makeSession({id: '8'})];
	let state = run(initial(), snapshot(sessions), {
		type: 'killSent', host, id: '7', graceSeconds: 5, sentMs: 10_000,
	});
	const kill = state.pendingKills.get(`${host}\u{0}7`)!;
	assert.equal(pendingKillText(kill, 10_000), '✖ kill 5s');
	assert.equal(pendingKillText(kill, 11_200, true), 'x kill 4s');
	assert.equal(pendingKillText(kill, 15_000), '✖ killing…');
	state = run(state, snapshot(sessions));
	assert.equal(state.pendingKills.size, 1);
	state = run(state, snapshot([makeSession({id: '8'})]));
	assert.equal(state.pendingKills.size, 0);
	assert.equal(state.status?.text, 'session 7 is gone');
});

test('read-only mode refuses every mutating key and queues nothing', () => {
	let state = run(initial({readOnly: true}), snapshot([makeSession({id: '1'})]));
	const refused = ['k', 'r', 'R'].map(input => run(state, key(input)));
	assert.deepEqual(refused.map(next => next.mode.kind), ['table', 'table', 'table']);
	assert.deepEqual(refused.map(next => next.status?.text.startsWith('read-only: ')), [true, true, true]);
	assert.deepEqual(refused.map(next => next.commands.length), [0, 0, 0]);

	state = run(state, key('l'));
	assert.equal(state.mode.kind, 'log');
	state = run(state, {type: 'commandsTaken', ids: [1]}, {
		type: 'logLevelsLoaded', host, id: '1', levels: {log_info: false},
	}, key(' '));
	assert.match(state.status?.text ?? '', /^read-only: /v);
	assert.equal(state.commands.length, 0);
});

test('a host whose account is read-only refuses too, and old versions say what they need', () => {
	let state = run(initial(), snapshot([makeSession({id: '1'})]), {
		type: 'status', status: {
			host, state: 'ok', effectiveIntervalMs: 1000, readOnly: true,
		},
	});
	state = run(state, key('k'));
	assert.match(state.status?.text ?? '', /^read-only: .*127\.0\.0\.1:8989/v);
	state = run(initial(), snapshot([makeSession({id: '1'})]), {
		type: 'status', status: {
			host, state: 'ok', effectiveIntervalMs: 1000, versionText: '6.4.1', version: {
				major: 6, minor: 4, patch: 1, text: '6.4.1',
			},
		},
	});
	state = run(state, key('k'));
	assert.equal(state.mode.kind, 'table');
	assert.match(state.status?.text ?? '', /needs MaxScale 22\.08\.0/v);
});

test('restart all needs the word restart typed out', () => {
	let state = run(initial(), snapshot([makeSession({id: '1'})]), key('R'), key('restar'), key('\r', {return: true}));
	assert.equal(state.mode.kind, 'prompt');
	assert.equal(state.commands.length, 0);
	state = run(state, key('t'), key('\r', {return: true}));
	assert.equal(state.mode.kind, 'table');
	assert.deepEqual(state.commands.map(command => command.kind), ['restartAll']);
});

test('a long value that leaves keeps its column wide for a few refreshes; a longer one widens it at once', () => {
	const long = makeSession({id: '9', user: 'a-long-user-name'});
	const others = generateSessions(20);
	let state = run(initial(), snapshot([...others, long]));
	assert.equal(state.content.widths.get('user'), 16);
	for (let count = 1; count < shrinkAfterRefreshes; count++) {
		state = run(state, snapshot(others));
		assert.equal(state.content.widths.get('user'), 16, `after ${count} refreshes without it`);
	}

	state = run(state, snapshot(others));
	assert.equal(state.content.widths.get('user'), 9);
	state = run(state, snapshot([...others, makeSession({id: '10', user: 'medium-user'})]));
	assert.equal(state.content.widths.get('user'), 11);
	state = run(state, snapshot(others), key('I'));
	assert.equal(state.content.widths.get('user'), 9, 'a new sort or filter takes the widths of what it shows');
});

test('an unchanged snapshot in new objects keeps the columns, widths and sort, so no row text changes', () => {
	const sessions = generateSessions(500);
	const state = run(initial({pageSize: 30}), snapshot(sessions));
	const next = run(state, snapshot(sessions.map(session => ({...session, services: [...session.services], servers: [...session.servers]}))));
	assert.equal(next.columns, state.columns);
	assert.equal(next.content.widths, state.content.widths);
	assert.equal(next.sort, state.sort);
	assert.deepEqual(visibleRows(next).rows.map(session => session.id), visibleRows(state).rows.map(session => session.id));
});

test('a host with 150,000 sessions is taken in without overflowing the call stack', () => {
	// Spreading that many arguments into push() throws RangeError in V8.
	const sessions = Array.from({length: 150_000}, (_, index): Session => ({
		id: String(index + 1), host, services: [], servers: [], filters: [],
	}));
	const state = run(initial(), snapshot(sessions));
	assert.equal(state.rows.length, 150_000);
});

test('keys typed in one burst act one by one: a typo erased with DEL or BS, the answer, Enter, then y', () => {
	const state = run(initial(), snapshot([makeSession({id: '7'})]), key('k'), key('9\u{7F}3\bx\u{7F}5\ry'));
	assert.deepEqual(state.commands.map(command => command.kind === 'kill' && [command.sessionId, command.graceSeconds]), [['7', 5]]);
	assert.equal(state.mode.kind, 'table');
	const newline = run(initial(), snapshot([makeSession({id: '7'})]), key('k'), key('2\ny'));
	assert.deepEqual(newline.commands.map(command => command.kind === 'kill' && command.graceSeconds), [2]);
});
