import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {cleanup} from 'ink-testing-library';
import {runCleanups} from '../../source/lifecycle.js';
import {makeSession} from '../helpers/sessions.js';
import {
	keys,
	press,
	waitFor,
	waitForText,
} from '../helpers/ink.js';
import {
	frame,
	frameLines,
	host,
	renderApp,
	type Harness,
} from '../ui/harness.js';

afterEach(() => {
	cleanup();
});

const version = {
	versionText: '24.02.3', version: {
		major: 24, minor: 2, patch: 3, text: '24.02.3',
	},
};
const session = makeSession({
	id: '123', user: 'app', remote: '10.0.0.5', port: 40_664, services: ['RW-Split-Router'], filters: ['my-log-filter'],
	logLevels: {
		log_debug: false, log_info: false, log_notice: false, log_warning: false, log_error: false,
	},
});

async function withSession(options: Parameters<typeof renderApp>[0] = {}): Promise<Harness> {
	const app = renderApp(options);
	app.poller.pushStatus(version);
	app.poller.pushSessions([session]);
	await waitForText(app, '123');
	app.client.session = session;
	return app;
}

function writes(app: Harness): string[] {
	return app.client.calls.map(call => call.method).filter(method => !method.startsWith('get') && method !== 'listSessions');
}

test('W: read-only shows [RO]; W asks for "write" before switching, and switches back at once', async () => {
	const app = await withSession({readOnly: true});
	assert.match(frameLines(app)[0]!, /^\[RO\] maxtop/v);
	await press(app, 'k');
	await waitForText(app, 'read-only mode; nothing was sent (W switches to read-write)');

	await press(app, 'W');
	await waitForText(app, 'Type "write" and Enter');
	await press(app, 'y', keys.enter);
	await waitForText(app, 'type exactly "write"');
	await press(app, keys.escape);
	await waitForText(app, '[RO]');
	assert.deepEqual(writes(app), []);

	await press(app, 'W', 'write', keys.enter);
	await waitForText(app, 'read-write: actions now change sessions');
	assert.ok(!frame(app).includes('[RO]'));
	await press(app, 'r', 'y');
	await waitFor(() => writes(app).length === 1, () => frame(app));
	assert.deepEqual(writes(app), ['restartSession']);

	await press(app, 'W');
	await waitForText(app, '[RO]');
	await press(app, 'r');
	await waitForText(app, 'read-only mode');
	assert.deepEqual(writes(app), ['restartSession']);
});

test('W cannot lift a basic account; the badge says why', async () => {
	const app = await withSession();
	app.poller.pushStatus({...version, readOnly: true});
	await waitForText(app, '[RO basic account]');
	await press(app, 'W');
	await waitForText(app, '[RO]');
	await press(app, 'W');
	await waitForText(app, 'the account is a basic (read-only) one on 127.0.0.1:8989; W cannot change that');
	await press(app, 'l');
	await waitForText(app, 'log_info');
	await press(app, keys.down, 'L');
	await waitForText(app, 'read-only');
	assert.deepEqual(writes(app), []);
});

test('f: the picker shows the server\'s chain in order and the other filters; Esc leaves it unchanged', async () => {
	const app = await withSession();
	app.client.getFilters = async () => [{id: 'my-log-filter'}, {id: 'my-cache-filter'}, {id: 'top-filter'}];
	app.client.session = {...session, filters: ['top-filter', 'my-log-filter']};
	await press(app, 'f');
	await waitForText(app, 'chain: top-filter → my-log-filter');
	const lines = frameLines(app);
	const order = ['[1]  top-filter', '[2]  my-log-filter', '[ ]  my-cache-filter'].map(text => lines.findIndex(line => line.includes(text)));
	assert.ok(order.every((index, position) => index > 0 && (position === 0 || index > order[position - 1]!)), frame(app));
	await press(app, keys.down, ']');
	await waitForText(app, 'chain: top-filter → my-log-filter');
	await press(app, '[');
	await waitForText(app, 'chain: my-log-filter → top-filter');
	await press(app, keys.escape);
	await waitForText(app, 'filter chain edits not applied; nothing was sent');
	assert.deepEqual(writes(app), []);
});

test('L: a log level on for N minutes counts down in the detail pane and is turned off when the time is up', async () => {
	const app = await withSession();
	await press(app, 'l');
	await waitForText(app, 'log_info');
	await press(app, 'L');
	await waitForText(app, 'Turn log_info on for how many minutes? [10]');
	assert.match(frame(app), /Log levels of session 123/v, 'the log pane stays behind the question');
	await press(app, '0', keys.enter);
	await waitForText(app, 'is not a number of minutes from 1 to 1440');
	await press(app, keys.backspace, '2', keys.enter);
	await waitForText(app, 'log_info on for 2 min; maxtop turns it off then, or when it quits');
	await waitForText(app, 'lease: log_info on until');
	assert.deepEqual(app.client.calls.filter(call => call.method === 'setLogLevels').map(call => call.args), [['123', {log_info: true}]]);

	await press(app, keys.escape, keys.enter);
	await waitForText(app, 'lease       log_info on until');
	await waitForText(app, '(2m 00s left)');
	app.clock.ms += 61_000;
	app.poller.pushSessions([session]);
	await waitForText(app, '(59s left)');
	app.clock.ms += 59_000;
	app.poller.pushSessions([session]);
	await waitForText(app, 'lease over: log_info turned off on session 123 (127.0.0.1:8989)');
	assert.ok(!frame(app).includes('lease       '));
	assert.deepEqual(app.client.calls.filter(call => call.method === 'setLogLevels').map(call => call.args), [
		['123', {log_info: true}],
		['123', {log_info: false}],
	]);
});

test('quitting turns off every level still leased before exiting; without leases q exits at once', async () => {
	const app = await withSession();
	await press(app, 'l');
	await waitForText(app, 'log_info');
	await press(app, 'L', '5', keys.enter);
	await waitForText(app, 'log_info on for 5 min');
	await press(app, keys.down, 'L', keys.enter);
	await waitForText(app, 'log_notice on for 10 min');
	await press(app, 'q');
	await waitFor(() => app.exits.length === 1, () => frame(app));
	const offs = app.client.calls.filter(call => call.method === 'setLogLevels').map(call => call.args).slice(2);
	assert.deepEqual(offs, [['123', {log_info: false}], ['123', {log_notice: false}]]);

	cleanup();
	const plain = await withSession();
	await press(plain, 'q');
	assert.deepEqual(plain.exits, [0]);
});

test('a TLS connection without certificate checks is warned about in the header', async () => {
	const app = await withSession({insecureHosts: [host]});
	await waitForText(app, 'WARNING: TLS certificate not verified (--tls-verify-server-cert=false)');
	assert.ok(frameLines(app).length <= 24);
	const fleet = await withSession({hosts: [host, 'b:8989'], insecureHosts: ['b:8989']});
	await waitForText(fleet, 'not verified (--tls-verify-server-cert=false): b:8989');
});

test('on a signal the exit guard\'s cleanups turn leased levels off too', async () => {
	const app = await withSession();
	await press(app, 'l');
	await waitForText(app, 'log_info');
	await press(app, 'L', keys.enter);
	await waitForText(app, 'log_info on for 10 min');
	await waitForText(app, 'lease: log_info on until');
	// Passive effects (the registration) run after the frame is committed.
	await nextTurn();
	await nextTurn();
	await runCleanups(1000);
	assert.deepEqual(app.client.calls.filter(call => call.method === 'setLogLevels').map(call => call.args), [
		['123', {log_info: true}],
		['123', {log_info: false}],
	]);
});
