import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {ApiError} from '../../source/api/errors.js';
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
	host,
	renderApp,
	type Harness,
} from './harness.js';

afterEach(() => {
	cleanup();
});

const session = makeSession({
	id: '123', user: 'app', remote: '10.0.0.5', port: 40_664, services: ['RW-Split-Router'],
});

async function withSession(options: Parameters<typeof renderApp>[0] = {}): Promise<Harness> {
	const app = renderApp(options);
	app.poller.pushStatus({
		versionText: '24.02.3', version: {
			major: 24, minor: 2, patch: 3, text: '24.02.3',
		},
	});
	app.poller.pushSessions([session, makeSession({id: '124', memoryBytes: 1})]);
	await waitForText(app, '123');
	return app;
}

function methods(app: Harness): string[] {
	return app.client.calls.map(call => call.method);
}

test('r asks y/N; Enter alone cancels and sends nothing', async () => {
	const app = await withSession();
	await press(app, 'r');
	await waitForText(app, 'Restart session 123 (app@10.0.0.5:40664, RW-Split-Router)? [y/N]');
	await press(app, keys.enter);
	await waitForText(app, 'cancelled: session 123 was not restarted');
	await press(app, 'r');
	await waitForText(app, '[y/N]');
	await press(app, keys.escape);
	await waitForText(app, 'cancelled');
	assert.deepEqual(methods(app), []);
});

test('r then y restarts the session and says so; MaxScale errors are shown', async () => {
	const app = await withSession();
	await press(app, 'r', 'y');
	await waitForText(app, 'session 123 restarts at its next query');
	assert.deepEqual(app.client.calls, [{method: 'restartSession', args: ['123']}]);
	assert.deepEqual(app.poller.calls.refreshNow, [host]);
	app.client.failNext('restartSession', new ApiError('http', 'Cannot restart session if \'idle_session_pool_time\' is in use', {status: 400}));
	await press(app, 'r', 'y');
	await waitForText(app, 'maxtop: restart of session 123 failed: Cannot restart session if \'idle_session_pool_time\' is in use');
});

test('R restarts all sessions only after "restart" is typed', async () => {
	const app = await withSession();
	await press(app, 'R');
	await waitForText(app, 'Type "restart"');
	await press(app, 'r', 'e', 's', keys.enter);
	await waitForText(app, 'type exactly "restart"');
	assert.deepEqual(methods(app), []);
	await press(app, 't', 'a', 'r', 't', keys.enter);
	await waitForText(app, 'all sessions restart at their next query');
	assert.deepEqual(methods(app), ['restartAllSessions']);
});

test('k: the grace prompt refuses bad input, confirms naming the session, then counts down until the session is gone', async () => {
	const app = await withSession();
	await press(app, 'k');
	await waitForText(app, 'Kill session 123 (app@10.0.0.5:40664, RW-Split-Router) after how many seconds?');
	await press(app, '-', '3', keys.enter);
	await waitForText(app, '"-3" is not a whole number of seconds');
	await press(app, keys.backspace, keys.backspace);
	await press(app, '7', keys.enter);
	await waitForText(app, 'Kill session 123 (app@10.0.0.5:40664, RW-Split-Router) in 7s? [y/N]');
	assert.deepEqual(methods(app), []);
	await press(app, 'y');
	await waitForText(app, 'will be killed in 7s');
	assert.deepEqual(app.client.calls, [{method: 'killSession', args: ['123', {graceSeconds: 7}]}]);
	// The countdown fits the STATE cell (`started` wide): the columns do not move while it runs.
	await waitForText(app, ' ✖ 7s    ');
	app.clock.ms += 3000;
	app.poller.pushSessions([session, makeSession({id: '124', memoryBytes: 1})]);
	await waitForText(app, ' ✖ 4s    ');
	// MaxScale kills 1–2 s after the deadline and shows nothing meanwhile.
	app.clock.ms += 5000;
	app.poller.pushSessions([session, makeSession({id: '124', memoryBytes: 1})]);
	await waitForText(app, ' ✖ kill… ');
	app.poller.pushSessions([makeSession({id: '124', memoryBytes: 1})]);
	await waitForText(app, 'session 123 is gone');
	await waitForNoText(app, '✖');
});

