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
import {createRecorder, readRecording} from '../../source/output/recording.js';

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

test('--count repeats at --interval with a blank line between, and records every poll', async () => {
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
		assert.equal(stdout.text(), 'id\n1\n\nid\n2\n\nid\n3\n');
		assert.deepEqual(calls.map(call => call.options), [{fields: ['user']}, {fields: ['user']}, {fields: ['user']}]);
		const frames = await readRecording(file);
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
