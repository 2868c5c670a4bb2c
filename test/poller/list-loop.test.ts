import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {sid} from '../helpers/session-id.js';
import {gaps, setup} from './harness.js';

test('an unchanged list still emits a snapshot every interval, with the fleet key on each session', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	poller.start();
	await clock.advance(5000);
	const snapshots = recorder.sessionsOf('a');
	assert.equal(snapshots.length, 6);
	assert.deepEqual(gaps(snapshots.map(snapshot => snapshot.atMs)), [1000, 1000, 1000, 1000, 1000]);
	const rows = snapshots.map(snapshot => snapshot.sessions.map(session => `${session.id}@${session.host}`).join(','));
	assert.deepEqual(new Set(rows), new Set(['1@a,2@a']));

	const status = recorder.lastStatus('a');
	assert.equal(status?.state, 'ok');
	assert.equal(status?.versionText, '24.02.3');
	assert.equal(status?.readOnly, false);
	assert.equal(status?.lastListBytes, 200);
	assert.equal(status?.effectiveIntervalMs, 1000);
	assert.equal(status?.intervalReason, undefined);
	assert.equal(client.count('getServerInfo'), 1, 'the version is probed once while all is well');
	assert.equal(recorder.statuses[0]?.state, 'connecting');
	poller.stop();
	assert.equal(clock.pendingTimers, 0);
});

test('list polls never overlap; refreshNow spam during a slow poll queues exactly one follow-up', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.delays.listSessions = 3000;
	poller.start();
	await clock.advance(100);
	assert.equal(client.inFlight.listSessions, 1);
	for (let index = 0; index < 50; index++) {
		poller.refreshNow();
		poller.refreshNow('a');
	}

	await clock.advance(20_000);
	assert.equal(client.maxInFlight.listSessions, 1);
	const starts = client.callsOf('listSessions').map(call => call.startMs - clock.now() + 20_100);
	// The follow-up leaves MaxScale idle as long as the 3 s poll took, then the 30 s pace applies.
	assert.deepEqual(starts, [0, 6000]);
	assert.equal(recorder.sessionsOf('a').length, 2);
	poller.stop();
});

test('refreshNow when idle polls at once, and the pace restarts from it', async () => {
	const {clock, poller, client} = setup({requestedIntervalMs: 5000});
	poller.start();
	await clock.advance(1000);
	poller.refreshNow();
	await clock.advance(0);
	assert.deepEqual(client.callsOf('listSessions').map(call => call.startMs - clock.now()), [-1000, 0]);
	await clock.advance(4999);
	assert.equal(client.count('listSessions'), 2);
	await clock.advance(1);
	assert.equal(client.count('listSessions'), 3);
	poller.refreshNow('no-such-host');
	await clock.advance(0);
	assert.equal(client.count('listSessions'), 3);
	poller.stop();
});

test('a 1 s list at 2 s requested settles at 10 s, share ≤ 10%, threads still every second; fast again, back to 2 s', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000, maxServerShare: 0.1});
	client.delays.listSessions = 1000;
	const t0 = clock.now();
	poller.start();
	await clock.advance(60_000);
	const slow = client.callsOf('listSessions');
	assert.deepEqual(slow.map(call => call.startMs - t0), [0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
	const finished = slow.filter(call => call.endMs !== undefined && call.endMs <= clock.now());
	const busyMs = finished.slice(0, -1).reduce((sum, call) => sum + (call.endMs! - call.startMs), 0);
	assert.ok(busyMs / (slow.at(-1)!.startMs - slow[0]!.startMs) <= 0.1);
	const status = recorder.lastStatus('a')!;
	assert.equal(status.effectiveIntervalMs, 10_000);
	assert.equal(status.lastListDurationMs, 1000);
	assert.equal(status.intervalReason, 'list poll 1.0 s; keeping MaxScale\'s share ≤ 10%');
	assert.ok((status.serverShare ?? 1) <= 0.1 + 1e-9, String(status.serverShare));

	const threadStarts = client.callsOf('getThreads').map(call => call.startMs - t0);
	assert.equal(threadStarts.length, 61);
	assert.ok(gaps(threadStarts).every(gap => gap === 1000));
	assert.equal(recorder.counters.filter(snapshot => snapshot.threads).length, 61);

	client.delays.listSessions = 20;
	await clock.advance(60_000);
	const fastStarts = client.callsOf('listSessions').slice(slow.length).map(call => call.startMs);
	const fastGaps = gaps(fastStarts);
	assert.deepEqual(fastGaps, fastGaps.toSorted((a, b) => b - a), 'the interval only shortens');

	assert.deepEqual(fastGaps.slice(-5), [2000, 2000, 2000, 2000, 2000]);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 2000);
	assert.equal(recorder.lastStatus('a')?.intervalReason, undefined);
	poller.stop();
});