test('k with Enter on an empty prompt means now; a kill error is reported', async () => {
	const app = await withSession();
	app.client.failNext('killSession', new ApiError('http', 'session 123 not found', {status: 404}));
	await press(app, 'k', keys.enter);
	await waitForText(app, 'Kill session 123 (app@10.0.0.5:40664, RW-Split-Router) now? [y/N]');
	await press(app, 'y');
	await waitForText(app, 'maxtop: kill of session 123 failed: session 123 not found');
	assert.deepEqual(app.client.calls, [{method: 'killSession', args: ['123', {graceSeconds: 0}]}]);
});

test('k and r asked from the detail pane keep it live behind the question, and return to it', async () => {
	const app = await withSession();
	const pane = /Session 123 on 127\.0\.0\.1:8989, live/v;
	await press(app, keys.enter);
	await waitForText(app, 'Session 123 on 127.0.0.1:8989, live');
	await press(app, 'k');
	await waitForText(app, 'Kill session 123');
	assert.match(frame(app), pane);
	// Still watched and updated behind the question.
	app.poller.pushDetail(host, '123', {...session, idleSeconds: 754});
	await waitForText(app, '12m34s');
	assert.equal(app.poller.calls.watch.length, 1);
	await press(app, keys.escape);
	await waitForText(app, 'cancelled');
	assert.match(frame(app), pane);
	await press(app, 'k', '5', keys.enter);
	await waitForText(app, 'in 5s? [y/N]');
	assert.match(frame(app), pane);
	await press(app, 'y');
	await waitForText(app, 'will be killed in 5s');
	assert.match(frame(app), pane);
	await press(app, 'r');
	await waitForText(app, 'Restart session 123');
	assert.match(frame(app), pane);
	await press(app, 'n');
	await waitForText(app, 'cancelled: session 123 was not restarted');
	assert.match(frame(app), pane);
	assert.deepEqual(methods(app), ['killSession']);
});

test('l shows the server\'s log levels, toggles one and shows what the server reports afterwards', async () => {
	const app = await withSession();
	app.client.session = {
		...session, logLevels: {
			log_info: false, log_notice: false, log_warning: true, log_error: true,
		},
	};
	await press(app, 'l');
	await waitForText(app, 'Log levels of session 123');
	await waitForText(app, '[x] log_warning  on');
	assert.match(frame(app), /\[ \] log_info {5}off/v);
	assert.match(frame(app), /log_debug {4}not reported \(debug builds only\)/v);
	// The cursor starts on log_info.
	await press(app, keys.space);
	await waitForText(app, '[x] log_info     on');
	await waitForText(app, 'session 123: log_info on sent; the server reports on');
	assert.deepEqual(app.client.calls.map(call => call.method), ['getSession', 'setLogLevels', 'getSession']);
	assert.deepEqual(app.client.calls[1]?.args, ['123', {log_info: true}]);
	// log_debug is silently ignored by release builds: the panel shows the server's answer.
	app.client.ignoredLevels.add('log_debug');
	await press(app, keys.up, keys.enter);
	await waitForText(app, 'log_debug on sent; the server reports not reported');
	await press(app, keys.escape);
	await waitForNoText(app, 'Log levels of session');
});

test('read-only: mutating keys say why and send nothing', async () => {
	const app = await withSession({readOnly: true});
	const frames: string[] = [];
	for (const key of ['r', 'R', 'k']) {
		await press(app, key);
		frames.push(await waitForText(app, 'maxtop: read-only: maxtop runs in read-only mode; nothing was sent'));
	}

	assert.deepEqual(frames.filter(text => /\[y\/N\]|after how many seconds|Type "restart"/v.test(text)), []);

	app.client.session = {...session, logLevels: {log_info: false}};
	await press(app, 'l');
	await waitForText(app, '[ ] log_info');
	await press(app, keys.space);
	await waitFor(() => frame(app).includes('read-only:'), () => frame(app));
	assert.deepEqual(methods(app), ['getSession']);
});

test('a read-only account on the host refuses too', async () => {
	const app = await withSession();
	app.poller.pushStatus({versionText: '24.02.3', readOnly: true});
	await waitFor(() => true);
	await press(app, 'k');
	await waitForText(app, 'read-only: the account on 127.0.0.1:8989 may not change sessions');
	assert.deepEqual(methods(app), []);
});
