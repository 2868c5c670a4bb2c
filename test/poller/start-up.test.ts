import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {startEarly} from '../../source/poller/early-start.js';
import type {Poller, PollerListener} from '../../source/poller/types.js';
import {sid} from '../helpers/session-id.js';
import {record, setup} from './harness.js';

test('the first round asks for the version and the list at once', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.delays.getServerInfo = 50;
	client.delays.listSessions = 300;
	poller.start();
	await clock.advance(0);
	assert.deepEqual(client.callsOf('getServerInfo').map(call => call.startMs), [clock.now()]);
	assert.deepEqual(client.callsOf('listSessions').map(call => call.startMs), [clock.now()], 'the list does not wait for the version');
	assert.equal(client.count('getThreads'), 1, 'the counters start at once too');
	await clock.advance(300);
	assert.equal(recorder.sessionsOf('a').length, 1);
	assert.equal(recorder.lastStatus('a')?.versionText, '24.02.3');
	assert.equal(client.count('listSessions'), 1);
	poller.stop();
	assert.equal(clock.pendingTimers, 0);
});

test('after a failure the probe goes first again, and a failed first probe drops the list that went with it', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
	client.errors.getServerInfo = new ApiError('http', 'Service Unavailable', {status: 503});
	client.delays.listSessions = 200;
	poller.start();
	await clock.advance(100);
	assert.equal(client.inFlight.listSessions, 1, 'the first list is still on its way after the probe failed');
	assert.equal(recorder.lastStatus('a')?.state, 'down');
	await clock.advance(3000);
	assert.equal(recorder.sessionsOf('a').length, 0, 'a list answered beside a failed probe is not shown');
	assert.equal(client.maxInFlight.listSessions, 1);
	assert.equal(client.count('listSessions'), 1, 'while the probe fails, the list is not asked again');
	assert.ok(client.count('getServerInfo') >= 3);
	delete client.errors.getServerInfo;
	await clock.advance(5000);
	const probes = client.callsOf('getServerInfo');
	const lists = client.callsOf('listSessions');
	assert.ok(lists.at(-1)!.startMs >= probes.at(-1)!.endMs!, 'the recovering host is probed before the list is asked');
	assert.equal(recorder.lastStatus('a')?.state, 'ok');
	poller.stop();
});

test('a sparse-fieldset run probes first (the version decides the fields)', async () => {
	const {clock, poller, client} = setup({requestedIntervalMs: 1000, fields: ['user']});
	client.delays.getServerInfo = 50;
	poller.start();
	await clock.advance(0);
	assert.equal(client.count('listSessions'), 0);
	await clock.advance(50);
	assert.equal(client.count('listSessions'), 1);
	poller.stop();
});

test('an early-started poller keeps what it reported until the UI starts it, then hands it over in order', () => {
	const {clock, recorder: early} = setup();
	const calls: string[] = [];
	let inner: PollerListener | undefined;
	const fake: Poller = {
		start() {
			calls.push('start');
		},
		stop() {
			calls.push('stop');
		},
		setPaused(isPaused) {
			calls.push(`paused ${isPaused}`);
		},
		setRequestedInterval(ms) {
			calls.push(`interval ${ms}`);
		},
		refreshNow(host) {
			calls.push(`refresh ${host}`);
		},
		watchSession(target) {
			calls.push(`watch ${target?.id}`);
		},
	};
	const createPoller = startEarly(listener => {
		inner = listener;
		return fake;
	});
	assert.deepEqual(calls, ['start'], 'polling starts before the UI exists');
	inner!.status({host: 'a', state: 'connecting', effectiveIntervalMs: 2000});
	inner!.sessions({host: 'a', atMs: 1, sessions: []});
	const ui = record(clock);
	const poller = createPoller(ui.listener);
	inner!.counters({host: 'a', atMs: 2});
	assert.equal(ui.total(), 0, 'nothing reaches the UI before it starts the poller');
	poller.start();
	assert.deepEqual(ui.statuses.map(status => status.state), ['connecting']);
	assert.deepEqual(ui.sessions.map(snapshot => snapshot.atMs), [1]);
	assert.deepEqual(ui.counters.map(snapshot => snapshot.atMs), [2]);
	inner!.detail!('a', '7', undefined, 'gone');
	assert.deepEqual(ui.details.map(detail => detail.error), ['gone'], 'afterwards events pass straight through');
	poller.start();
	assert.equal(ui.counters.length, 1, 'a second start replays nothing');
	poller.setPaused(true);
	poller.setRequestedInterval(5000);
	poller.refreshNow('a');
	poller.watchSession({host: 'a', id: sid('7')});
	poller.stop();
	assert.deepEqual(calls, ['start', 'paused true', 'interval 5000', 'refresh a', 'watch 7', 'stop']);
	assert.equal(early.total(), 0);
});

test('a first list that fails before the probe answers is still handled: no unhandled rejection, the host is marked down', async () => {
	const rejections: unknown[] = [];
	const onRejection = (reason: unknown) => {
		rejections.push(reason);
	};

	process.on('unhandledRejection', onRejection);
	try {
		const {clock, poller, recorder, client} = setup({requestedIntervalMs: 1000});
		client.delays.getServerInfo = 200;
		client.errors.listSessions = new ApiError('network', 'connection refused by 127.0.0.1:8989');
		poller.start();
		await clock.advance(0);
		// Turns of the event loop while the probe is still out: Node reports a rejection nobody
		// handles by then.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		await clock.advance(200);
		assert.deepEqual(rejections, []);
		assert.equal(recorder.lastStatus('a')?.state, 'down');
		poller.stop();
	} finally {
		process.off('unhandledRejection', onRejection);
	}
});
