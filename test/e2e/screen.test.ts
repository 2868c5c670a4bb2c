import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {ensureBuilt} from '../helpers/build.js';
import {keys} from '../helpers/ink.js';
import {startPty, type PtyScreen} from '../helpers/pty.js';

const leaveAlternateScreen = '\u{1B}[?1049l';
const showCursor = '\u{1B}[?25h';
// No saved preferences or ~/.maxctrl.cnf leak in from the machine running the tests.
const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};
const demo = ['--demo', '--demo-churn', '0', '--demo-seed', '3'];

before(() => {
	ensureBuilt();
});

async function withPty(arguments_: string[], size: {columns: number; rows: number}, run: (pty: PtyScreen) => Promise<void>): Promise<void> {
	const pty = startPty(arguments_, {...size, env});
	try {
		await run(pty);
	} finally {
		pty.kill('SIGKILL');
	}
}

const hasTable = (text: string) => /\b\d+ sessions/v.test(text) && /^ *[>›] *\d+ /mv.test(text);
// A row may carry the cursor (› or >), a new-session mark (+) or a tombstone mark († or x).
const sessionRow = /^ *(?:[+>x†›] *)?(?<id>\d+) \S/v;
// A session still alive: no tombstone mark.
const liveRow = /^ *(?:[+>›] *)?(?<id>\d+) \S/v;

test('a plain start at 80x24: header with version and count, footer with keys, ? shows help, q exits 0 and restores', async () => {
	await withPty([...demo, '--demo-sessions', '12'], {columns: 80, rows: 24}, async pty => {
		// Wait for a whole frame: the footer is the last thing Ink writes.
		await pty.waitFor(text => hasTable(text) && pty.screen().at(-1)!.startsWith('q quit'), 10_000, 'the session table');
		const screen = pty.screen();
		assert.match(screen[0]!, /^maxtop {2}127\.0\.0\.1:\d+ {2}12 sessions {2}MaxScale 24\.02\.\d+/v);
		assert.match(screen.at(-1)!, /^q quit {2}\? help/v);
		assert.ok(screen.every(line => line.length <= 80));
		pty.write('?');
		// The help screen's first lines can be on screen before the rest of the frame: wait for its body.
		await pty.waitFor(text => text.includes('Keys  (? or Esc closes)') && /Navigation\n {2}Up +move up/v.test(text), 5000, 'the help screen');
		pty.write('?');
		await pty.waitFor(hasTable, 5000, 'the table again');
		pty.write('q');
		assert.deepEqual(await pty.exited, {exitCode: 0, signal: 0});
		const raw = pty.output();
		const end = raw.slice(raw.lastIndexOf(leaveAlternateScreen));
		assert.equal(end.replaceAll(showCursor, ''), leaveAlternateScreen, JSON.stringify(end));
		assert.ok(end.includes(showCursor));
	});
});

