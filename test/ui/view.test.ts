import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {footerText, helpLines, keymap} from '../../source/keymap.js';
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
	type Harness,
} from './harness.js';

afterEach(() => {
	cleanup();
});

const session = makeSession({
	id: '123',
	user: 'app',
	connections: [{server: 'server1', connectionId: 129, cipher: 'TLS_AES_256_GCM_SHA384'}],
	connectionAttributes: {_client_name: 'libmariadb', program: 'evil\u{1B}]0;pwned\u{7}'},
	memory: {total: 67_337, last_queries: 0, variables: 0},
	logLevels: {
		log_info: false, log_notice: false, log_warning: true, log_error: true,
	},
	queries: [],
	log: [],
});

async function withSession(size?: {columns: number; rows: number}): Promise<Harness> {
	const app = renderApp({size: size ?? {columns: 100, rows: 24}, utc: true});
	app.poller.pushSessions([session]);
	await waitForText(app, '123');
	return app;
}

test('Enter opens the live detail pane, d asks for reverse DNS, Esc closes', async () => {
	const app = await withSession({columns: 100, rows: 40});
	await press(app, keys.enter);
	await waitForText(app, 'Session 123 on 127.0.0.1:8989, live');
	assert.deepEqual(app.poller.calls.watch, [{host, id: '123', rdns: false}]);
	const text = frame(app);
	assert.match(text, /server1 {2}connection 129 {2}TLS TLS_AES_256_GCM_SHA384/v);
	assert.match(text, /_client_name +libmariadb/v);
	assert.match(text, /program +evil\\x1b\]0;pwned\\x07/v);
	assert.ok(!text.includes('\u{1B}'));
	assert.match(text, /total +65\.8 KiB/v);
	assert.match(text, /MaxScale keeps no statements: set retain_last_statements/v);
	assert.match(text, /connected +2024-01-05 07:24:06 UTC/v);
	app.poller.pushDetail(host, '123', {
		...session, idleSeconds: 754, queries: [{
			statement: 'SELECT 42', receivedMs: Date.UTC(2024, 0, 5, 11, 59, 0), completedMs: Date.UTC(2024, 0, 5, 11, 59, 0), responses: [{server: 'server1', durationMs: 3}],
		}],
	});
	await waitForText(app, 'SELECT 42');
	assert.match(frame(app), /idle +12m34s/v);
	await press(app, 'd');
	await waitFor(() => app.poller.calls.watch.length === 2, () => frame(app));
	assert.deepEqual(app.poller.calls.watch[1], {host, id: '123', rdns: true});
	await waitForText(app, 'reverse DNS on');
	app.poller.pushDetail(host, '123', undefined);
	await waitForText(app, 'This session is gone');
	await waitForText(app, 'session 123 is gone');
	await press(app, keys.escape);
	await waitForNoText(app, 'Session 123 on');
	assert.equal(app.poller.calls.watch.at(-1), undefined);
	assert.equal(app.poller.calls.watch.length, 3);
});

test('the detail pane fits the screen and scrolls with Up/Down', async () => {
	const app = await withSession({columns: 80, rows: 16});
	await press(app, keys.enter);
	await waitForText(app, 'Up/Down scroll');
	assert.ok(frameLines(app).length <= 16);
	assert.match(frame(app), /state +Session started/v);
	await press(app, keys.down, keys.down);
	await waitForNoText(app, 'Session started');
	assert.ok(frameLines(app).length <= 16);
	await press(app, keys.end);
	await waitForText(app, 'MaxScale keeps no session log: set session_trace');
	await press(app, keys.home);
	await waitForText(app, 'Session started');
});

test('p pauses and resumes polling; the header says paused', async () => {
	const app = await withSession();
	await press(app, 'p');
	await waitForText(app, 'PAUSED');
	assert.deepEqual(app.poller.calls.paused, [true]);
	await press(app, 'p');
	await waitForNoText(app, 'PAUSED');
	assert.deepEqual(app.poller.calls.paused, [true, false]);
});

test('+ and - change the requested interval in 1 s steps, never under 1 s', async () => {
	const app = await withSession();
	await press(app, '+', '+');
	await waitForText(app, 'refresh 3s');
	await press(app, '-', '-', '-', '-');
	await waitForText(app, 'refresh 1s');
	assert.deepEqual(app.poller.calls.intervals, [2000, 3000, 2000, 1000]);
});

test('? shows help generated from the keymap; Esc closes it', async () => {
	const app = await withSession({columns: 100, rows: 60});
	await press(app, '?');
	await waitForText(app, 'Keys  (? or Esc closes)');
	const text = frame(app);
	const browsing = keymap.filter(row => row.modes.some(mode => !(mode === 'prompt' || mode === 'confirm')));
	assert.deepEqual(browsing.filter(binding => !text.includes(binding.help)), []);

	await press(app, keys.escape);
	await waitForNoText(app, 'Keys  (');
	await press(app, '?');
	await waitForText(app, 'Keys  (');
	await press(app, '?');
	await waitForNoText(app, 'Keys  (');
});

test('the footer is generated from the keymap', async () => {
	const app = await withSession();
	const footer = frameLines(app).at(-1) ?? '';
	assert.equal(footer.trimEnd(), footerText('table', 100));
	assert.match(footer, /^q quit {2}\? help {2}\/ filter/v);
});

test('? help scrolls: Down, PgDn, End reach its last line at 80x24, Home and Up come back', async () => {
	const app = await withSession({columns: 80, rows: 24});
	await press(app, '?');
	await waitForText(app, 'Keys  (? or Esc closes)');
	const total = helpLines(80).length;
	assert.match(frameLines(app)[2] ?? '', new RegExp(String.raw`\[1-\d+ of ${total}, Up/Down PgUp/PgDn Home/End scroll\]`, 'v'));
	await press(app, keys.down);
	await waitForText(app, '[2-');
	await press(app, keys.pageDown);
	await waitFor(() => !frame(app).includes('[2-') && /\[\d+-\d+ of/v.test(frame(app)), () => frame(app));
	await press(app, keys.end);
	await waitForText(app, `of ${total},`);
	const lines = frameLines(app);
	assert.ok(lines.length <= 24);
	assert.equal(lines.at(-3)?.trimEnd(), helpLines(80).at(-1));
	assert.match(lines.join('\n'), new RegExp(`-${total} of ${total},`, 'v'));
	await press(app, keys.up);
	await waitForNoText(app, `-${total} of ${total},`);
	await press(app, keys.home);
	await waitForText(app, '[1-');
	assert.match(frame(app), /Navigation\n {2}Up/v);
	// Keys that scroll the help do not move the table's cursor behind it.
	await press(app, keys.escape);
	await waitForNoText(app, 'Keys  (');
	assert.match(frame(app), /[>›] *123 /v);
});

test('q quits with code 0', async () => {
	const app = await withSession();
	await press(app, 'q');
	await waitFor(() => app.exits.length > 0);
	assert.deepEqual(app.exits, [0]);
	assert.equal(app.poller.calls.stop, 1);
});

test('Ctrl-C quits, even in a prompt', async () => {
	const app = await withSession();
	await press(app, 'k');
	await waitForText(app, 'after how many seconds');
	await press(app, keys.ctrlC);
	await waitFor(() => app.exits.length > 0);
	assert.deepEqual(app.exits, [0]);
	assert.deepEqual(app.client.calls, []);
});
