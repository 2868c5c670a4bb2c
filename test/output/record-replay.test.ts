import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {
	chmod,
	mkdtemp,
	readFile,
	rm,
	symlink,
	truncate,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createClient} from '../../source/api/client.js';
import {parseOptions} from '../../source/config/parse-options.js';
import {printReplay, runOnce} from '../../source/output/once.js';
import {createPollPrinter} from '../../source/output/printer.js';
import {createRecorder, inspectRecording} from '../../source/output/recording.js';
import {startSimulator} from '../../source/simulator/index.js';
import {startStub} from '../api/stub-server.js';
import {ensureBuilt} from '../helpers/build.js';
import {manualReplay} from '../helpers/replay.js';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

before(() => {
	ensureBuilt();
});

type Run = {code: number | undefined; stdout: string; stderr: string};

/** The built command with a home of its own: no ~/.maxctrl.cnf, preferences or MAXTOP_* variables. */
async function run(args: string[], home: string): Promise<Run> {
	const env = {
		PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), LANG: 'C.UTF-8', TERM: 'xterm',
	};
	return new Promise(resolve => {
		execFile(process.execPath, [cli, ...args], {env, timeout: 20_000, encoding: 'utf8'}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : undefined) : 0, stdout, stderr});
		});
	});
}

async function withDirectory(body: (directory: string) => Promise<void>): Promise<void> {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-record-'));
	try {
		await body(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

test('30 polls of the simulator over loopback, recorded, replay with the same rows', async t => {
	const sim = await startSimulator({sessions: 40, churnPerSecond: 4, manualClock: true});
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-record-'));
	t.after(async () => {
		await sim.close();
		await rm(directory, {recursive: true, force: true});
	});
	const parsed = parseOptions({
		once: true, hosts: new URL(sim.url).host, count: '30', interval: '1', format: 'tsv', columns: 'id,user,client,service,servers,state,age,idle,memory,io,thread',
	}, {LANG: 'C.UTF-8'});
	assert.ok(parsed.ok);
	const {config} = parsed;
	const file = path.join(directory, 'polls.ndjson');
	const recorder = createRecorder(file);
	let printed = '';
	let stderr = '';
	let clockMs = Date.UTC(2026, 0, 2, 3, 4, 5);
	const code = await runOnce(config, {
		createClient,
		stdout: {
			write(chunk: string) {
				printed += chunk;
				return true;
			},
		},
		stderr: {
			write(chunk: string) {
				stderr += chunk;
				return true;
			},
		},
		recorder,
		async sleep(ms) {
			// Churn and idle times move between polls, so no two polls print the same.
			sim.advance(ms);
			clockMs += ms;
		},
		now: () => clockMs,
	});
	recorder.close();
	assert.equal(code, 0, stderr);
	const [header, ...rows] = printed.trimEnd().split('\n');
	assert.equal(header, 'time\tid\tuser\tclient\tservice\tservers\tstate\tage\tidle\tmemory\tio\tthread');
	const polls = Map.groupBy(rows, row => row.split('\t', 1)[0]!);
	assert.equal(polls.size, 30);
	assert.equal(new Set([...polls.values()].map(poll => poll.map(row => row.slice(row.indexOf('\t'))).join('\n'))).size, 30, 'the simulator changed between polls');

	const {frames} = await inspectRecording(file);
	let replayed = '';
	printReplay(frames, config, {
		write(chunk: string) {
			replayed += chunk;
		},
	});
	assert.equal(replayed, printed);

	const {poller: replay, played, playAll} = manualReplay(frames);
	playAll();
	replay.stop();
	let shown = '';
	const printer = createPollPrinter(config, {
		write(chunk: string) {
			shown += chunk;
		},
	}, {polls: played.length, isMultiHost: false});
	for (const snapshot of played) {
		printer.print(snapshot.sessions, snapshot.atMs);
	}

	printer.end();
	assert.equal(shown, printed);
});

test('the command: --record and --once --format json escape U+009B and U+202E the same way', async () => {
	const user = 'evil\u{9B}31m\u{202E}txt.exe\u{1B}]52;c;';
	const stub = await startStub({
		version: '24.02.3',
		handler: () => ({status: 200, json: {data: [{id: '14', type: 'sessions', attributes: {user, idle: 1}}]}}),
	});
	try {
		await withDirectory(async directory => {
			const file = path.join(directory, 'rec.ndjson');
			const result = await run(['--once', '--format', 'json', '--record', file, '--no-tokens', '--hosts', new URL(stub.url).host], directory);
			assert.equal(result.code, 0, result.stderr);
			const recorded = await readFile(file, 'utf8');
			const escapedUser = (text: string) => /"user": ?(?<value>"[^"]*")/v.exec(text)?.groups?.['value'];
			for (const text of [result.stdout, recorded]) {
				assert.doesNotMatch(text, /[\u{1B}\u{9B}\u{202E}]/v, 'no raw control or bidi override');
			}

			assert.equal(escapedUser(result.stdout), String.raw`"evil\u009b31m\u202etxt.exe\u001b]52;c;"`);
			assert.equal(escapedUser(recorded), escapedUser(result.stdout));
		});
	} finally {
		await stub.close();
	}
});

test('the command: --replay of a recording with a cut last line replays the rest and names the line', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'cut.ndjson');
		const frame = (id: string, ts: string) => JSON.stringify({
			ts, host: 'a:1', sessions: [{
				id, user: 'u', services: [], servers: [], filters: [],
			}],
		});
		const text = [frame('1', '2026-01-01T00:00:00Z'), frame('2', '2026-01-01T00:00:02Z'), frame('3', '2026-01-01T00:00:04Z')].join('\n') + '\n';
		await writeFile(file, text);
		await truncate(file, text.length - 30);
		const result = await run(['--once', '--replay', file, '--format', 'tsv', '--columns', 'id'], directory);
		assert.deepEqual(result, {
			code: 0,
			stdout: 'time\tid\n2026-01-01T00:00:00.000Z\t1\n2026-01-01T00:00:02.000Z\t2\n',
			stderr: `maxtop: --replay: ${file}: replaying 2 readable lines; skipped line 3: cut short, not JSON\n`,
		});
	});
});

test('the command: --record refuses a symbolic link and a file others can read, exit 2, files untouched', async () => {
	await withDirectory(async directory => {
		const target = path.join(directory, 'elsewhere');
		await writeFile(target, 'precious\n');
		const link = path.join(directory, 'link.ndjson');
		await symlink(target, link);
		const open = path.join(directory, 'open.ndjson');
		await writeFile(open, '');
		await chmod(open, 0o644);
		const viaLink = await run(['--once', '--demo', '--record', link], directory);
		assert.deepEqual(viaLink, {
			code: 2, stdout: '', stderr: `maxtop: --record: ${link} is a symbolic link; maxtop does not record through one: give the file itself\n`,
		});
		const readable = await run(['--once', '--demo', '--record', open], directory);
		assert.deepEqual(readable, {
			code: 2, stdout: '', stderr: `maxtop: --record: ${open} is open to its group or others (mode 0644), and a recording names users and client addresses; run: chmod 600 ${open}, or record to a new file\n`,
		});
		assert.equal(await readFile(target, 'utf8'), 'precious\n');
		assert.equal(await readFile(open, 'utf8'), '');
	});
});
