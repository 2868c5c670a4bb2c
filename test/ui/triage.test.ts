import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {ApiError} from '../../source/api/errors.js';
import type {BulkClock} from '../../source/hooks/bulk-runner.js';
import {osc52Sequence} from '../../source/hooks/use-commands.js';
import {makeSession} from '../helpers/sessions.js';
import {
	keys,
	press,
	waitFor,
	waitForNoText,
	waitForText,
} from '../helpers/ink.js';
import {
	frame,
	frameLines,
	host,
	renderApp,
	type HarnessOptions,
} from './harness.js';

afterEach(() => {
	cleanup();
});

const sessions = [
	makeSession({
		id: '1', user: 'web', remote: '10.0.9.5', memoryBytes: 5000,
	}),
	makeSession({
		id: '2', user: 'batch', remote: '10.0.9.6', memoryBytes: 4000, idleSeconds: 900,
	}),
	makeSession({
		id: '3', user: 'web', remote: '10.1.0.7', memoryBytes: 3000,
	}),
	makeSession({
		id: '4', user: 'report', remote: '10.0.9.8', memoryBytes: 2000,
	}),
];

async function withSessions(options: HarnessOptions = {}) {
	const app = renderApp(options);
	app.poller.pushStatus({
		versionText: '24.02.3', version: {
			major: 24, minor: 2, patch: 3, text: '24.02.3',
		},
	});
	app.poller.pushSessions(sessions, host, app.clock.ms);
	await waitForText(app, '4 sessions');
	return app;
}

function ids(app: {lastFrame: () => string | undefined}): string[] {
	return frameLines(app).map(line => /^.\s*(?<id>\d+) /v.exec(line)?.groups?.['id']).filter(id => id !== undefined);
}

test(String.raw`/ filters as you type, shows N of M in the header, survives refreshes; \ clears`, async () => {
	const app = await withSessions();
	await press(app, '/', 'u', 's', 'e', 'r', ':', 'w', 'e', 'b');
	await waitFor(() => ids(app).join(',') === '1,3', () => frame(app));
	await press(app, keys.enter);
	await waitForText(app, 'filter: user:web  2 of 4 sessions');
	app.clock.ms += 1000;
	app.poller.pushSessions([...sessions, makeSession({id: '5', user: 'web'})], host, app.clock.ms);
	await waitForText(app, '3 of 5 sessions');
	await press(app, '\\');
	await waitForNoText(app, 'filter: user:web');
	assert.equal(ids(app).length, 5);
});

test('a malformed filter is an error under the prompt and the previous filter stays; Esc restores it', async () => {
	const app = await withSessions({filter: 'idle>600'});
	await waitForText(app, 'filter: idle>600  1 of 4 sessions');
	await press(app, '/', keys.backspace, keys.backspace, keys.backspace, 'x', keys.enter);
	await waitForText(app, 'the previous filter stays');
	assert.deepEqual(ids(app), ['2']);
	await press(app, keys.escape);
	await waitForText(app, 'filter unchanged');
	assert.match(frame(app), /filter: idle>600 {2}1 of 4/v);
});

test('c opens the churn panel: who opened sessions, and new and closed sessions are marked', async () => {
	const app = await withSessions();
	app.clock.ms += 1000;
	const storm = [1, 2, 3].map(index => makeSession({id: String(100 + index), user: 'storm', remote: '10.0.9.99'}));
	app.poller.pushSessions([...sessions.slice(1), ...storm], host, app.clock.ms);
	await waitForText(app, 'churn +3 -1');
	assert.ok(frameLines(app).some(line => line.startsWith('+') && line.includes('storm')), frame(app));
	assert.ok(frameLines(app).some(line => line.startsWith('†') && line.includes('closed')), frame(app));
	await press(app, 'c');
	await waitForText(app, 'Churn in the last minute: 3 opened, 1 closed');
	assert.match(frame(app), /10\.0\.9\.99 +3 +0/v);
	await press(app, keys.escape);
	await waitForNoText(app, 'Churn in the last');
	// Five seconds on, the tombstone and the highlight are gone.
	app.clock.ms += 6000;
	app.poller.pushSessions([...sessions.slice(1), ...storm], host, app.clock.ms);
	await waitFor(() => !frame(app).includes('†') && frameLines(app).every(line => !line.startsWith('+')), () => frame(app));
});

test('g groups by user with counts; Enter on a group filters to it', async () => {
	const app = await withSessions();
	await press(app, 'g');
	await waitForText(app, 'grouped by user');
	assert.match(frame(app), /USER +SESS +MEMORY/v);
	assert.match(frame(app), /web +2 +7\.8 KiB/v);
	await press(app, keys.enter);
	await waitForText(app, 'filter: user=web  2 of 4 sessions');
	assert.deepEqual(ids(app), ['1', '3']);
});

