import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ApiError} from '../../source/api/errors.js';
import type {ConnectionConfig, ListOptions, MaxScaleClient} from '../../source/api/types.js';
import {parseOptions} from '../../source/config/parse-options.js';
import type {Config} from '../../source/config/types.js';
import type {Session} from '../../source/model/session.js';
import {runOnce} from '../../source/output/once.js';
import {createRecorder, inspectRecording} from '../../source/output/recording.js';

function config(flags: Record<string, unknown>): Config {
	const result = parseOptions({once: true, ...flags}, {LANG: 'C.UTF-8'});
	assert.ok(result.ok);
	return result.config;
}

const session = (id: string, user: string, idleSeconds: number, memoryBytes?: number): Session => ({
	id, host: 'ignored', user, idleSeconds, ...(memoryBytes !== undefined && {memoryBytes}), services: ['svc'], servers: [], filters: [],
});

type Script = Record<string, Array<Session[] | Error>>;

function fakeClients(script: Script) {
	const calls: Array<{baseUrl: string; options?: ListOptions}> = [];
	const createClient = (connection: ConnectionConfig): MaxScaleClient => {
		// Only what runOnce uses: calling anything else fails the test.
		const client: Pick<MaxScaleClient, 'baseUrl' | 'listSessions'> = {
			baseUrl: connection.baseUrl,
			async listSessions(options) {
				calls.push({baseUrl: connection.baseUrl, options});
				const next = script[connection.baseUrl]!.shift();
				if (next instanceof Error) {
					throw next;
				}

				return {sessions: next!, bytes: 0, durationMs: 1};
			},
		};
		return client as MaxScaleClient;
	};

	return {createClient, calls};
}

function sink() {
	let text = '';
	return {
		write(chunk: string) {
			text += chunk;
			return true;
		},
		text: () => text,
	};
}

test('merges hosts, filters, sorts and prints; exit 0', async () => {
	const {createClient} = fakeClients({
		'http://a:1': [[session('1', 'appuser', 5, 100), session('2', 'batch', 50, 900)]],
		'http://b:2': [[session('1', 'batch', 500, 10)]],
	});
	const stdout = sink();
	const stderr = sink();
	const code = await runOnce(config({
		hosts: 'a:1,b:2', filter: 'user:batch', format: 'tsv', columns: 'host,id,user,memory',
	}), {createClient, stdout, stderr});
	assert.equal(code, 0);
	assert.equal(stdout.text(), 'host\tid\tuser\tmemory\na:1\t2\tbatch\t900\nb:2\t1\tbatch\t10\n');
	assert.equal(stderr.text(), '');
});

test('without memory figures (before 22.08) the memory sort falls back to idle', async () => {
	const {createClient} = fakeClients({'http://a:1': [[session('1', 'x', 5), session('2', 'y', 50), session('3', 'z', 10)]]});
	const stdout = sink();
	await runOnce(config({hosts: 'a:1', format: 'tsv', columns: 'id'}), {createClient, stdout, stderr: sink()});
	assert.equal(stdout.text(), 'id\n2\n3\n1\n');
});

test('a host that cannot be read: one line on stderr, the rest still printed, exit 1', async () => {
	const {createClient} = fakeClients({
		'http://a:1': [new ApiError('refused', 'could not connect to MaxScale at a:1 (connection refused)\nsecond line')],
		'http://b:2': [[session('9', 'u', 1, 1)]],
	});
	const stdout = sink();
	const stderr = sink();
	const code = await runOnce(config({hosts: 'a:1,b:2', format: 'tsv', columns: 'id'}), {createClient, stdout, stderr});
	assert.equal(code, 1);
	assert.equal(stderr.text(), 'maxtop: could not connect to MaxScale at a:1 (connection refused)\n');
	assert.equal(stdout.text(), 'id\n9\n');
});

