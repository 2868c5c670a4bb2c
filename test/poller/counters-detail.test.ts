import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {sid} from '../helpers/session-id.js';
import {gaps, setup, startGaps} from './harness.js';

test('threads every second; services paced by their own cost, present only when fresh', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 5000});
	client.delays.getServices = 250;
	const t0 = clock.now();
	poller.start();
	await clock.advance(12_000);
	const threadStarts = client.callsOf('getThreads').map(call => call.startMs - t0);
	assert.deepEqual(gaps(threadStarts), Array.from({length: 12}, () => 1000));
	// 250 ms at a 10% share: no more often than every 2.5 s, so every third tick.
	const serviceStarts = client.callsOf('getServices').map(call => call.startMs - t0);
	assert.deepEqual(serviceStarts, [0, 3000, 6000, 9000, 12_000]);
	assert.equal(client.maxInFlight.getThreads + client.maxInFlight.getServices, 2);
	const withServices = recorder.counters.filter(snapshot => snapshot.services);
	assert.equal(withServices.length, 4, 'the one started at 12 s has not answered yet');
	assert.ok(recorder.counters.every(snapshot => snapshot.host === 'a' && snapshot.threads?.[0]?.sessions === 2));

	client.delays.getServices = 10;
	await clock.advance(20_000);
	const recent = client.callsOf('getServices').slice(-4).map(call => call.startMs - t0);
	assert.deepEqual(gaps(recent), [1000, 1000, 1000], 'cheap again: every second');
	poller.stop();
});

test('requests queued behind a slow list poll (MaxScale answers one at a time) do not slow the counters or the detail', async () => {
	const {clock, poller, client} = setup({requestedIntervalMs: 2000});
	client.serialize = true;
	// 700.2 ms: list polls start just after a counters tick, while its threads request runs, so the
	// services request behind it waits for the whole list.
	client.delays.listSessions = 700.2;
	client.delays.getThreads = 5;
	client.delays.getServices = 20;
	client.delays.getSession = 2;
	const t0 = clock.now();
	poller.start();
	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(30_000);
	const listStarts = client.callsOf('listSessions').map(call => call.startMs - t0);
	assert.equal(listStarts.length, 5);
	assert.ok(gaps(listStarts).every(gap => gap >= 7002 && gap < 7100), listStarts.join(','));
	assert.ok(client.callsOf('getServices').some(call => call.endMs! - call.startMs > 700), 'some services requests did wait for a list poll');
	assert.deepEqual(new Set(startGaps(client, 'getThreads')), new Set([1000]));
	// The first services request waited behind the first list poll, so start from the second.
	assert.deepEqual(new Set(startGaps(client, 'getServices', 1)), new Set([1000]));
	assert.deepEqual(new Set(startGaps(client, 'getSession')), new Set([1000]));
	poller.stop();
});

test('counters failures are skipped quietly and never change the host status', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.errors.getThreads = new ApiError('http', 'Internal error', {status: 500});
	client.errors.getServices = new ApiError('http', 'Internal error', {status: 500});
	poller.start();
	await clock.advance(5000);
	assert.equal(recorder.counters.length, 0);
	assert.ok(recorder.statuses.slice(1).every(status => status.state === 'ok'));
	assert.equal(client.count('getThreads'), 6, 'still tried every second');
	delete client.errors.getThreads;
	await clock.advance(1000);
	assert.equal(recorder.counters.length, 1);
	assert.equal(recorder.counters[0]?.services, undefined);
	poller.stop();
});

test('detail watch: every second, rdns passed through, 404 gives undefined, other errors give the text', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000});
	poller.start();
	poller.watchSession({host: 'a', id: sid('2'), rdns: true});
	await clock.advance(3000);
	const gets = client.callsOf('getSession');
	assert.equal(gets.length, 4);
	assert.deepEqual(gaps(gets.map(call => call.startMs)), [1000, 1000, 1000]);
	assert.equal((gets[0]?.options as {id: string; rdns: boolean}).rdns, true);
	assert.equal((gets[0]?.options as {id: string}).id, '2');
	assert.equal(recorder.details.length, 4);
	assert.ok(recorder.details.every(event => event.host === 'a' && event.id === '2' && event.session?.id === '2' && event.session.host === 'a'));

	poller.watchSession({host: 'a', id: sid('2'), rdns: true});
	await clock.advance(0);
	assert.equal(client.count('getSession'), 4, 'the same target does not restart the watch');

	client.sessions = client.sessions.filter(session => session.id !== '2');
	await clock.advance(1000);
	assert.deepEqual(recorder.details.at(-1), {
		host: 'a', id: '2', session: undefined, error: undefined, atMs: clock.now(),
	});

	client.errors.getSession = new ApiError('timeout', 'MaxScale did not answer within 10 s');
	await clock.advance(1000);
	assert.equal(recorder.details.at(-1)?.session, undefined);
	assert.equal(recorder.details.at(-1)?.error, 'MaxScale did not answer within 10 s');
	delete client.errors.getSession;

	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(0);
	assert.equal(recorder.details.at(-1)?.session?.id, '1');
	assert.equal((client.callsOf('getSession').at(-1)?.options as {rdns: boolean}).rdns, false);

	poller.watchSession(undefined);
	const count = client.count('getSession');
	await clock.advance(5000);
	assert.equal(client.count('getSession'), count);

	poller.watchSession({host: 'unknown', id: sid('1')});
	await clock.advance(2000);
	assert.equal(client.count('getSession'), count);
	poller.stop();
	assert.equal(clock.pendingTimers, 0);
});

test('detail watch continues while paused; a slow session GET is paced by the share rule', async () => {
	const {clock, poller, client} = setup({requestedIntervalMs: 2000});
	poller.start();
	poller.setPaused(true);
	client.delays.getSession = 300;
	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(9000);
	const starts = client.callsOf('getSession').map(call => call.startMs);
	assert.deepEqual(gaps(starts), [3000, 3000, 3000]);
	assert.equal(client.count('listSessions'), 0);
	poller.stop();
});
