import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	chmod,
	lstat,
	mkdtemp,
	readFile,
	rm,
	stat,
	symlink,
	truncate,
	writeFile,
} from 'node:fs/promises';
import {execFileSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseOptions} from '../../source/config/parse-options.js';
import type {Session} from '../../source/model/session.js';
import {formatJson} from '../../source/output/formats.js';
import {printReplay} from '../../source/output/once.js';
import {
	createRecorder,
	groupPolls,
	inspectRecording,
	parseRecording,
	skippedNote,
	type RecordedFrame,
} from '../../source/output/recording.js';
import {stringifyJson} from '../../source/output/safe-json.js';
import {ensureBuilt} from '../helpers/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const session = (id: string): Session => ({
	id, host: 'x', user: 'u' + id, services: [], servers: [], filters: [],
});

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-rec-'));
	try {
		await run(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

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
		const {frames} = await inspectRecording(file);
		assert.deepEqual(frames.map(frame => frame.host), ['a:1', 'b:2']);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('a bad line is skipped and named; only a recording with nothing readable is an error', () => {
	const good = JSON.stringify({ts: '2026-01-01T00:00:00Z', host: 'a:1', sessions: [session('1')]});
	const cases: Array<[string, string]> = [
		['not json', 'not JSON'],
		['[1]', 'expected an object with ts, host and sessions'],
		['{"ts":"yesterday","host":"a","sessions":[]}', '"ts" must be an ISO time'],
		['{"ts":"2026-01-01T00:00:00Z","host":"","sessions":[]}', '"host" must be a non-empty string'],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":{}}', '"sessions" must be an array'],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":1}]}', 'session 1: "id" must be a string'],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":"1","services":[],"servers":[],"filters":[],"idleSeconds":"5"}]}', 'session 1: "idleSeconds" must be a number'],
		['{"ts":"2026-01-01T00:00:00Z","host":"a","sessions":[{"id":"1","services":[2],"servers":[],"filters":[]}]}', 'session 1: "services" must be an array of strings'],
	];
	for (const [line, problem] of cases) {
		const recording = parseRecording(`${good}\n\n${line}\n${good}\n`, 'f');
		assert.equal(recording.frames.length, 2, line);
		assert.deepEqual(recording.skipped, [{line: 3, problem}]);
		assert.equal(skippedNote('f', recording), `f: replaying 2 readable lines; skipped line 3: ${problem}`);
		assert.throws(() => parseRecording(`${line}\n`, 'f'), {message: `f: nothing to replay: line 1: ${problem}`});
	}

	assert.throws(() => parseRecording('\n\n', 'f'), {message: 'f: the recording is empty'});
	assert.equal(skippedNote('f', parseRecording(`${good}\n`, 'f')), undefined);
	const many = parseRecording([good, ...Array.from({length: 7}, () => 'x'), good].join('\n') + '\n', 'f');
	assert.equal(skippedNote('f', many), 'f: replaying 2 readable lines; skipped 7 lines: 2 (not JSON), 3 (not JSON), 4 (not JSON), 5 (not JSON), 6 (not JSON) and 2 more');
});

test('a recording whose last line was cut (a kill, a full disk) replays every whole line', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'cut.ndjson');
		const recorder = createRecorder(file);
		for (const [index, id] of ['1', '2', '3'].entries()) {
			recorder.record({host: 'a:1', atMs: index * 2000, sessions: [session(id)]});
		}

		recorder.close();
		const whole = await readFile(file, 'utf8');
		// The third line loses its end, newline included, as when the process died mid-write.
		await truncate(file, whole.length - 25);
		const recording = await inspectRecording(file);
		assert.deepEqual(recording.frames.map(frame => frame.sessions[0]!.id), ['1', '2']);
		assert.deepEqual(recording.skipped, [{line: 3, problem: 'cut short, not JSON'}]);
		assert.equal(skippedNote(file, recording), `${file}: replaying 2 readable lines; skipped line 3: cut short, not JSON`);
		assert.deepEqual((await inspectRecording(file)).frames.map(frame => frame.sessions[0]!.id), ['1', '2']);

		// Recording again to the same file ends the cut line first: the new lines are not glued to it.
		const again = createRecorder(file);
		again.record({host: 'a:1', atMs: 6000, sessions: [session('4')]});
		again.record({host: 'a:1', atMs: 8000, sessions: [session('5')]});
		again.close();
		const resumed = await inspectRecording(file);
		assert.deepEqual(resumed.frames.map(frame => frame.sessions[0]!.id), ['1', '2', '4', '5']);
		assert.deepEqual(resumed.skipped, [{line: 3, problem: 'not JSON'}]);
	});
});

test('--record refuses to write through a symbolic link, and leaves both ends alone', async () => {
	await withDirectory(async directory => {
		const target = path.join(directory, 'elsewhere');
		await writeFile(target, 'precious\n', {mode: 0o600});
		const link = path.join(directory, 'rec.ndjson');
		await symlink(target, link);
		assert.throws(() => createRecorder(link), {
			name: 'RecordingRefused',
			message: `${link} is a symbolic link; maxtop does not record through one: give the file itself`,
		});
		assert.equal(await readFile(target, 'utf8'), 'precious\n');
		assert.ok((await lstat(link)).isSymbolicLink());

		// A dangling link would have been created at its target.
		const dangling = path.join(directory, 'dangling.ndjson');
		await symlink(path.join(directory, 'made-by-the-link'), dangling);
		assert.throws(() => createRecorder(dangling), {name: 'RecordingRefused', message: /is a symbolic link/v});
		await assert.rejects(stat(path.join(directory, 'made-by-the-link')), {code: 'ENOENT'});
	});
});

