import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {startSimulator} from '../../source/simulator/index.js';
import {ensureBuilt} from '../helpers/build.js';
import {startPty} from '../helpers/pty.js';

// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};

before(() => {
	ensureBuilt();
});

for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 20}]) {
	test(`a MaxScale restart at ${size.columns}x${size.rows}: said once on screen, and no burst of churn`, async t => {
		let simulator = await startSimulator({sessions: 40, seed: 7, churnPerSecond: 0});
		const {port} = new URL(simulator.url);
		const pty = startPty(['-h', `127.0.0.1:${port}`, '--interval', '0.5', '--no-save'], {...size, env});
		t.after(async () => {
			pty.kill('SIGKILL');
			await simulator.close();
		});
		await pty.waitFor(text => /\b40 sessions/v.test(text), 15_000, 'the first list');
		await simulator.close();
		await pty.waitFor(text => text.includes('could not connect'), 10_000, 'the stale line');
		simulator = await startSimulator({
			sessions: 36, seed: 8, churnPerSecond: 0, port: Number(port),
		});
		await pty.waitFor(text => /\b36 sessions/v.test(text) && text.includes('MaxScale restarted at'), 15_000, 'the restart message');
		const screen = pty.screen().join('\n');
		assert.match(screen, /MaxScale restarted at \d\d:\d\d:\d\d/v);
		// The old 40 closed and the new 36 opened would read "churn +36 -40" and 36/min opened.
		assert.doesNotMatch(screen, /churn \+[1-9]|\b[1-9]\d*\/min (?:opened|closed)/v, screen);
		assert.ok(pty.screen().every(line => line.length <= size.columns));
	});
}
