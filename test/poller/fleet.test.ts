import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {gaps, setup} from './harness.js';

test('a hanging host and failing hosts never delay the healthy one; statuses say what happened', async () => {
	const {clock, poller, recorder, clients} = setup({hostCount: 4, requestedIntervalMs: 1000});
	const [hanging, flaky, refused, healthy] = clients;
	for (const method of ['getServerInfo', 'listSessions', 'getThreads', 'getServices', 'getAccount'] as const) {
		hanging!.hang.add(method);
		refused!.errors[method] = new ApiError('refused', 'connection refused by 127.0.0.1:8991');
	}

	const t0 = clock.now();
	poller.start();
	await clock.advance(2500);
	flaky!.errors.listSessions = new ApiError('http', 'Service Unavailable: MaxScale is shutting down', {status: 503});
	await clock.advance(7500);

	const healthyTimes = recorder.sessionsOf('d').map(snapshot => snapshot.atMs - t0);
	assert.deepEqual(healthyTimes, [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
	assert.equal(recorder.lastStatus('d')?.state, 'ok');
	assert.equal(healthy!.count('getServerInfo'), 1);

	assert.equal(recorder.sessionsOf('a').length, 0);
	assert.equal(recorder.lastStatus('a')?.state, 'connecting');
	assert.equal(hanging!.maxInFlight.getServerInfo, 1);
	assert.equal(hanging!.maxInFlight.getThreads, 1, 'never more than one counters request in flight');
	assert.equal(hanging!.count('getThreads'), 1);

	assert.equal(recorder.sessionsOf('b').length, 3, 'the last good snapshot is neither repeated nor cleared');
	const flakyStatus = recorder.lastStatus('b')!;
	assert.equal(flakyStatus.state, 'stale');
	assert.equal(flakyStatus.error, 'Service Unavailable: MaxScale is shutting down');
	assert.equal(flakyStatus.lastSuccessMs, t0 + 2000);
	const flakyStarts = flaky!.callsOf('listSessions').map(call => call.startMs - t0);
	assert.deepEqual(gaps(flakyStarts), Array.from({length: flakyStarts.length - 1}, () => 1000), 'a failing host is retried at the interval, no storm');

	const refusedStatus = recorder.lastStatus('c')!;
	assert.equal(refusedStatus.state, 'down');
	assert.equal(refusedStatus.error, 'connection refused by 127.0.0.1:8991');
	assert.equal(refused!.count('listSessions'), 1, 'a host that does not answer the cheap probe is asked for the list only in the first round, beside the probe');
	assert.equal(refused!.count('getServerInfo'), 11);
	poller.stop();
	assert.equal(clock.pendingTimers, 0);
});

test('a host that had data and is then refused goes down, keeping its last success', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	poller.start();
	await clock.advance(1500);
	client.errors.getServerInfo = new ApiError('refused', 'connection refused');
	client.errors.listSessions = new ApiError('refused', 'connection refused');
	await clock.advance(1000);
	const status = recorder.lastStatus('a')!;
	assert.equal(status.state, 'down');
	assert.equal(status.error, 'connection refused');
	assert.notStrictEqual(status.lastSuccessMs, undefined);
	poller.stop();
});

test('a slow-paced host recovers within one interval after the fault clears, and the version is probed again', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000});
	client.delays.listSessions = 400;
	poller.start();
	await clock.advance(10_000);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 4000);
	client.errors.listSessions = new ApiError('timeout', 'MaxScale did not answer within 10 s');
	await clock.advance(20_000);
	assert.equal(recorder.lastStatus('a')?.state, 'stale');
	assert.ok(client.count('getServerInfo') > 1, 'after a failure the version is probed again');
	const snapshots = recorder.sessionsOf('a').length;

	delete client.errors.listSessions;
	client.versionText = '24.02.4';
	const clearedMs = clock.now();
	await clock.advance(4000 + 400);
	const recovered = recorder.statuses.find(status => status.host === 'a' && status.state === 'ok' && status.lastSuccessMs! > clearedMs);
	assert.ok(recovered, 'recovered');
	assert.ok(recovered.lastSuccessMs! - clearedMs <= 4000 + 400);
	assert.equal(recovered.error, undefined);
	assert.equal(recovered.versionText, '24.02.4');
	assert.equal(recorder.sessionsOf('a').length, snapshots + 1);
	poller.stop();
});

test('failed polls do not stretch the interval', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	poller.start();
	await clock.advance(0);
	client.delays.listSessions = 5000;
	client.errors.listSessions = new ApiError('timeout', 'timed out');
	await clock.advance(30_000);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 1000);
	const starts = client.callsOf('listSessions').slice(1).map(call => call.startMs);
	assert.ok(gaps(starts).every(gap => gap === 5000), 'a slow failure is followed by the next try at once, not sooner');
	poller.stop();
});
