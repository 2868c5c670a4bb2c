import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {KeyPress} from '../../source/keymap.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import type {State} from '../../source/state/types.js';
import {generateSessions} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';

function run(state: State, ...actions: Action[]): State {
	return actions.reduce((current, action) => reducer(current, action), state);
}

function key(input: string, flags: KeyPress = {}): Action {
	return {type: 'key', input, key: flags};
}

function helpScroll(state: State): number | undefined {
	return state.mode.kind === 'help' ? state.mode.scroll : undefined;
}

test('help scrolls with Up, Down, PgUp, PgDn, Home and End within the bounds the screen reports', () => {
	let state = run(
		createInitialState({
			hosts: [host], sort: 'memory', readOnly: false, intervalSeconds: 1, pageSize: 17,
		}),
		{type: 'sessions', snapshot: {host, atMs: 0, sessions: generateSessions(30, {host})}},
		key('?'),
		{type: 'scrollBounds', maxScroll: 43},
	);
	assert.equal(helpScroll(state), 0);
	state = run(state, key('', {downArrow: true}), key('', {downArrow: true}));
	assert.equal(helpScroll(state), 2);
	state = run(state, key('', {pageDown: true}));
	assert.equal(helpScroll(state), 19);
	state = run(state, key('', {pageDown: true}), key('', {pageDown: true}), key('', {pageDown: true}));
	assert.equal(helpScroll(state), 43);
	state = run(state, key('', {upArrow: true}));
	assert.equal(helpScroll(state), 42);
	state = run(state, key('', {home: true}));
	assert.equal(helpScroll(state), 0);
	state = run(state, key('', {end: true}));
	assert.equal(helpScroll(state), 43);
	state = run(state, key('', {pageUp: true}));
	assert.equal(helpScroll(state), 26);
	// A taller screen needs less scrolling: the position follows.
	state = run(state, {type: 'scrollBounds', maxScroll: 20});
	assert.equal(helpScroll(state), 20);
	// The table's cursor behind the help did not move.
	assert.equal(state.cursorIndex, 0);
	// Closing and opening again starts at the top.
	state = run(state, key('?'), key('?'));
	assert.equal(helpScroll(state), 0);
});