/**
A clean frame at this size: nothing wider than the screen, the header on top, the footer on the
last row, and between them only lines of the current layout, each session once, the body full.
*/
function assertCleanFrame(screen: string[], columns: number, rows: number, sessions: number): void {
	const show = screen.join('\n');
	assert.equal(screen.length, rows);
	assert.ok(screen.every(line => line.length <= columns), show);
	assert.match(screen[0]!, /^maxtop /v, show);
	assert.match(screen.at(-1)!, /^q quit/v, show);
	const titleRow = screen.findIndex(line => /^ +ID\b/v.test(line) && line.includes('USER'));
	assert.ok(titleRow > 0, show);
	const body = screen.slice(titleRow + 1, -2);
	const ids = body.map(line => sessionRow.exec(line)?.groups?.['id']);
	assert.ok(ids.every(id => id !== undefined), `a line that is not a session row:\n${show}`);
	assert.equal(new Set(ids).size, ids.length, `a session shown twice:\n${show}`);
	assert.equal(ids.length, Math.min(sessions, rows - titleRow - 3), show);
	for (const line of screen.slice(1, titleRow)) {
		assert.ok(line === '' || /^(?:refresh|churn|\d+ \[|\d+ workers|stale|maxtop)/v.test(line) || /\b\d+%/v.test(line), `a stray header line: ${line}\n${show}`);
	}
}

function isCleanFrame(screen: string[], columns: number, rows: number, sessions: number): boolean {
	try {
		assertCleanFrame(screen, columns, rows, sessions);
		return true;
	} catch {
		return false;
	}
}

test('resizing 120x40 → 50x15 → 120x40 leaves a clean frame each time', async () => {
	const sessions = 40;
	await withPty([...demo, '--demo-sessions', String(sessions)], {columns: 120, rows: 40}, async pty => {
		// Ink may still be writing the first frame when the first rows appear: wait for a whole one.
		await pty.waitFor(() => isCleanFrame(pty.screen(), 120, 40, sessions), 10_000, 'a whole first frame');
		assertCleanFrame(pty.screen(), 120, 40, sessions);
		assert.match(pty.text(), /SERVICE/v);
		for (const [columns, rows] of [[50, 15], [120, 40]] as const) {
			pty.resize(columns, rows);

			// A frame arrives in several pty reads: wait for a whole one. That no frame of Ink's is
			// half-empty after growing is the UI test's job (terminal.test.ts), where frames are whole.
			await pty.waitFor(text => isCleanFrame(pty.screen(), columns, rows, sessions) && (columns !== 50 || !text.includes('SERVICE')), 5000, `a clean frame at ${columns}x${rows}`);
			assertCleanFrame(pty.screen(), columns, rows, sessions);
		}
	});
});

test('kill with grace: the row counts down, then the status line says the session is gone', async () => {
	await withPty([...demo, '--demo-sessions', '6'], {columns: 120, rows: 24}, async pty => {
		await pty.waitFor(hasTable, 10_000, 'the session table');
		pty.write('k');
		const prompt = await pty.waitFor(text => /Kill session \d+ .*after how many seconds\?/v.test(text), 5000, 'the grace prompt');
		const id = /Kill session (?<id>\d+) /v.exec(prompt)!.groups!['id']!;
		pty.write('3');
		pty.write(keys.enter);
		await pty.waitFor(text => text.includes(`Kill session ${id} `) && text.includes('in 3s? [y/N]'), 5000, 'the confirmation');
		pty.write('y');
		const rowOf = (text: string) => text.split('\n').find(line => liveRow.exec(line)?.groups?.['id'] === id) ?? '';
		await pty.waitFor(text => /[x✖] (?:kill )?[1-3]s/v.test(rowOf(text)), 5000, `a countdown on the row of session ${id}`);
		// The simulator, like MaxScale, lands a ttl kill N+1 to N+2 s after the request.
		await pty.waitFor(text => text.includes(`session ${id} is gone`), 12_000, 'the session gone');
		assert.equal(rowOf(pty.text()), '');
		pty.write('q');
		assert.equal((await pty.exited).exitCode, 0);
	});
});

test('against a 2.4.19 (simulated): the table and the live detail at 80x24 and 60x20; kill and restart say they need 22.08.0', async () => {
	for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 20}]) {
		await withPty([...demo, '--demo-sessions', '8', '--demo-version', '2.4'], size, async pty => {
			await pty.waitFor(text => hasTable(text) && pty.screen().at(-1)!.startsWith('q quit'), 10_000, 'the session table');
			const screen = pty.screen();
			assert.match(screen[0]!, /MaxScale 2\.4\.19/v);
			assert.ok(screen.every(line => line.length <= size.columns), screen.join('\n'));
			pty.write(keys.enter);
			const detail = await pty.waitFor(text => /Session \d+ on .*live/v.test(text) && /Backend connections\n {2}server\d+ +connection \d+/v.test(text), 5000, 'the live detail with backend connections');
			assert.match(detail, /state +Session started/v);
			pty.write(keys.escape);
			await pty.waitFor(text => !text.includes('Backend connections'), 5000, 'the table again');
			pty.write('k');
			await pty.waitFor(text => text.includes('killing sessions needs MaxScale 22.08.0'), 5000, 'the kill refusal');
			pty.write('r');
			await pty.waitFor(text => text.includes('restarting sessions needs MaxScale 22.08.0'), 5000, 'the restart refusal');
			pty.write('q');
			assert.equal((await pty.exited).exitCode, 0);
		});
	}
});
