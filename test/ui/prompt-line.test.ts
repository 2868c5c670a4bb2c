import assert from 'node:assert/strict';
import {test} from 'node:test';
import {displayWidth} from '../../source/model/text.js';
import {fitKeepingTail} from '../../source/ui/prompt-line.js';

test('a long prompt keeps the typed answer visible at 80 columns', () => {
	const label = 'Kill session 75 (appuser@10.0.3.62:54074, RW-Split-Router) after how many seconds? [0 = now]';
	const line = fitKeepingTail(label, ' 12_', 80);
	assert.ok(line.endsWith(' 12_'), line);
	assert.equal(displayWidth(line), 80);
	assert.ok(line.startsWith('Kill session 75'), line);
});

test('a confirmation keeps [y/N] visible and short lines stay whole', () => {
	assert.ok(fitKeepingTail('Kill session 75 (appuser@10.0.3.62:54074, RW-Split-Router) in 3s?', ' [y/N]', 40).endsWith(' [y/N]'));
	assert.equal(fitKeepingTail('Kill 7?', ' [y/N]', 80), 'Kill 7? [y/N]');
});

test('keys that arrive in one chunk act one by one: answer, Enter, y', async () => {
	const {createInitialState, reducer} = await import('../../source/state/reducer.js');
	const {generateSessions} = await import('../helpers/sessions.js');
	let state = createInitialState({
		hosts: ['mx:8989'], sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 10,
	});
	state = reducer(state, {type: 'sessions', snapshot: {host: 'mx:8989', atMs: 0, sessions: generateSessions(3, {host: 'mx:8989'})}});
	state = reducer(state, {type: 'key', input: 'k', key: {}});
	assert.equal(state.mode.kind, 'prompt');
	state = reducer(state, {type: 'key', input: '3\ry', key: {}});
	assert.equal(state.mode.kind, 'table');
	assert.deepEqual(state.outbox.map(command => command.kind === 'kill' ? command.graceSeconds : undefined), [3]);
});
