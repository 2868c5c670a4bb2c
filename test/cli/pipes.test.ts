import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {
	closeSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {formats} from '../../source/config/flags.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {ensureBuilt} from '../helpers/build.js';

// The way a scripter runs it: the built command, 10,000 sessions, a real pipe (bash makes a
// pipe(2) between maxtop and the reader; Node's own child stdio would be a socketpair).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'maxtop.js');
const home = mkdtempSync(path.join(tmpdir(), 'maxtop-pipes-'));
const env = {
	PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), LANG: 'C.UTF-8', TERM: 'xterm',
};
const sessions = 10_000;
const runTimeoutMs = 60_000;

let simulator: Simulator;
let host: string;

before(async () => {
	ensureBuilt();
	// A manual clock: nothing moves between the piped run and the run to a file, so both must
	// print the same bytes.
	simulator = await startSimulator({
		sessions, seed: 17, manualClock: true, startMs: Date.UTC(2026, 11, 1, 12, 0, 0),
	});
	host = new URL(simulator.url).host;
});

after(async () => {
	await simulator.close();
	rmSync(home, {recursive: true, force: true});
});

type Run = {code: number | undefined; stdout: Uint8Array; stderr: string};

/**
Runs `command` (a bash snippet; "$@" is maxtop with `args`) and collects what it prints.
*/
async function run(command: string, args: readonly string[], stdout: 'pipe' | number = 'pipe'): Promise<Run> {
	const child = spawn('bash', ['-c', command, 'bash', process.execPath, cli, ...args], {env, stdio: ['ignore', stdout, 'pipe']});
	const out: Uint8Array[] = [];
	let stderr = '';
	child.stdout?.on('data', (chunk: Uint8Array) => out.push(chunk));
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timer = setTimeout(() => {
		child.kill('SIGKILL');
	}, runTimeoutMs);
	const code = await new Promise<number | undefined>(resolve => {
		child.once('close', (exitCode: number | undefined) => {
			resolve(exitCode ?? undefined);
		});
	});
	clearTimeout(timer);
	return {code, stdout: Buffer.concat(out), stderr};
}

/**
maxtop writing into a pipe that `cat` drains; the exit code is maxtop's (bash's `$PIPESTATUS` is
the first element of the array, maxtop's).
*/
async function throughPipe(args: readonly string[]): Promise<Run> {
	return run('"$@" | cat; exit "$PIPESTATUS"', args);
}

async function toFile(args: readonly string[], file: string): Promise<Run> {
	const fd = openSync(file, 'w');
	try {
		const result = await run('exec "$@"', args, fd);
		return {...result, stdout: readFileSync(file)};
	} finally {
		closeSync(fd);
	}
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function assertSameBytes(piped: Uint8Array, written: Uint8Array): void {
	assert.equal(piped.length, written.length);
	assert.equal(Buffer.compare(piped, written), 0);
}

/**
The same `--once` run twice at once: to a file and through a pipe.
*/
async function pipeAndFile(format: string): Promise<{piped: Run; written: Run}> {
	const args = ['--once', '--format', format, '--hosts', host];
	const [written, piped] = await Promise.all([toFile(args, path.join(home, `once.${format}`)), throughPipe(args)]);
	return {piped, written};
}

for (const format of formats) {
	test(`--once --format ${format}: ${sessions} sessions through a pipe are the same bytes as to a file`, async () => {
		const {piped, written} = await pipeAndFile(format);
		assert.equal(written.code, 0, written.stderr);
		assert.equal(piped.code, 0, piped.stderr);
		assert.equal(piped.stderr, '');
		// Far past the 64 KiB a pipe holds: the bug cut every format there.
		assert.ok(written.stdout.length > 1_000_000, `${written.stdout.length} bytes`);
		assertSameBytes(piped.stdout, written.stdout);
		const output = text(piped.stdout);
		const rows = format === 'json' ? (JSON.parse(output) as unknown[]).length : output.trimEnd().split('\n').length - 1;
		assert.equal(rows, sessions);
	});
}

test('--once --replay prints a recording of 10,000 sessions whole through a pipe', async () => {
	const recording = path.join(home, 'polls.ndjson');
	const recorded = await toFile(['--once', '--format', 'tsv', '--columns', 'id', '--hosts', host, '--record', recording], path.join(home, 'ids.tsv'));
	assert.equal(recorded.code, 0, recorded.stderr);
	const args = ['--once', '--format', 'json', '--replay', recording];
	const [written, piped] = await Promise.all([toFile(args, path.join(home, 'replay.json')), throughPipe(args)]);
	assert.equal(piped.code, 0, piped.stderr);
	assertSameBytes(piped.stdout, written.stdout);
	assert.equal((JSON.parse(text(piped.stdout)) as unknown[]).length, sessions);
});

/**
maxtop writing into `head -1`, which reads one line and closes the pipe.
*/
async function intoHead(args: readonly string[]): Promise<Run> {
	return run('"$@" | head -1; exit "$PIPESTATUS"', args);
}

test('a reader that closes after one line ends maxtop quietly, as SIGPIPE ends other tools', async () => {
	const single = await intoHead(['--once', '--format', 'json', '--hosts', host]);
	assert.deepEqual({code: single.code, stdout: text(single.stdout), stderr: single.stderr}, {code: 141, stdout: '[\n', stderr: ''});

	// The second poll writes into the closed pipe: this one printed a stack trace.
	const repeated = await intoHead(['--once', '--count', '2', '--interval', '1', '--format', 'tsv', '--columns', 'id,user', '--hosts', host]);
	assert.deepEqual({code: repeated.code, stdout: text(repeated.stdout), stderr: repeated.stderr}, {code: 141, stdout: 'time\tid\tuser\n', stderr: ''});
});
