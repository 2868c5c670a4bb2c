import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {ensureBuilt} from '../helpers/build.js';
import {keys} from '../helpers/ink.js';
import {startPty, type PtyScreen} from '../helpers/pty.js';

/*
The table as an operator on an 80×24 or 60×20 SSH session sees it: the built program in a real
pseudo-terminal, read from the screen.
*/

// The sorts these tests make are not saved for the next run (of these tests or any other).
const demo = ['--demo', '--demo-churn', '0', '--demo-seed', '3', '--demo-sessions', '60', '--no-save'];
const sizes = [{columns: 80, rows: 24}, {columns: 60, rows: 20}] as const;

before(() => {
	ensureBuilt();
});

async function withPty(size: {columns: number; rows: number}, run: (pty: PtyScreen) => Promise<void>): Promise<void> {
	// A home of its own: no saved preferences or ~/.maxctrl.cnf leak in from the machine or other tests.
	const home = mkdtempSync(path.join(tmpdir(), 'maxtop-narrow-'));
	const pty = startPty(demo, {...size, env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}});
	try {
		await pty.waitFor(() => pty.screen().at(-1)!.startsWith('q quit') && titleRow(pty.screen()) > 0 && bodyRows(pty.screen()).length > 5, 10_000, 'the session table');
		await run(pty);
		pty.write('q');
		assert.equal((await pty.exited).exitCode, 0);
	} finally {
		pty.kill('SIGKILL');
		rmSync(home, {recursive: true, force: true});
	}
}

function titleRow(screen: readonly string[]): number {
	return screen.findIndex(line => /^ +ID /v.test(line) && line.includes('USER'));
}

const rowPattern = /^[ ›✖] *(?<id>\d+) /v;

function bodyRows(screen: readonly string[]): string[] {
	const start = titleRow(screen);
	if (start < 0) {
		return [];
	}

	const rows: string[] = [];
	for (const line of screen.slice(start + 1)) {
		if (!rowPattern.test(line)) {
			break;
		}

		rows.push(line);
	}

	return rows;
}

const idOf = (line: string) => rowPattern.exec(line)?.groups?.['id'];

/**
Seconds of a duration cell (`45s`, `12m05s`, `3h12m`, `2d04h`); NaN for anything else.
*/
function seconds(text: string): number {
	const match = /^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$/v.exec(text);
	if (!match || text === '') {
		return NaN;
	}

	const part = (name: string) => Number(match.groups?.[name] ?? 0);
	return (((((part('d') * 24) + part('h')) * 60) + part('m')) * 60) + part('s');
}

/**
The IDLE cell of each row, read under its right-aligned title.
*/
function idleColumn(screen: readonly string[]): number[] {
	const titles = screen[titleRow(screen)] ?? '';
	const end = titles.indexOf('IDLE') + 'IDLE▼'.length;
	return titles.includes('IDLE') ? bodyRows(screen).map(line => seconds(line.slice(end - 6, end).trim())) : [];
}

const rangePattern = /^maxtop {2}127\.0\.0\.1:\d+ {2}(?<first>\d+)–(?<last>\d+) of (?<total>\d+) sessions/v;

