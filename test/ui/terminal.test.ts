import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/app.js';
import type {Preferences} from '../../source/config/preferences.js';
import {displayWidth} from '../../source/model/text.js';
import {createFakeClient} from '../helpers/fake-client.js';
import {createFakePoller} from '../helpers/fake-poller.js';
import {
	keys,
	press,
	waitForNoText,
	waitForText,
} from '../helpers/ink.js';
import {generateSessions, makeSession} from '../helpers/sessions.js';
import {
	frame,
	frameLines,
	host,
	renderApp,
} from './harness.js';

afterEach(() => {
	cleanup();
});

const threads = [
	{id: '0', sessions: 150, loadLastSecond: 93},
	{id: '1', sessions: 4, loadLastSecond: 2},
];

for (const [columns, rows] of [[120, 40], [80, 24], [60, 20], [40, 10]] as const) {
	test(`at ${columns}x${rows} every line fits the width and the frame fits the height, meters on`, async () => {
		const app = renderApp({size: {columns, rows}});
		app.poller.pushSessions(generateSessions(300));
		app.poller.listener.counters({host, atMs: 0, threads});
		await waitForText(app, '300 sessions');
		const lines = frameLines(app);
		assert.ok(lines.length <= rows, `${lines.length} lines`);
		for (const line of lines) {
			assert.ok(displayWidth(line) <= columns, line);
		}

		if (columns >= 60) {
			for (const title of ['ID', 'USER', 'CLIENT', 'IDLE', 'MEMORY']) {
				assert.match(frame(app), new RegExp(String.raw`\b${title}\b`, 'v'), title);
			}
		}
	});
}

test('worker meters show load and sessions per worker; t hides and shows them', async () => {
	const app = renderApp({size: {columns: 100, rows: 30}});
	app.poller.pushSessions([makeSession({id: '1'})]);
	app.poller.listener.counters({host, atMs: 0, threads});
	await waitForText(app, ' 93% 150');
	assert.match(frame(app), /1 \[█?░+\] +2% +4/v);
	await press(app, 't');
	await waitForNoText(app, ' 93% 150');
	await press(app, 't');
	await waitForText(app, ' 93% 150');
});

function props(size: {columns: number; rows: number}, poller: ReturnType<typeof createFakePoller>, extra: Partial<AppProps> = {}): AppProps {
	return {
		clients: new Map([[host, createFakeClient(`http://${host}`)]]),
		createPoller: poller.create,
		options: {intervalSeconds: 1, sort: 'memory', readOnly: false},
		size,
		now: () => Date.UTC(2024, 0, 5, 12, 0, 0),
		...extra,
	};
}

test('below 40x10 one line asks for a bigger terminal, and the table comes back when it grows', async () => {
	const poller = createFakePoller(host);
	const app = render(createElement(App, props({columns: 39, rows: 24}, poller)));
	poller.pushSessions([makeSession({id: '7'})]);
	await waitForText(app, 'terminal too small (39x24)');
	assert.equal(frameLines(app).length, 1);
	assert.ok(displayWidth(frame(app)) <= 39);
	app.rerender(createElement(App, props({columns: 80, rows: 9}, poller)));
	await waitForText(app, 'terminal too small (80x9)');
	app.rerender(createElement(App, props({columns: 80, rows: 24}, poller)));
	await waitForText(app, 'MEMORY');
	assert.ok(frameLines(app).length <= 24);
});

test('growing the terminal fills the taller body in the same frame: no half-empty frame waits for the page size', async () => {
	const poller = createFakePoller(host);
	const app = render(createElement(App, props({columns: 120, rows: 15}, poller)));
	poller.pushSessions(generateSessions(40));
	await waitForText(app, '40 sessions');
	const sessionRows = (text: string) => text.split('\n').filter(line => /^ *(?:[>›] *)?\d+ \S/v.test(line)).length;
	const before = app.frames.length;
	app.rerender(createElement(App, props({columns: 120, rows: 40}, poller)));
	await waitForText(app, 'MEMORY');
	const grown = app.frames.slice(before).filter(text => text.split('\n').length > 15);
	assert.ok(grown.length > 0);
	for (const text of grown) {
		assert.equal(sessionRows(text), 40 - (text.split('\n').findIndex(line => /^ +ID\b/v.test(line)) + 3), text);
	}
});

