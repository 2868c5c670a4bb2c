import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {ensureBuilt} from '../helpers/build.js';
import {keys} from '../helpers/ink.js';
import {startPty, type PtyScreen} from '../helpers/pty.js';

// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};
const demo = ['--demo', '--demo-churn', '0', '--demo-seed', '3', '--demo-sessions', '12'];

before(() => {
	ensureBuilt();
});

async function withPty(size: {columns: number; rows: number}, run: (pty: PtyScreen) => Promise<void>): Promise<void> {
	const pty = startPty(demo, {...size, env});
	try {
		await run(pty);
	} finally {
		pty.kill('SIGKILL');
	}
}

const lastLine = (pty: PtyScreen) => pty.screen().at(-1) ?? '';
const helpRange = /\[(?<first>\d+)-(?<last>\d+) of (?<total>\d+)/v;
// The help's last entry (General: Esc closes a pane).
const lastHelpLine = /^ {2}Esc {10}close the pane$/mv;

function range(pty: PtyScreen): {first: number; last: number; total: number} | undefined {
	const groups = helpRange.exec(pty.text())?.groups;
	return groups ? {first: Number(groups['first']), last: Number(groups['last']), total: Number(groups['total'])} : undefined;
}

async function openTable(pty: PtyScreen): Promise<void> {
	// The footer is the last thing Ink writes: a whole frame is on screen. The worker meters come with
	// the first counters; until then the header is a line shorter and a page of help a line longer.
	await pty.waitFor(text => /\b12 sessions/v.test(text) && /^0 \[/mv.test(text) && lastLine(pty).startsWith('q quit'), 10_000, 'the session table');
}

async function checkHelpScrolls(pty: PtyScreen, columns: number): Promise<void> {
	pty.write('?');
	await pty.waitFor(text => text.includes('Keys  (? or Esc closes)') && range(pty)?.first === 1, 5000, 'the help screen');
	assert.doesNotMatch(pty.text(), lastHelpLine);
	pty.write(keys.down);
	await pty.waitFor(() => range(pty)?.first === 2, 5000, 'Down scrolls one line');
	pty.write(keys.pageDown);
	await pty.waitFor(() => (range(pty)?.first ?? 0) > 2, 5000, 'PgDn scrolls a page');
	// PgDn again and again reaches the end, and stops there.
	for (let page = 0; page < 10; page++) {
		pty.write(keys.pageDown);
	}

	await pty.waitFor(text => lastHelpLine.test(text), 5000, 'PgDn reaches the last help line');
	const end = range(pty)!;
	assert.equal(end.last, end.total);
	pty.write(keys.home);
	await pty.waitFor(() => range(pty)?.first === 1, 5000, 'Home goes back to the top');
	pty.write(keys.end);
	await pty.waitFor(text => lastHelpLine.test(text) && range(pty)?.last === end.total, 5000, 'End shows the last help line');
	pty.write(keys.up);
	await pty.waitFor(() => range(pty)?.last === end.total - 1, 5000, 'Up scrolls back one line');
	assert.ok(pty.screen().every(line => line.length <= columns));
	pty.write(keys.escape);
	await pty.waitFor(text => !text.includes('Keys  (') && lastLine(pty).startsWith('q quit'), 5000, 'the table again');
}

async function checkKillPrompt(pty: PtyScreen, columns: number): Promise<void> {
	pty.write('k');
	await pty.waitFor(text => /^Kill session \d.* \[0 = now\] _$/mv.test(text), 5000, 'the grace prompt with [0 = now]');
	pty.write('15');
	pty.write(keys.enter);
	const confirm = await pty.waitFor(text => /^Kill session \d.* in 15s\? \[y\/N\]$/mv.test(text), 5000, 'the question with "in 15s" and [y/N]');
	assert.ok(confirm.split('\n').every(line => line.length <= columns));
	pty.write('n');
	await pty.waitFor(text => text.includes('was not killed'), 5000, 'cancelled');
	pty.write('k');
	await pty.waitFor(text => text.includes('[0 = now] _'), 5000, 'the grace prompt again');
	pty.write(keys.enter);
	await pty.waitFor(text => /^Kill session \d.* now\? \[y\/N\]$/mv.test(text), 5000, 'the question with "now" and [y/N]');
	pty.write('n');
	await pty.waitFor(text => text.includes('was not killed'), 5000, 'cancelled');
}

test('80x24: the footer shows the filter, churn, group and bulk keys, help scrolls to its end, the kill question keeps its answer', async () => {
	await withPty({columns: 80, rows: 24}, async pty => {
		await openTable(pty);
		const footer = lastLine(pty);
		for (const entry of ['? help', '/ filter', 'c churn', 'g group', 'K bulk kill']) {
			assert.ok(footer.includes(entry), `${entry} in: ${footer}`);
		}

		await checkHelpScrolls(pty, 80);
		await checkKillPrompt(pty, 80);
		pty.write('q');
		assert.equal((await pty.exited).exitCode, 0);
	});
});

test('60x20: help scrolls to its end; the kill question shows now / in Ns and [y/N]', async () => {
	await withPty({columns: 60, rows: 20}, async pty => {
		await openTable(pty);
		assert.match(lastLine(pty), /^q quit {2}\? help {2}\/ filter/v);
		await checkHelpScrolls(pty, 60);
		await checkKillPrompt(pty, 60);
		pty.write('q');
		assert.equal((await pty.exited).exitCode, 0);
	});
});
