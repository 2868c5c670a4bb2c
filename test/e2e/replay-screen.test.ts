import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ensureBuilt} from '../helpers/build.js';
import {startPty} from '../helpers/pty.js';

// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config', TZ: 'UTC'};
const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-replay-screen-'));
const recording = path.join(directory, 'fleet.ndjson');

before(() => {
	ensureBuilt();
	// Two hosts recorded days ago, a poll every 2 s; the same session on each all along.
	const startMs = Date.parse('2026-11-27T08:15:00Z');
	const lines: string[] = [];
	for (let poll = 0; poll < 200; poll++) {
		for (const host of ['127.0.0.1:4001', '127.0.0.1:4002']) {
			lines.push(JSON.stringify({
				ts: new Date(startMs + (poll * 2000)).toISOString(),
				host,
				sessions: [{
					id: '7', host, user: 'app', remote: '10.0.0.5', state: 'Session started', services: ['rw'], servers: ['db1'], filters: [], idleSeconds: 3, ageSeconds: 100 + (poll * 2),
				}],
			}));
		}
	}

	writeFileSync(recording, lines.join('\n') + '\n');
});

after(() => {
	rmSync(directory, {recursive: true, force: true});
});

for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
	test(`--replay of a fleet at ${columns}x${rows}: recorded time, hosts ok, and the detail pane says replay, not live`, async () => {
		const pty = startPty(['--replay', recording], {columns, rows, env});
		try {
			const table = await pty.waitFor(text => /^ *[>›] *127\.0(?:\.0\.1|…):4001 +7 /mv.test(text) && pty.screen().at(-1)!.startsWith('q quit'), 10_000, 'the replayed table');
			const screen = table.split('\n');
			assert.match(screen[1]!, /^refresh 2s {2}recorded 08:15:\d\d/v);
			assert.equal(screen[2], '127.0.0.1:4001 ok  127.0.0.1:4002 ok');
			assert.doesNotMatch(table, /stale|\dd\d+h ago/v);
			pty.write('\r');
			const detail = await pty.waitFor(text => text.includes('Session 7 on 127.0.0.1:4') && text.includes('state'), 5000, 'the detail pane');
			// A narrow title cuts the host before the time.
			assert.match(detail, /Session 7 on 127\.0\.0\.1:4[\d…]*, replay at 08:1\d:\d\d/v);
			assert.doesNotMatch(detail, /, live/v);
		} finally {
			pty.kill('SIGKILL');
		}
	});
}