test('every host failing prints nothing on stdout; the host is named', async () => {
	const {createClient} = fakeClients({'http://a:1': [new ApiError('timeout', 'timed out')]});
	const stdout = sink();
	const stderr = sink();
	assert.equal(await runOnce(config({hosts: 'a:1'}), {createClient, stdout, stderr}), 1);
	assert.equal(stdout.text(), '');
	assert.equal(stderr.text(), 'maxtop: a:1: timed out\n');
});

test('--count repeats at --interval: one tsv header, a time column, and every poll recorded', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-once-'));
	try {
		const file = path.join(directory, 'rec.ndjson');
		const {createClient, calls} = fakeClients({'http://a:1': [[session('1', 'u', 1, 1)], [session('2', 'v', 2, 2)], [session('3', 'w', 3, 3)]]});
		const sleeps: number[] = [];
		const stdout = sink();
		const recorder = createRecorder(file);
		let clock = Date.parse('2026-01-02T03:04:05.000Z');
		const code = await runOnce(config({
			hosts: 'a:1', count: '3', interval: '1.5', format: 'tsv', columns: 'id', fields: true,
		}), {
			createClient,
			stdout,
			stderr: sink(),
			recorder,
			fields: ['user'],
			async sleep(ms) {
				sleeps.push(ms);
			},
			now: () => clock++,
		});
		recorder.close();
		assert.equal(code, 0);
		assert.deepEqual(sleeps, [1500, 1500]);
		assert.equal(stdout.text(), 'time\tid\n2026-01-02T03:04:05.000Z\t1\n2026-01-02T03:04:05.001Z\t2\n2026-01-02T03:04:05.002Z\t3\n');
		assert.deepEqual(calls.map(call => call.options), [{fields: ['user']}, {fields: ['user']}, {fields: ['user']}]);
		const {frames} = await inspectRecording(file);
		assert.deepEqual(frames.map(frame => [frame.ts, frame.host, frame.sessions.map(item => item.id)]), [
			['2026-01-02T03:04:05.000Z', 'a:1', ['1']],
			['2026-01-02T03:04:05.001Z', 'a:1', ['2']],
			['2026-01-02T03:04:05.002Z', 'a:1', ['3']],
		]);
		const text = await readFile(file, 'utf8');
		assert.ok(!text.includes('mariadb'), 'no password in the recording');
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

async function printOnce(flags: Record<string, unknown>, polls: Session[][], deps: {width?: number} = {}): Promise<string> {
	const {createClient} = fakeClients({'http://a:1': [...polls]});
	const stdout = sink();
	let clock = Date.UTC(2026, 0, 2, 3, 4, 5);
	const code = await runOnce(config({hosts: 'a:1', utc: true, ...flags}), {
		createClient,
		stdout,
		stderr: sink(),
		async sleep(ms) {
			clock += ms;
		},
		now: () => clock,
		...deps,
	});
	assert.equal(code, 0);
	return stdout.text();
}

const full = [{
	...session('1', 'appuser', 5, 100), remote: '10.0.0.1', port: 5000, state: 'Session started', ageSeconds: 9, ioActivity: 1, thread: 0, servers: ['server1'], appName: 'web',
}];

test('nothing matching the filter: the same header as with rows', async () => {
	for (const format of ['table', 'tsv']) {
		const withRows = await printOnce({format}, [full]);
		const withNone = await printOnce({format, filter: 'user:nobody'}, [full]);
		// A table's widths follow its rows; its titles are the same.
		assert.deepEqual(withNone.trimEnd().split(/\s+/v), withRows.split('\n', 1)[0]!.split(/\s+/v), format);
		assert.equal(withNone.split('\n').length, 2);
	}

	assert.equal(await printOnce({format: 'tsv', filter: 'user:nobody'}, [full]), 'id\tuser\tclient\tservice\tservers\tstate\tage\tidle\tmemory\tio\tthread\tapp\n');
	assert.equal(await printOnce({format: 'json', filter: 'user:nobody'}, [full]), '[]\n');
});

test('a MaxScale without sessions: every column in the header, not ID alone', async () => {
	assert.equal(await printOnce({format: 'tsv'}, [[]]), 'id\tuser\tclient\tservice\tservers\tstate\tage\tidle\tmemory\tio\tthread\tapp\tsescmd\n');
	assert.equal(await printOnce({format: 'table'}, [[]]), 'ID  USER  CLIENT  SERVICE  SERVERS  STATE  AGE  IDLE  MEMORY  I/O  THR  APP  SESCMD\n');
	assert.equal(await printOnce({format: 'tsv', columns: 'id,user'}, [[]]), 'id\tuser\n');
});

test('a table on a terminal is cut to its width, as ps does; elsewhere it keeps every column', async () => {
	const wide = [{...full[0]!, user: 'u'.repeat(30)}, session('2', 'x', 1, 1)];
	const whole = await printOnce({format: 'table'}, [wide]);
	assert.ok(whole.split('\n').some(line => line.length > 100), whole);
	const cut = await printOnce({format: 'table'}, [wide], {width: 40});
	const lines = cut.trimEnd().split('\n');
	assert.equal(lines.length, 3);
	assert.ok(lines.every(line => line.length <= 40), cut);
	assert.deepEqual(lines.map(line => line.endsWith('…')), [true, true, true]);
	assert.equal(lines[0], whole.split('\n', 1)[0]!.slice(0, 39) + '…');
	const ascii = await printOnce({format: 'table', ascii: true}, [wide], {width: 40});
	assert.ok(ascii.split('\n', 1)[0]!.endsWith('~'));
	// The width is the table's business only: tsv and json are for programs.
	assert.equal(await printOnce({format: 'tsv'}, [wide], {width: 40}), await printOnce({format: 'tsv'}, [wide]));
});

test('--count with tsv: one header, a time column, no blank lines; one poll has no time column', async () => {
	const polls = [[session('1', 'a', 1, 1)], [], [session('3', 'c', 3, 3), session('4', 'd', 4, 4)]];
	assert.equal(await printOnce({
		format: 'tsv', columns: 'id,user', count: '3', interval: '2',
	}, polls), [
		'time\tid\tuser',
		'2026-01-02T03:04:05.000Z\t1\ta',
		'2026-01-02T03:04:09.000Z\t4\td',
		'2026-01-02T03:04:09.000Z\t3\tc',
		'',
	].join('\n'));
	assert.equal(await printOnce({format: 'tsv', columns: 'id,user', count: '1'}, polls), 'id\tuser\n1\ta\n');
});

test('--count with a table: a table per poll with its TIME column, a blank line between', async () => {
	const polls = [[session('1', 'a', 1, 1)], [session('22', 'bb', 2, 2)]];
	assert.equal(await printOnce({format: 'table', columns: 'id,user', count: '2'}, polls), [
		'TIME      ID  USER',
		'03:04:05   1  a',
		'',
		'TIME      ID  USER',
		'03:04:07  22  bb',
		'',
	].join('\n'));
});

test('--count with json: one JSON document, an array of polls with their time', async () => {
	const polls = [[session('1', 'a', 1, 1)], [], [session('3', 'c', 3, 3)]];
	const text = await printOnce({format: 'json', count: '3'}, polls);
	const parsed = JSON.parse(text) as Array<{time: string; sessions: Array<{id: string}>}>;
	assert.deepEqual(parsed.map(poll => [poll.time, poll.sessions.map(item => item.id)]), [
		['2026-01-02T03:04:05.000Z', ['1']],
		['2026-01-02T03:04:07.000Z', []],
		['2026-01-02T03:04:09.000Z', ['3']],
	]);
	assert.ok(text.startsWith('[\n  {\n    "time": "2026-01-02T03:04:05.000Z",\n    "sessions": [\n      {\n'), text.slice(0, 80));
	assert.ok(text.endsWith('\n]\n'));
});
