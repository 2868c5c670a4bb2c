import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {displayWidth} from '../../source/model/text.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {ensureBuilt} from '../helpers/build.js';
import {startPty} from '../helpers/pty.js';

// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};

let simulator: Simulator;

before(async () => {
	ensureBuilt();
	simulator = await startSimulator({sessions: 30, seed: 4, manualClock: true});
});

after(async () => {
	await simulator.close();
});

/**
The lines `--once` writes in a real pseudo-terminal of `columns` cells (the terminal turns \n into \r\n).
*/
async function onceInTerminal(args: string[], columns: number, rows: number): Promise<string[]> {
	const pty = startPty(['--once', '--hosts', new URL(simulator.url).host, ...args], {columns, rows, env});
	try {
		const {exitCode} = await pty.exited;
		assert.equal(exitCode, 0, pty.output());
		return pty.output().split('\r\n').filter(line => line !== '');
	} finally {
		pty.kill('SIGKILL');
	}
}

for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
	test(`--once as a table in a ${columns}x${rows} terminal: every row fits, cut rows end in …`, async () => {
		const lines = await onceInTerminal([], columns, rows);
		assert.equal(lines.length, 31);
		assert.ok(lines.every(line => displayWidth(line) <= columns), lines.join('\n'));
		assert.match(lines[0]!, /^ ?ID {2}USER {2,}CLIENT/v);
		// The full table is far wider than either terminal: every line was cut, and says so.
		assert.ok(lines.every(line => line.endsWith('…')), lines.join('\n'));
	});
}

test('--once --format tsv in a terminal keeps whole lines: it is for programs', async () => {
	const lines = await onceInTerminal(['--format', 'tsv'], 60, 20);
	assert.equal(lines.length, 31);
	assert.ok(lines.some(line => displayWidth(line) > 60));
	assert.ok(lines.every(line => !line.endsWith('…')));
});