test('Space tags and moves down, u clears the tags', async () => {
	const app = await withSessions();
	await press(app, ' ', ' ');
	await waitForText(app, '● 2 tagged');
	assert.equal(frameLines(app).filter(line => line.startsWith('●')).length, 2);
	await press(app, 'u');
	await waitForText(app, '2 tags cleared');
	assert.ok(!frame(app).includes('tagged'));
});

test('moving the cursor freezes the row order for a few seconds; the header says so', async () => {
	const app = await withSessions();
	await press(app, keys.down);
	await waitForText(app, 'order frozen');
	app.clock.ms += 1000;
	const bigger = sessions.map(session => session.id === '4' ? {...session, memoryBytes: 99_000} : session);
	app.poller.pushSessions(bigger, host, app.clock.ms);
	await waitForText(app, '96.7 KiB');
	assert.deepEqual(ids(app), ['1', '2', '3', '4']);
	app.clock.ms += 3000;
	app.poller.pushSessions(bigger, host, app.clock.ms);
	await waitFor(() => ids(app).join(',') === '4,1,2,3', () => frame(app));
	assert.ok(!frame(app).includes('order frozen'));
});

test('y copies the selected session with OSC 52', async () => {
	const app = await withSessions();
	await press(app, 'y');
	await waitForText(app, 'copied session 1 to the clipboard');
	const text = 'session 1  web@10.0.9.5:40000  service RW-Split-Router  backends server1  mem 4.9 KiB  idle 5s';
	const expected = osc52Sequence(text, false);
	assert.equal(expected, `\u{1B}]52;c;${Buffer.from(text).toString('base64')}\u{7}`);
	assert.ok(app.frames.some(written => written.includes(expected) || written.includes(osc52Sequence(text, true))), 'the OSC 52 sequence was written');
});

function manualClock(): BulkClock & {release: () => void; pending: number} {
	let nowMs = 0;
	const waiting: Array<() => void> = [];
	return {
		get pending() {
			return waiting.length;
		},
		now: () => nowMs,
		async sleep(ms, signal) {
			await new Promise<void>(resolve => {
				waiting.push(resolve);
				signal.addEventListener('abort', () => {
					resolve();
				}, {once: true});
			});
			nowMs += ms;
		},
		release() {
			waiting.shift()?.();
		},
	};
}

test('K: preview, grace, typed count, paced requests, and a tally that counts vanished sessions as gone', async () => {
	const clock = manualClock();
	const app = await withSessions({filter: 'host:10.0.9.0/24', bulkClock: clock, bulkRate: 20});
	await press(app, 'K');
	await waitForText(app, 'Kill 3 filtered sessions');
	assert.match(frame(app), /users: +batch 1, report 1, web 1/v);
	assert.match(frame(app), /memory: +10\.7 KiB/v);
	await press(app, '1', '0', keys.enter);
	await waitForText(app, 'Kill 3 sessions in 10s? Type 3 and Enter');
	await press(app, '2', keys.enter);
	await waitForText(app, 'type 3 exactly');
	assert.equal(app.client.calls.filter(call => call.method === 'killSession').length, 0);
	await press(app, keys.backspace, '3');
	app.client.failNext('killSession', new ApiError('http', 'gone', {status: 404}));
	await press(app, keys.enter);
	// The first request goes at once, the next waits for the pacing clock.
	await waitFor(() => app.client.calls.length === 1 && clock.pending === 1, () => frame(app));
	clock.release();
	await waitFor(() => app.client.calls.length === 2 && clock.pending === 1, () => frame(app));
	clock.release();
	await waitForText(app, 'bulk kill: 2 killed, 1 already gone, 0 failed');
	assert.deepEqual(app.client.calls.map(call => call.args), [['1', {graceSeconds: 10}], ['2', {graceSeconds: 10}], ['4', {graceSeconds: 10}]]);
});

test('Esc stops a running bulk kill; the tally says what was not sent', async () => {
	const clock = manualClock();
	const app = await withSessions({bulkClock: clock});
	await press(app, ' ', ' ', ' ', 'K');
	await waitForText(app, 'Kill 3 tagged sessions');
	await press(app, keys.enter, '3', keys.enter);
	await waitFor(() => app.client.calls.length === 1 && clock.pending === 1, () => frame(app));
	await press(app, keys.escape);
	await waitForText(app, 'bulk kill stopped: 1 killed, 0 already gone, 0 failed, 2 not sent');
	assert.equal(app.client.calls.length, 1);
});

test('read-only: K sends nothing', async () => {
	const app = await withSessions({readOnly: true});
	await press(app, 'K');
	await waitForText(app, 'read-only');
	assert.deepEqual(app.client.calls, []);
});

test('R with a filter offers restarting just that set', async () => {
	const app = await withSessions({filter: 'user:web', bulkClock: manualClock()});
	await press(app, 'R');
	await waitForText(app, 'Restart: type 2 for the 2 filtered sessions');
	await press(app, '2', keys.enter);
	await waitFor(() => app.client.calls.length === 1, () => frame(app));
	assert.deepEqual(app.client.calls[0], {method: 'restartSession', args: ['1']});
});
