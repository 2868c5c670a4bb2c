import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {ensureBuilt} from '../helpers/build.js';
import {cliPath, startPty} from '../helpers/pty.js';
import {repoRoot, runInShell, type ShellRun} from './shell-pty.js';

const leaveAlternateScreen = '\u{1B}[?1049l';
const showCursor = '\u{1B}[?25h';
const enterAlternateScreen = '\u{1B}[?1049h';
const demoEnv = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};

before(() => {
	ensureBuilt();
});

/**
What the program wrote after its last frame: the restore sequences, then the one-line reason.
*/
function tail(raw: string): string {
	return raw.slice(raw.lastIndexOf(leaveAlternateScreen));
}

function quote(text: string): string {
	return `'${text.replaceAll('\'', String.raw`'\''`)}'`;
}

const sttyLine = (raw: string) => /stty: (?<modes>.*)/v.exec(raw)?.groups?.['modes'] ?? '';

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
	test(`${signal} restores the terminal and exits ${code} with a one-line reason`, async () => {
		const pty = startPty(['--demo', '--demo-churn', '0'], {columns: 100, rows: 30, env: demoEnv});
		try {
			await pty.waitFor(text => /\b\d+ sessions/v.test(text), 15_000, 'the session table');
			assert.ok(pty.output().includes(enterAlternateScreen));
			process.kill(pty.pty.pid, signal);
			const exit = await pty.exited;
			assert.deepEqual(exit, {exitCode: code, signal: 0});
			const end = tail(pty.output());
			assert.ok(end.startsWith(leaveAlternateScreen), JSON.stringify(end));
			assert.ok(end.includes(showCursor), JSON.stringify(end));
			// Ink and restore-cursor may both show the cursor again; nothing else may follow.
			assert.equal(end.replaceAll(showCursor, '').replace(leaveAlternateScreen, ''), `maxtop: terminated by ${signal}\r\n`);
		} finally {
			pty.kill('SIGKILL');
		}
	});
}

test('Ctrl-C pressed as a key is a normal quit: exit 0, terminal restored, nothing on stderr', async () => {
	const pty = startPty(['--demo', '--demo-churn', '0'], {columns: 100, rows: 30, env: demoEnv});
	try {
		await pty.waitFor(text => /\b\d+ sessions/v.test(text), 15_000, 'the session table');
		pty.write('\u{3}');
		assert.deepEqual(await pty.exited, {exitCode: 0, signal: 0});
		assert.equal(tail(pty.output()).replaceAll(showCursor, ''), leaveAlternateScreen);
	} finally {
		pty.kill('SIGKILL');
	}
});

async function finished(run: ShellRun): Promise<number> {
	try {
		return await run.exited;
	} finally {
		run.kill();
	}
}

test('after SIGHUP the terminal is back in cooked mode with echo (raw mode off)', async () => {
	const run = runInShell(`${quote(process.execPath)} ${quote(cliPath)} --demo --demo-churn 0`, {env: demoEnv});
	try {
		await run.waitForOutput(raw => /\b\d+ sessions/v.test(raw), 15_000, 'the session table');
		process.kill(await run.childPid(), 'SIGHUP');
	} catch (error) {
		run.kill();
		throw error;
	}

	assert.equal(await finished(run), 129);
	const modes = sttyLine(run.output()).split(' ');
	assert.ok(modes.includes('icanon') && modes.includes('echo'), modes.join(' '));
	assert.match(run.output(), /maxtop: terminated by SIGHUP\r\n/v);
});

const fixture = path.join(repoRoot, 'test/e2e/fixtures/guarded-app.ts');
const tsx = (arguments_: string) => `${quote(process.execPath)} --import=tsx ${quote(fixture)} ${arguments_}`;

test('an uncaught error restores the terminal, runs the cleanups and exits 1 with one line, no stack', async () => {
	const run = runInShell(tsx(''));
	try {
		await run.waitForOutput(raw => raw.includes('carol'), 15_000, 'the fixture app');
		process.kill(await run.childPid(), 'SIGUSR2');
	} catch (error) {
		run.kill();
		throw error;
	}

	assert.equal(await finished(run), 1);
	const end = tail(run.output());
	assert.ok(end.includes(showCursor), JSON.stringify(end));
	assert.match(end, /maxtop: internal error: boom in a callback\r\ncleanup: lease reverted\r\n/v);
	assert.doesNotMatch(end, /second line| {4}at /v);
	const modes = sttyLine(run.output()).split(' ');
	assert.ok(modes.includes('icanon') && modes.includes('echo'), modes.join(' '));
});

test('with --verbose the internal error carries its stack; a hung cleanup is cut at the deadline', async () => {
	const run = runInShell(tsx('--verbose --hang-cleanup'));
	let sentMs = 0;
	try {
		await run.waitForOutput(raw => raw.includes('carol'), 15_000, 'the fixture app');
		const pid = await run.childPid();
		sentMs = Date.now();
		process.kill(pid, 'SIGTERM');
	} catch (error) {
		run.kill();
		throw error;
	}

	assert.equal(await finished(run), 143);
	const elapsed = Date.now() - sentMs;
	// The 1.5 s cleanup deadline is waited out; the hung cleanup would never end, so any bound
	// shows it was cut. 10 s leaves room for the shell's `stty` on two busy cores.
	assert.ok(elapsed >= 1400 && elapsed < 10_000, `exit took ${elapsed} ms`);
	assert.match(tail(run.output()), /maxtop: terminated by SIGTERM\r\ncleanup: lease reverted\r\n/v);

	const crash = runInShell(tsx('--verbose'));
	try {
		await crash.waitForOutput(raw => raw.includes('carol'), 15_000, 'the fixture app');
		process.kill(await crash.childPid(), 'SIGUSR2');
	} catch (error) {
		crash.kill();
		throw error;
	}

	assert.equal(await finished(crash), 1);
	assert.match(tail(crash.output()), /maxtop: internal error: boom in a callback\r\nError: boom in a callback\r\nsecond line never shown\r\n {4}at /v);
});
