import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {makeSession} from './fake-client.js';
import {setup} from './harness.js';

const restartedAtMs = Date.UTC(2026, 10, 23, 8, 0, 0);
const ids = (from: number, count: number) => Array.from({length: count}, (_, index) => makeSession(String(from + index)));

test('a restart seen through a failed poll: the next list says so once, with MaxScale\'s new start time', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.sessions = ids(1, 40);
	poller.start();
	await clock.advance(1000);
	client.errors.listSessions = new ApiError('refused', 'connection refused');
	await clock.advance(1000);
	assert.equal(recorder.lastStatus('a')?.state, 'down');
	delete client.errors.listSessions;
	client.startedMs = restartedAtMs;
	client.sessions = ids(1, 36);
	await clock.advance(3000);
	const lists = recorder.sessionsOf('a');
	const restarts = lists.filter(list => list.restart);
	assert.deepEqual(restarts.map(list => list.restart), [{startedMs: restartedAtMs}]);
	assert.equal(restarts[0], lists.find(list => list.sessions.length === 36), 'the first list after the restart');
	poller.stop();
});

test('a restart between two polls: ids numbered from 1 again make the poller ask started_at before telling the list', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.sessions = ids(500, 40);
	poller.start();
	await clock.advance(1000);
	const probes = client.count('getServerInfo');
	client.startedMs = restartedAtMs;
	client.sessions = ids(1, 36);
	await clock.advance(1000);
	assert.equal(client.count('getServerInfo'), probes + 1);
	const last = recorder.sessionsOf('a').at(-1)!;
	assert.deepEqual(last.restart, {startedMs: restartedAtMs});
	assert.equal(last.sessions.length, 36);
	await clock.advance(1000);
	assert.equal(recorder.sessionsOf('a').at(-1)!.restart, undefined);
	assert.equal(client.count('getServerInfo'), probes + 1, 'one probe per suspicion');
	poller.stop();
});

test('every session closing is checked against started_at, and is churn when MaxScale did not restart', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.sessions = ids(10, 3);
	poller.start();
	await clock.advance(1000);
	const probes = client.count('getServerInfo');
	client.sessions = [];
	await clock.advance(1000);
	assert.equal(client.count('getServerInfo'), probes + 1);
	client.sessions = ids(20, 2);
	await clock.advance(1000);
	assert.equal(client.count('getServerInfo'), probes + 1, 'new sessions numbered upwards are not suspicious');
	assert.ok(recorder.sessionsOf('a').every(list => list.restart === undefined));
	poller.stop();
});