test('C opens the column chooser: Space hides USER, ] moves, Enter closes; --columns sets them', async () => {
	const app = renderApp({size: {columns: 100, rows: 24}});
	app.poller.pushSessions([makeSession({id: '1', user: 'appuser'})]);
	await waitForText(app, 'appuser');
	await press(app, 'C');
	await waitForText(app, 'Columns  (Space show/hide');
	assert.match(frame(app), /\[x\] USER/v);
	await press(app, keys.down, keys.down, keys.space);
	await waitForText(app, '[ ] USER');
	await press(app, keys.enter);
	await waitForNoText(app, 'Columns  (Space');
	assert.ok(!frame(app).includes('appuser'));
	assert.ok(!frame(app).includes('USER'));

	const chosen = renderApp({size: {columns: 100, rows: 24}, columns: ['memory', 'id']});
	chosen.poller.pushSessions([makeSession({id: '1'})]);
	await waitForText(chosen, 'MEMORY');
	assert.match(frameLines(chosen).find(line => line.includes('MEMORY'))!, /^ +MEMORY. +ID *$/v);
});

test('the column chooser says which chosen columns have no room at this width, and updates as columns are hidden', async () => {
	const app = renderApp({size: {columns: 80, rows: 24}});
	app.poller.pushSessions([makeSession({
		id: '1', user: 'appuser', services: ['RW-Split-Router'], servers: ['server1', 'server2'],
	})]);
	await waitForText(app, 'appuser');
	await press(app, 'C');
	await waitForText(app, '[x] THR      (no room at this width)');
	assert.match(frame(app), /\[x\] ID\s*$/mv);
	// Hiding CLIENT and SERVERS frees the room THR needed.
	await press(app, keys.down, keys.down, keys.down, keys.space, keys.down, keys.down, keys.space);
	await waitForText(app, '[ ] SERVERS');
	assert.match(frame(app), /\[ \] CLIENT/v);
	await waitForNoText(app, '(no room at this width)');
});

test('columns are sized to their content: appuser and RW-Split-Router whole at 100 columns', async () => {
	const app = renderApp({size: {columns: 100, rows: 24}});
	app.poller.pushSessions([makeSession({
		id: '1', user: 'appuser', services: ['RW-Split-Router'], servers: ['server1', 'server2'],
	})]);
	await waitForText(app, 'appuser');
	assert.match(frame(app), /RW-Split-Router/v);
	assert.match(frame(app), /server1,server2/v);
});

test('ASCII mode: no byte above 0x7F from maxtop, non-ASCII data as ? with columns aligned', async () => {
	const app = renderApp({size: {columns: 100, rows: 24}, ascii: true});
	assert.ok([...Buffer.from(frame(app))].every(byte => byte < 0x80), frame(app));
	app.poller.pushSessions([makeSession({id: '1', user: 'jürgen', memoryBytes: 900_000}), makeSession({id: '2', user: 'ユーザ', memoryBytes: 800_000}), makeSession({id: '3', user: 'plain'})]);
	app.poller.listener.counters({host, atMs: 0, threads});
	await waitForText(app, 'j?rgen');
	const text = frame(app);
	assert.ok([...Buffer.from(text)].every(byte => byte < 0x80), text);
	assert.match(text, /\?{6}/v);
	assert.match(text, /MEMORYv/v);
	const rows = frameLines(app).filter(line => line.includes(' started '));
	assert.equal(rows.length, 3);
	const idleAt = new Set(rows.map(line => line.search(/ 5s /v)));
	assert.equal(idleAt.size, 1, rows.join('\n'));
});

test('the header says whether times are UTC or local', async () => {
	const utc = renderApp({size: {columns: 100, rows: 24}, utc: true});
	await waitForText(utc, 'clock 12:00:00 UTC');
	const local = renderApp({size: {columns: 100, rows: 24}});
	assert.match(await waitForText(local, ' local'), /clock \d\d:00:00 local/v);
});

test('quitting hands onQuit the display settings changed inside, not the ones the run started with', async () => {
	const poller = createFakePoller(host);
	const saved: Preferences[] = [];
	const app = render(createElement(App, props({columns: 100, rows: 24}, poller, {
		options: {
			intervalSeconds: 2, sort: 'memory', readOnly: false, theme: 'light', columns: ['id', 'user'],
		},
		onQuit(preferences) {
			saved.push(preferences);
		},
	})));
	poller.pushSessions([makeSession({id: '1'})]);
	await waitForText(app, 'USER');
	await press(app, 'i', '+', 'q');
	assert.deepEqual(saved, [{sort: 'idle', sortDescending: true, intervalSeconds: 3}]);
});
