import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {displayWidth} from '../../source/model/text.js';
import {generateSessions, legacySession, makeSession} from '../helpers/sessions.js';
import {
	press,
	keys,
	waitFor,
	waitForText,
} from '../helpers/ink.js';
import {
	frame,
	frameLines,
	host,
	renderApp,
} from './harness.js';

afterEach(() => {
	cleanup();
});

function selectedLine(app: {lastFrame: () => string | undefined}): string {
	return frameLines(app).find(line => line.startsWith('›')) ?? '';
}

for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}, {columns: 60, rows: 20}]) {
	test(`50,000 sessions at ${size.columns}×${size.rows}: only the rows that fit are drawn`, async () => {
		const app = renderApp({size});
		app.poller.pushStatus({
			versionText: '24.02.3', lastSuccessMs: app.clock.ms, lastListDurationMs: 4200, effectiveIntervalMs: 42_000, intervalReason: 'server share 10%',
		});
		app.poller.pushSessions(generateSessions(50_000));
		await waitForText(app, '50,000 sessions');
		const lines = frameLines(app);
		assert.ok(lines.length <= size.rows, `${lines.length} lines`);
		assert.deepEqual(lines.filter(line => displayWidth(line) > size.columns), []);

		assert.ok(lines.length >= size.rows - 1, 'the table fills the screen');
		await press(app, keys.end);
		await waitForText(app, 'ID');
		assert.ok(frameLines(app).length <= size.rows);
	});
}

test('until the first data the screen says it is connecting', () => {
	const app = renderApp({size: {columns: 80, rows: 24}});
	assert.match(frame(app), /connecting to 127\.0\.0\.1:8989…/v);
	assert.ok(frameLines(app).length <= 24);
});

test('a failed poll marks the data stale with its age and keeps the last rows visible', async () => {
	const app = renderApp({size: {columns: 100, rows: 24}});
	app.poller.pushStatus({versionText: '24.02.3', lastSuccessMs: app.clock.ms});
	app.poller.pushSessions([makeSession({id: '4711', user: 'alice'})]);
	await waitForText(app, 'alice');
	app.clock.ms += 12_000;
	app.poller.pushStatus({
		state: 'stale', versionText: '24.02.3', lastSuccessMs: app.clock.ms - 12_000, error: 'connection refused (is MaxScale running on 127.0.0.1:8989?)',
	});
	const text = await waitForText(app, 'stale');
	assert.match(text, /maxtop: connection refused/v);
	assert.match(text, /stale data, 12s old {2}maxtop: connection refused/v);
	assert.match(text, /4711 alice/v);
	assert.ok(frameLines(app).length <= 24);
});

test('a first poll that fails says so without a table of nothing', async () => {
	const app = renderApp({size: {columns: 100, rows: 24}});
	app.poller.pushStatus({state: 'down', error: 'connection refused'});
	const text = await waitForText(app, 'no data yet');
	assert.match(text, /maxtop: connection refused/v);
	assert.match(text, /connecting to/v);
});

test('the header shows requested and effective interval with the reason, and poll time', async () => {
	const app = renderApp();
	app.poller.pushStatus({
		versionText: '24.02.3', lastSuccessMs: app.clock.ms - 3000, lastListDurationMs: 737, effectiveIntervalMs: 7500, intervalReason: 'server share 10%',
	});
	app.poller.pushSessions(generateSessions(3));
	const text = await waitForText(app, 'refresh 1s (effective 7.5s: server share 10%)');
	assert.match(text, /MaxScale 24\.02\.3/v);
	assert.match(text, /poll 737 ms/v);
	assert.match(text, /updated 3s ago/v);
});

test('a 2.2-style session set hides the columns the server does not send', async () => {
	const app = renderApp();
	app.poller.pushStatus({versionText: '2.2.21'});
	app.poller.pushSessions([legacySession('1'), legacySession('2', {user: 'bob'})]);
	const text = await waitForText(app, 'bob');
	const header = frameLines(app).find(line => line.includes('ID')) ?? '';
	assert.deepEqual(['ID', 'USER', 'CLIENT', 'SERVICE', 'STATE', 'IDLE'].filter(title => !header.includes(title)), [], header);
	assert.deepEqual(['MEMORY', 'SERVERS', 'AGE', 'I/O', 'THR', 'HOST'].filter(title => header.includes(title)), [], header);

	// Memory was asked for; 2.2 has none, so the table sorts by idle.
	assert.match(header, /IDLE▼/v);
	assert.match(text, /ready for rout/v);
});

test('several hosts: a host column and one merged table', async () => {
	const app = renderApp({hosts: [host, '10.0.0.2:8989']});
	app.poller.pushSessions([makeSession({id: '1', user: 'first'})], host);
	app.poller.pushSessions([makeSession({id: '1', host: '10.0.0.2:8989', user: 'second'})], '10.0.0.2:8989');
	const text = await waitForText(app, 'second');
	assert.match(text, /2 hosts/v);
	assert.match(text, /HOST/v);
	assert.match(text, /first/v);
});

test('the cursor stays on the same session across refreshes', async () => {
	const app = renderApp();
	const sessions = [makeSession({id: '1', memoryBytes: 3000}), makeSession({id: '2', memoryBytes: 2000}), makeSession({id: '3', memoryBytes: 1000})];
	app.poller.pushSessions(sessions);
	await waitFor(() => /^›\s+1 /v.test(selectedLine(app)), () => frame(app));
	await press(app, keys.down);
	await waitFor(() => /^›\s+2 /v.test(selectedLine(app)), () => frame(app));
	// Session 2 jumps to the top of the memory sort once the order is no longer frozen by the move; the cursor goes with it.
	app.clock.ms += 4000;
	app.poller.pushSessions([makeSession({id: '3', memoryBytes: 1000}), makeSession({id: '1', memoryBytes: 3000}), makeSession({id: '2', memoryBytes: 9000})], host, app.clock.ms);
	await waitFor(() => /^\s+1 /v.test(frameLines(app)[4] ?? ''), () => frame(app));
	assert.match(frameLines(app)[3] ?? '', /^›\s+2 /v);
});
