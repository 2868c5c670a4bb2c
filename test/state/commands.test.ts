import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KeyPress} from '../../source/keymap.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import type {State} from '../../source/state/types.js';
import {makeSession} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';

function run(state: State, ...actions: Action[]): State {
	return actions.reduce((current, action) => reducer(current, action), state);
}

function key(input: string, flags: KeyPress = {}): Action {
	return {type: 'key', input, key: flags};
}

const enter = key('\r', {return: true});

function withSessions(options: {isReplay?: boolean} = {}): State {
	const state = createInitialState({
		hosts: [host], sort: 'id', readOnly: false, intervalSeconds: 1, pageSize: 5, ...options,
	});
	return run(state, {type: 'sessions', snapshot: {host, atMs: 0, sessions: [makeSession({id: '1'}), makeSession({id: '2'})]}});
}

test('every side effect leaves through one queue with one id counter, and leaves it when taken', () => {
	let state = run(withSessions(), key('y'), key('r', {ctrl: true}), key('l'));
	assert.deepEqual(state.commands.map(command => [command.id, command.kind]), [[1, 'copy'], [2, 'pollNow'], [3, 'getLogLevels']]);
	const copy = state.commands.find(command => command.kind === 'copy');
	assert.match(copy?.text ?? '', /^session 1 /v);
	state = run(state, {type: 'commandsTaken', ids: [1, 3]});
	assert.deepEqual(state.commands.map(command => command.id), [2]);
	state = run(state, key('', {escape: true}), key('f'));
	assert.deepEqual(state.commands.map(command => [command.id, command.kind]), [[2, 'pollNow'], [4, 'loadFilters']]);
});

test('←/→ queue a step only in a --replay; elsewhere they say how to get one', () => {
	const live = run(withSessions(), key('', {leftArrow: true}));
	assert.deepEqual(live.commands, []);
	assert.match(live.status?.text ?? '', /--replay FILE/v);
	const replay = run(withSessions({isReplay: true}), key('', {leftArrow: true}), key('', {rightArrow: true}));
	assert.deepEqual(replay.commands, [{id: 1, kind: 'replayStep', delta: -1}, {id: 2, kind: 'replayStep', delta: 1}]);
});

test('a confirmed bulk kill is one command; Esc queues its stop; each kill it reports counts down with its grace', () => {
	let state = run(withSessions(), key('K'), key('7'), enter, key('2'), enter);
	assert.deepEqual(state.commands.map(command => command.kind), ['bulk']);
	const bulk = state.commands.find(command => command.kind === 'bulk');
	assert.ok(bulk);
	assert.deepEqual({kind: bulk.request.kind, graceSeconds: bulk.request.graceSeconds, ids: bulk.request.targets.map(target => target.id)}, {kind: 'kill', graceSeconds: 7, ids: ['1', '2']});
	assert.equal(state.bulk?.id, bulk.id, 'the progress is that command\'s');
	state = run(state, {type: 'commandsTaken', ids: [bulk.id]}, key('', {escape: true}));
	assert.deepEqual(state.commands, [{id: bulk.id + 1, kind: 'bulkStop', bulkId: bulk.id}]);
	state = run(state, {
		type: 'bulkItem', id: bulk.id, host, sessionId: '1', outcome: 'done', atMs: 5000,
	});
	assert.deepEqual(state.pendingKills.get(`${host}\u{0}1`), {
		host, id: '1', sentMs: 5000, graceSeconds: 7,
	});
});
