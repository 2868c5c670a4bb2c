import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {startSimulator} from '../../source/simulator/index.js';
import {ensureBuilt} from '../helpers/build.js';
import {startPty} from '../helpers/pty.js';

// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};
const secret = 'Pw-4hq8Tz1x';

before(() => {
	ensureBuilt();
});

for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 20}]) {
	test(`a fleet start at ${size.columns}x${size.rows}: no churn storm, and a password in a host URL is never on screen`, async t => {
		const users = [{name: 'ops', password: secret, account: 'admin' as const}];
		const first = await startSimulator({
			sessions: 100, seed: 3, churnPerSecond: 0, users,
		});
		const second = await startSimulator({
			sessions: 100, seed: 4, churnPerSecond: 0, users,
		});
		const hosts = [first, second].map(simulator => `http://ops:${secret}@${new URL(simulator.url).host}`).join(',');
		const pty = startPty(['-h', hosts, '--interval', '0.5', '--no-tokens', '--no-save'], {...size, env});
		t.after(async () => {
			pty.kill('SIGKILL');
			await Promise.all([first.close(), second.close()]);
		});
		await pty.waitFor(text => /\b200 sessions/v.test(text) && pty.screen().at(-1)!.startsWith('q quit'), 15_000, 'both hosts listed');
		// The frame with both hosts' first lists: the later one must not read as 100 births.
		const screen = pty.screen().join('\n');
		assert.match(screen, /\b200 sessions/v);
		assert.doesNotMatch(screen, /churn \+[1-9]|\b[1-9]\d*\/min opened/v, screen);
		pty.write('c');
		await pty.waitFor(text => text.includes('Churn in the last minute'), 5000, 'the churn panel');
		assert.match(pty.screen().join('\n'), /Churn in the last minute: 0 opened, 0 closed/v);
		assert.ok(!pty.output().includes(secret), 'the password reached the terminal');
	});
}