test('--record refuses a file its group or others may read, and keeps its mode and content', async () => {
	await withDirectory(async directory => {
		for (const mode of [0o644, 0o640, 0o604, 0o620]) {
			const file = path.join(directory, `open-${mode.toString(8)}.ndjson`);
			await writeFile(file, 'old\n');
			await chmod(file, mode);
			assert.throws(() => createRecorder(file), {
				name: 'RecordingRefused',
				message: `${file} is open to its group or others (mode 0${mode.toString(8)}), and a recording names users and client addresses; run: chmod 600 ${file}, or record to a new file`,
			});
			assert.equal((await stat(file)).mode & 0o777, mode);
			assert.equal(await readFile(file, 'utf8'), 'old\n');
		}

		// An existing 0600 file is appended to.
		const file = path.join(directory, 'private.ndjson');
		await writeFile(file, '');
		await chmod(file, 0o600);
		const recorder = createRecorder(file);
		recorder.record({host: 'a:1', atMs: 0, sessions: [session('1')]});
		recorder.close();
		assert.equal((await inspectRecording(file)).frames.length, 1);
		assert.throws(() => createRecorder(directory), {name: 'RecordingRefused'});
	});
});

test('a write that fails half way (a full disk) stops the recording, not maxtop, and leaves a replayable file', async () => {
	ensureBuilt();
	await withDirectory(async directory => {
		const file = path.join(directory, 'full.ndjson');
		// A file size limit of 8 KiB stands in for a full disk: the write that crosses it is cut short, the next fails.
		const script = `
			const {createRecorder} = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/output/recording.js')).href)});
			const recorder = createRecorder(${JSON.stringify(file)});
			let polls = 0;
			while (recorder.failure() === undefined && polls < 100) {
				recorder.record({host: 'a:1', atMs: polls * 2000, sessions: [{id: String(polls), user: 'u'.repeat(1000), services: [], servers: [], filters: []}]});
				polls++;
			}
			recorder.record({host: 'a:1', atMs: 0, sessions: []});
			recorder.close();
			console.log(JSON.stringify({polls, failure: recorder.failure()}));
		`;
		const output = execFileSync('bash', ['-c', 'ulimit -f 8 && exec "$0" --input-type=module -e "$1"', process.execPath, script], {encoding: 'utf8'});
		const {polls, failure} = JSON.parse(output) as {polls: number; failure: string};
		assert.equal(failure, `recording to ${file} stopped: the file is too large`);
		assert.equal((await stat(file)).size, 8192);
		const recording = await inspectRecording(file);
		assert.equal(recording.frames.length, polls - 1);
		assert.deepEqual(recording.skipped, [{line: polls, problem: 'cut short, not JSON'}]);
	});
});

test('a new recording is 0600 whatever the umask', async () => {
	await withDirectory(async directory => {
		const previous = process.umask(0);
		try {
			const file = path.join(directory, 'new.ndjson');
			createRecorder(file).close();
			assert.equal((await stat(file)).mode & 0o777, 0o600);
		} finally {
			process.umask(previous);
		}
	});
});

test('a recorded line escapes C1 controls, bidi and other invisible format characters as --once json does', async () => {
	const hostile = [0x7F, 0x85, 0x9B, 0x9D, 0xAD, 0x6_1C, 0x20_0B, 0x20_0E, 0x20_28, 0x20_29, 0x20_2A, 0x20_2E, 0x20_66, 0x20_69, 0xFE_FF, 0xFF_F9, 0xE_00_41];
	const user = hostile.map(code => `<${String.fromCodePoint(code)}>`).join('');
	const sessions = [{...session('1'), user}];
	await withDirectory(async directory => {
		const file = path.join(directory, 'r.ndjson');
		const recorder = createRecorder(file);
		recorder.record({host: 'a:1', atMs: 0, sessions});
		recorder.close();
		const text = await readFile(file, 'utf8');
		const once = formatJson(sessions);
		for (const output of [text, once]) {
			for (const code of hostile) {
				assert.ok(!output.includes(String.fromCodePoint(code)), `U+${code.toString(16)} raw`);
			}

			assert.ok(output.includes(String.raw`<\u009b>`));
			assert.ok(output.includes(String.raw`<\u202e>`));
			assert.ok(output.includes(String.raw`<\udb40\udc41>`));
		}

		const escapedUser = (output: string) => /"user": ?(?<value>"[^"]*")/v.exec(output)?.groups?.['value'];
		assert.equal(escapedUser(text), escapedUser(once));
		assert.equal(text, stringifyJson({ts: '1970-01-01T00:00:00.000Z', host: 'a:1', sessions}) + '\n');
		assert.equal((await inspectRecording(file)).frames[0]!.sessions[0]!.user, user);
	});
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

test('inspectRecording reports a missing file', async () => {
	await assert.rejects(inspectRecording(path.join(tmpdir(), 'maxtop-no-such-recording.ndjson')), {code: 'ENOENT'});
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-rec-'));
	try {
		await writeFile(path.join(directory, 'x'), 'x');
		await assert.rejects(inspectRecording(path.join(directory, 'x')), {message: `${path.join(directory, 'x')}: nothing to replay: line 1: cut short, not JSON`});
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});
