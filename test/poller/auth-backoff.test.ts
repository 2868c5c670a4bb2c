import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/api/errors.js';
import {sid} from '../helpers/session-id.js';
import type {FakeClient, Method} from './fake-client.js';
import {gaps, setup} from './harness.js';

const methods: Method[] = ['getServerInfo', 'listSessions', 'getSession', 'getThreads', 'getServices', 'getAccount'];

function refuseEverything(client: FakeClient): void {
	for (const method of methods) {
		client.errors[method] = new ApiError('http', 'access denied for user admin (wrong password, or a read-only account)', {status: 401});
	}
}

function acceptAgain(client: FakeClient): void {
	for (const method of methods) {
		delete client.errors[method];
	}
}

test('after a 401 mid-run every loop backs off to one probe a minute and says so; a slow retry that succeeds resumes all', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000});
	poller.start();
	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(10_000);
	assert.equal(recorder.lastStatus('a')?.state, 'ok');

	refuseEverything(client);
	const before = client.calls.length;
	await clock.advance(5 * 60_000);
	const refused = client.calls.slice(before);
	// The counters request due a second later meets the 401 first; from then on, one probe a minute.
	assert.deepEqual(refused.map(call => call.method), ['getThreads', 'getServerInfo', 'getServerInfo', 'getServerInfo', 'getServerInfo', 'getServerInfo']);
	assert.deepEqual(gaps(refused.slice(1).map(call => call.startMs)), [60_000, 60_000, 60_000, 60_000]);

	const status = recorder.lastStatus('a')!;
	assert.equal(status.state, 'stale');
	assert.equal(status.error, 'access denied (401): check the password; retrying every 60 s (Ctrl-R: now)');
	assert.equal(status.effectiveIntervalMs, 60_000);

	acceptAgain(client);
	const again = client.calls.length;
	await clock.advance(60_000);
	assert.equal(recorder.lastStatus('a')?.state, 'ok');
	assert.equal(recorder.lastStatus('a')?.error, undefined);
	assert.equal(recorder.lastStatus('a')?.effectiveIntervalMs, 2000);
	const resumedAtMs = client.calls.slice(again).find(call => call.method === 'listSessions')!.endMs!;
	await clock.advance(10_000);
	const afterResume = client.calls.filter(call => call.startMs > resumedAtMs + 1000 && call.startMs <= resumedAtMs + 11_000);
	assert.ok(afterResume.filter(call => call.method === 'getThreads').length >= 9, 'counters every second again');
	assert.ok(afterResume.filter(call => call.method === 'listSessions').length >= 4, 'the list at its pace again');
	assert.ok(afterResume.filter(call => call.method === 'getSession').length >= 9, 'the detail every second again');
	poller.stop();
});

test('a 401 at start-up backs off too; refreshNow retries at once, without waiting out the minute', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000});
	refuseEverything(client);
	poller.start();
	await clock.advance(30_000);
	assert.ok(client.calls.length <= 6, `${client.calls.length} requests in 30 s: ${client.calls.map(call => call.method).join(',')}`);
	assert.equal(recorder.lastStatus('a')?.state, 'down');
	assert.match(recorder.lastStatus('a')?.error ?? '', /^access denied \(401\): check the password/v);

	acceptAgain(client);
	poller.refreshNow();
	await clock.advance(100);
	assert.equal(recorder.lastStatus('a')?.state, 'ok');
	assert.equal(recorder.sessionsOf('a').length, 1);
	poller.stop();
});

test('a 401 on the counters alone also stops the hammering', async () => {
	const {clock, poller, client} = setup({requestedIntervalMs: 2000});
	poller.start();
	await clock.advance(3000);
	client.errors.getThreads = new ApiError('http', 'access denied', {status: 401});
	client.errors.getServices = new ApiError('http', 'access denied', {status: 401});
	const before = client.calls.length;
	await clock.advance(60_000);
	assert.ok(client.calls.length - before <= 8, `${client.calls.length - before} requests in a minute`);
	poller.stop();
});

test('a 401 on the detail refresh alone holds every loop back as well', async () => {
	const {clock, poller, recorder, client} = setup({requestedIntervalMs: 2000});
	client.delays.getThreads = 5;
	poller.start();
	poller.watchSession({host: 'a', id: sid('1')});
	await clock.advance(3000);
	client.errors.getSession = new ApiError('http', 'access denied', {status: 401});
	const before = client.calls.length;
	await clock.advance(60_000);
	const methodsSent = client.calls.slice(before).map(call => call.method);
	assert.ok(methodsSent.length <= 6, methodsSent.join(','));
	assert.equal(recorder.lastStatus('a')?.intervalReason, 'access denied (401)');
	poller.stop();
});
