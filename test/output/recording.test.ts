import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	mkdtemp,
	readFile,
	rm,
	stat,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseOptions} from '../../source/config/parse-options.js';
import type {Session} from '../../source/model/session.js';
import {printReplay} from '../../source/output/once.js';
import {
	createRecorder,
	groupPolls,
	parseRecording,
	readRecording,
	type RecordedFrame,
} from '../../source/output/recording.js';

const session = (id: string): Session => ({
	id, host: 'x', user: 'u' + id, services: [], servers: [], filters: [],
});

test('record appends NDJSON lines, mode 0600, and reads back', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-rec-'));
	try {
		const file = path.join(directory, 'r.ndjson');
		const first = createRecorder(file);
		first.record({host: 'a:1', atMs: 0, sessions: [session('1')]});
		first.close();
		first.close();
		first.record({host: 'ignored', atMs: 0, sessions: []});
		const second = createRecorder(file);
		second.record({host: 'b:2', atMs: 1000, sessions: [session('2'), session('3')]});
		second.close();
		assert.equal((await stat(file)).mode & 0o777, 0o600);
		const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
		assert.equal(lines.length, 2);
		assert.deepEqual(JSON.parse(lines[0]!), {ts: '1970-01-01T00:00:00.000Z', host: 'a:1', sessions: [session('1')]});
		const frames = await readRecording(file);
		assert.deepEqual(frames.map(frame => frame.host), ['a:1', 'b:2']);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('a bad line is an error naming the line number', () => {
	const good = JSON.stringify({ts: '2026-01-01T00:00:00Z', host: 'a:1', sessions: [session('1')]});
	const cases: Array<[string, RegExp]> = [
		[`${good}\nnot json\n`, /^f line 2: not JSON$/v],
		[`${good}\n\n[1]\n`, /^f line 3: expected an object/v],
		['{"ts":"yesterday","host":"a","sessions":[]}', /line 1: "ts" must be an ISO time/v],
		['{"ts":"2026-01-01T00:00:00Z","host":"","sessions":[]}', /"host"/v],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":{}}', /"sessions" must be an array/v],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":1}]}', /session 1: "id" must be a string/v],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":"1","services":[],"servers":[],"filters":[],"idleSeconds":"5"}]}', /"idleSeconds" must be a number/v],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":"1","services":[2],"servers":[],"filters":[]}]}', /"services" must be an array of strings/v],
		['\n\n', /^f: the recording is empty$/v],
	];
	for (const [text, pattern] of cases) {
		assert.throws(() => parseRecording(text, 'f'), {message: pattern});
	}
});

test('polls group frames until a host comes round again', () => {
	const frame = (host: string): RecordedFrame => ({ts: '2026-01-01T00:00:00Z', host, sessions: []});
	const frames = [frame('a'), frame('b'), frame('a'), frame('b'), frame('a')];
	assert.deepEqual(groupPolls(frames).map(poll => poll.map(item => item.host)), [['a', 'b'], ['a', 'b'], ['a']]);
});

test('--once --replay prints each recorded poll: one header, the time each was recorded', () => {
	const result = parseOptions({
		once: true, replay: 'r', format: 'tsv', columns: 'host,id,user',
	}, {});
	assert.ok(result.ok);
	let text = '';
	printReplay([
		{ts: '2026-01-01T00:00:00Z', host: 'a:1', sessions: [session('1')]},
		{ts: '2026-01-01T00:00:00Z', host: 'b:2', sessions: [session('2')]},
		{ts: '2026-01-01T00:00:02Z', host: 'a:1', sessions: [session('3')]},
	], result.config, {
		write(chunk: string) {
			text += chunk;
		},
	});
	assert.equal(text, [
		'time\thost\tid\tuser',
		'2026-01-01T00:00:00.000Z\ta:1\t1\tu1',
		'2026-01-01T00:00:00.000Z\tb:2\t2\tu2',
		'2026-01-01T00:00:02.000Z\ta:1\t3\tu3',
		'',
	].join('\n'));
});

test('readRecording reports a missing file', async () => {
	await assert.rejects(readRecording(path.join(tmpdir(), 'maxtop-no-such-recording.ndjson')), {code: 'ENOENT'});
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-rec-'));
	try {
		await writeFile(path.join(directory, 'x'), 'x');
		await assert.rejects(readRecording(path.join(directory, 'x')), /line 1: not JSON/v);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});