for (const size of sizes) {
	const name = `${size.columns}x${size.rows}`;

	test(`${name}: a scrolled table says which rows it shows; a sort key then shows the top of the new order`, async () => {
		await withPty(size, async pty => {
			const total = /^maxtop {2}127\.0\.0\.1:\d+ {2}(?<count>\d+) sessions/v.exec(pty.screen()[0]!)?.groups?.['count'];
			assert.ok(total !== undefined && Number(total) > 40, pty.text());
			// Each wait holds until the whole frame agrees: a frame arrives in several pty reads.
			const range = () => rangePattern.exec(pty.screen()[0]!)?.groups;
			pty.write(keys.pageDown);
			pty.write(keys.pageDown);
			await pty.waitFor(() => {
				const shown = range();
				return shown?.['total'] === total && Number(shown['first']) > 1
					&& Number(shown['last']) - Number(shown['first']) + 1 === bodyRows(pty.screen()).length;
			}, 5000, 'the rows shown, in the header');
			pty.write(keys.end);
			await pty.waitFor(() => range()?.['last'] === total && (bodyRows(pty.screen()).at(-1)?.startsWith('›') ?? false), 5000, 'the last rows');

			const isSorted = (order: (a: number, b: number) => number) => {
				const idle = idleColumn(pty.screen());
				return idle.length > 5 && idle.every((value, index) => !Number.isNaN(value) && (index === 0 || order(idle[index - 1]!, value) <= 0));
			};

			pty.write('i');
			await pty.waitFor(text => text.includes('IDLE▼') && range() === undefined && (bodyRows(pty.screen())[0]?.startsWith('›') ?? false) && isSorted((a, b) => b - a), 5000, 'the table sorted by idle, at its top, the cursor on the first row');
			// Inverted: the sessions idle the shortest time come first.
			pty.write('I');
			await pty.waitFor(text => text.includes('IDLE▲') && range() === undefined && (bodyRows(pty.screen())[0]?.startsWith('›') ?? false) && isSorted((a, b) => a - b), 5000, 'the inverted sort, at its top');
		});
	});

	test(`${name}: Esc leaves the group view`, async () => {
		await withPty(size, async pty => {
			pty.write('g');
			await pty.waitFor(text => text.includes('grouped by user') && titleRow(pty.screen()) < 0 && /^ USER +SESS/mv.test(text), 5000, 'the group view');
			pty.write(keys.escape);
			await pty.waitFor(text => text.includes('grouping off') && bodyRows(pty.screen()).length > 5, 5000, 'the session table again');
			assert.ok(!pty.text().includes('SESS'));
		});
	});

	test(`${name}: a timed kill counts down without moving any column`, async () => {
		await withPty(size, async pty => {
			const titles = pty.screen()[titleRow(pty.screen())]!;
			pty.write(keys.down);
			await pty.waitFor(() => bodyRows(pty.screen())[1]?.startsWith('›') ?? false, 5000, 'the cursor on the second row');
			const id = idOf(bodyRows(pty.screen())[1]!)!;
			pty.write('k');
			await pty.waitFor(text => text.includes(`Kill session ${id} `), 5000, 'the grace prompt');
			pty.write('30');
			pty.write(keys.enter);
			await pty.waitFor(text => text.includes('[y/N]'), 5000, 'the confirmation');
			pty.write('y');
			await pty.waitFor(text => text.includes(`session ${id} will be killed in 30s`), 5000, 'the kill sent');
			const rowOf = () => bodyRows(pty.screen()).find(line => idOf(line) === id) ?? '';
			if (titles.includes('STATE')) {
				await pty.waitFor(() => /✖ (?:kill )?[1-3]\ds/v.test(rowOf()), 5000, 'the countdown in the STATE cell');
			} else {
				await pty.waitFor(() => rowOf().startsWith('✖'), 5000, 'the kill mark at the start of the row');
			}

			// Second after second of the countdown: the same columns, in the same places.
			for (let tick = 0; tick < 2; tick++) {
				const clock = /clock (?<time>\S+)/v.exec(pty.screen()[1]!)?.groups?.['time'];
				const countdown = rowOf();
				await pty.waitFor(() => (titles.includes('STATE') ? rowOf() !== countdown : !pty.screen()[1]!.includes(`clock ${clock}`)), 5000, 'a second to pass');
				assert.equal(pty.screen()[titleRow(pty.screen())], titles, pty.text());
			}

			for (const line of bodyRows(pty.screen())) {
				assert.equal(line.length <= size.columns, true);
			}

			if (titles.includes('SERVERS')) {
				assert.match(rowOf(), /server\d/v);
			}
		});
	});
}
