import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {generateSessions, makeSession} from '../helpers/sessions.js';
import {
	keys,
	press,
	waitFor,
	waitForText,
} from '../helpers/ink.js';
import {
	frame,
	frameLines,
	renderApp,
	type Harness,
} from './harness.js';

afterEach(() => {
	cleanup();
});

function selectedId(app: Harness): string | undefined {
	return /^›\s*(?<id>\d+) /v.exec(frameLines(app).find(line => line.startsWith('›')) ?? '')?.groups?.['id'];
}

async function expectSelected(app: Harness, id: string): Promise<void> {
	await waitFor(() => selectedId(app) === id, () => frame(app));
}

function headerRow(app: Harness): string {
	return frameLines(app).find(line => line.includes(' ID ')) ?? '';
}

async function tableOf(count: number): Promise<Harness> {
	const app = renderApp({sort: 'id', sortDescending: false, size: {columns: 100, rows: 24}});
	app.poller.pushSessions(generateSessions(count));
	await waitForText(app, `${count} sessions`);
	return app;
}

test('Up and Down move the cursor; a burst of keys is not lost', async () => {
	const app = await tableOf(50);
	await expectSelected(app, '1');
	app.stdin.write(keys.down);
	app.stdin.write(keys.down);
	app.stdin.write(keys.down);
	await expectSelected(app, '4');
	await press(app, keys.up);
	await expectSelected(app, '3');
	assert.equal(selectedId(app), '3');
});

test('PgDn/PgUp move by a screen and Home/End jump to the ends', async () => {
	// 24 rows: 2 header lines, the column titles, 2 bottom lines → 19 table rows.
	const app = await tableOf(100);
	await press(app, keys.pageDown);
	await expectSelected(app, '20');
	await press(app, keys.pageUp);
	await expectSelected(app, '1');
	await press(app, keys.end);
	await expectSelected(app, '100');
	assert.ok(frameLines(app).length <= 24);
	await press(app, keys.home);
	await expectSelected(app, '1');
});

test('i sorts by idle, m by memory, I inverts', async () => {
	const app = renderApp();
	app.poller.pushSessions([
		makeSession({id: '1', idleSeconds: 30, memoryBytes: 100}),
		makeSession({id: '2', idleSeconds: 10, memoryBytes: 300}),
		makeSession({id: '3', idleSeconds: 20, memoryBytes: 200}),
	]);
	await waitForText(app, 'MEMORY▼');
	await expectSelected(app, '2');
	await press(app, keys.home);
	await press(app, 'i');
	await waitForText(app, 'IDLE▼');
	assert.doesNotMatch(headerRow(app), /MEMORY▼/v);
	assert.deepEqual(frameLines(app).slice(3, 6).map(line => /^.\s+(?<id>\d+)/v.exec(line)?.groups?.['id']), ['1', '3', '2']);
	await press(app, 'I');
	await waitForText(app, 'IDLE▲');
	assert.deepEqual(frameLines(app).slice(3, 6).map(line => /^.\s+(?<id>\d+)/v.exec(line)?.groups?.['id']), ['2', '3', '1']);
	await press(app, 'm');
	await waitForText(app, 'MEMORY▼');
	assert.deepEqual(frameLines(app).slice(3, 6).map(line => /^.\s+(?<id>\d+)/v.exec(line)?.groups?.['id']), ['2', '3', '1']);
});

test('< and > sort by the previous and next column', async () => {
	const app = renderApp({ascii: true});
	app.poller.pushSessions(generateSessions(5));
	await waitForText(app, 'MEMORYv');
	await press(app, '>');
	await waitForText(app, 'I/Ov');
	await press(app, '<');
	await waitForText(app, 'MEMORYv');
	await press(app, '<');
	await waitForText(app, 'IDLEv');
	await press(app, '<', '<');
	await waitForText(app, 'STATE^');
	assert.match(headerRow(app), /STATE\^/v);
});

test('< and > skip the columns the terminal has no room for, or the operator hid', async () => {
	const app = renderApp({ascii: true, size: {columns: 80, rows: 24}});
	app.poller.pushSessions(generateSessions(5));
	await waitForText(app, 'MEMORYv');
	assert.doesNotMatch(headerRow(app), /I\/O|THR/v, 'no room for I/O and THR at 80 columns');
	// Memory is the last column shown: the next one, round the end, is ID (ascending).
	await press(app, '>');
	await waitForText(app, 'ID^');
	await press(app, '<');
	await waitForText(app, 'MEMORYv');
	await press(app, 'C', keys.down, keys.down, keys.down, keys.space, keys.enter);
	await waitFor(() => !headerRow(app).includes('CLIENT'), () => frame(app));
	// Idle, age, state, service, then user: CLIENT, hidden, is skipped.
	await press(app, '<', '<', '<', '<', '<');
	await waitFor(() => headerRow(app).includes('USER^'), () => frame(app));
});