test('pause stops list and counters (the in-flight poll finishes); resume polls at once', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.delays.listSessions = 50;
	poller.start();
	await clock.advance(2020);
	assert.equal(client.count('listSessions'), 3);
	assert.equal(client.inFlight.listSessions, 1);
	poller.setPaused(true);
	await clock.advance(100);
	assert.equal(recorder.sessionsOf('a').length, 3, 'the poll in flight still lands');
	const lists = client.count('listSessions');
	const threads = client.count('getThreads');
	const services = client.count('getServices');
	await clock.advance(30_000);
	assert.equal(client.count('listSessions'), lists);
	assert.equal(client.count('getThreads'), threads);
	assert.equal(client.count('getServices'), services);

	poller.refreshNow();
	await clock.advance(1000);
	assert.equal(client.count('listSessions'), lists + 1, 'refreshNow while paused polls once');
	await clock.advance(10_000);
	assert.equal(client.count('listSessions'), lists + 1);

	poller.setPaused(false);
	await clock.advance(0);
	assert.equal(client.count('listSessions'), lists + 2);
	assert.equal(client.count('getThreads'), threads + 1);
	await clock.advance(1000);
	assert.equal(client.count('listSessions'), lists + 3);
	poller.stop();
});

test('setRequestedInterval reschedules the current sleep and reports the new interval', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 10_000});
	const t0 = clock.now();
	poller.start();
	await clock.advance(1000);
	poller.setRequestedInterval(2000);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 2000);
	await clock.advance(1500);
	poller.setRequestedInterval(5000);
	await clock.advance(10_000);
	assert.deepEqual(client.callsOf('listSessions').map(call => call.startMs - t0), [0, 2000, 7000, 12_000]);
	poller.setRequestedInterval(500);
	await clock.advance(0);
	assert.equal(client.count('listSessions'), 5, 'a sleep already past the new interval ends now');
	poller.stop();
});

test('a zero or nonsense requested interval is floored at 100 ms, so a failing host is not hammered', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 0});
	client.errors.getServerInfo = new ApiError('refused', 'connection refused');
	poller.start();
	await clock.advance(1000);
	assert.equal(client.count('getServerInfo'), 11);
	poller.setRequestedInterval(NaN);
	await clock.advance(1000);
	assert.equal(client.count('getServerInfo'), 21);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 100);
	poller.stop();
});

test('stop aborts the poll in flight, clears every timer, and nothing is called or emitted after', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	poller.start();
	await clock.advance(3000);
	client.hang.add('listSessions');
	client.delays.getThreads = 500;
	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(1200);
	assert.equal(client.inFlight.listSessions, 1);
	const calls = client.calls.length;
	const events = recorder.total();
	poller.stop();
	await clock.advance(0);
	assert.equal(client.inFlight.listSessions, 0, 'the hanging poll was aborted');
	assert.equal(client.inFlight.getThreads, 0);
	assert.equal(clock.pendingTimers, 0);
	await clock.advance(60_000);
	assert.equal(client.calls.length, calls);
	assert.equal(recorder.total(), events);
	poller.start();
	poller.refreshNow();
	poller.setPaused(false);
	poller.watchSession({host: 'a', id: sid('2')});
	await clock.advance(10_000);
	assert.equal(client.calls.length, calls);
	assert.equal(clock.pendingTimers, 0);
});

test('sparse fields are sent only to servers that have them (2.5+), and a basic account is read-only', async () => {
	const modern = setup({fields: ['user', 'remote']});
	modern.client.account = {user: 'monitor', account: 'basic'};
	modern.poller.start();
	await modern.clock.advance(0);
	assert.deepEqual((modern.client.callsOf('listSessions')[0]?.options as {fields?: string[]}).fields, ['user', 'remote']);
	assert.equal(modern.recorder.lastStatus('a')?.readOnly, true);
	modern.poller.stop();

	const old = setup({fields: ['user', 'remote']});
	old.client.versionText = '2.2.21';
	old.client.errors.getAccount = new ApiError('http', 'Not Found', {status: 404});
	old.poller.start();
	await old.clock.advance(0);
	assert.equal((old.client.callsOf('listSessions')[0]?.options as {fields?: string[]}).fields, undefined);
	assert.equal(old.recorder.lastStatus('a')?.state, 'ok', 'an account lookup failure is not fatal');
	assert.equal(old.recorder.lastStatus('a')?.readOnly, undefined);
	old.poller.stop();
});
