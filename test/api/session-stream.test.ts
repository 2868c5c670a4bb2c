import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {ListSyntaxError, readSessionList} from '../../source/api/session-stream.js';
import {simulatorVersions} from '../../source/simulator/types.js';
import {corruptedCopies} from '../helpers/corrupt.js';
import {
	assertSameRead,
	chunked,
	listHost,
	simulatorPolls,
	streamRead,
	utc,
	wholeRead,
} from '../helpers/list-bodies.js';

const fixturesRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures');
const now = Date.UTC(2026, 10, 23, 8, 0, 0);
const everySize = [1, 2, 3, 7, 64, 4096, undefined];
const encode = (text: string) => Buffer.from(text, 'utf8');

function fixtureFiles(): string[] {
	// The folders of captures; README.md beside them says where each came from.
	const folders = readdirSync(fixturesRoot, {withFileTypes: true}).filter(entry => entry.isDirectory()).map(entry => entry.name);
	return folders.flatMap(folder => readdirSync(path.join(fixturesRoot, folder))
		.filter(name => name.endsWith('.json') || name.endsWith('.json.gz'))
		.map(name => path.join(folder, name)));
}

test('every fixture, in chunks from 1 byte to whole: what JSON.parse and normalizeSessionList give', async () => {
	const files = fixtureFiles();
	assert.ok(files.length > 200, `found ${files.length} fixtures`);
	let lists = 0;
	for (const file of files) {
		const raw = readFileSync(path.join(fixturesRoot, file));
		const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
		// The captures of 5,000 and 10,000 sessions (14 and 28 MB) a few bytes at a time would take minutes.
		const sizes = bytes.length > 1024 * 1024 ? [64, 4096, undefined] : everySize;
		if (Array.isArray(await assertSameRead(bytes, now, sizes, file))) {
			lists++;
		}
	}

	assert.ok(lists > 50, `${lists} list bodies`);
});

test('every simulator version, compact, pretty and sparse, in chunks from 1 byte to whole: the same', async () => {
	for (const version of simulatorVersions) {
		for (const query of ['pretty=false', 'pretty=true', '', 'pretty=false&fields[sessions]=user,idle,memory/total,services,connections']) {
			const [{bytes, nowMs}] = await simulatorPolls(version, 1, {
				sessions: 8, churnPerSecond: 0, stepMs: 90_000, seed: 11, query,
			}) as [{bytes: Uint8Array; nowMs: number}];
			const sessions = await assertSameRead(bytes, nowMs, everySize, `${version} ${query}`);
			assert.ok(Array.isArray(sessions) && sessions.length >= 6, `${version} ${query}`);
		}
	}
});

const session = (attributes: string, extra = '') => `{"id":"7","type":"sessions","attributes":{${attributes}}${extra}}`;
const list = (...items: string[]) => `{"data":[${items.join(',')}],"links":{"self":"x"}}`;

test('hand-made bodies: odd shapes, escapes, numbers and duplicates read as JSON.parse reads them, or are refused where it refuses them', async () => {
	const bodies = [
		list(session(String.raw`"user":"a\u00e9\"b\\","state":"Session \"started\"","idle":1.5e1,"port":-0`)),
		list(session('"user":"zoë","remote":"::ffff:127.0.0.1","port":3306.0,"idle":0.1,"seconds_alive":123456789012.125')),
		list(session('"user":5,"state":null,"memory":[1],"client":null,"parameters":[],"connections":{"server":"x"}')),
		list(session('"user":"a","user":"b"')),
		list(session(String.raw`"us\u0065r":"a","zz":"}]}{[\"\\"`)),
		list(session('"connections":[{"server":"a"},{"server":"a"},null,{"server":"b","x":[1,{"y":{}}]},{"server":3}]')),
		list('{"id":12,"type":"sessions"}', '{"id":1.5}', '{"id":""}', '{"id":"007"}', '{"id":"5","type":"servers"}'),
		list('[]', 'null', '"x"', String.raw`"\"]"`, '1', '-0.5e+3', 'true', 'false', '{"attributes":[]}', '[{"id":"8"}]'),
		list(),
		' \n\t{ "data" : [ { "id" : "9" , "attributes" : { "user" : "u" } } ,\r\n{"id":"10"} ] } \r\n',
		`{"data":[${'['.repeat(2000)}${']'.repeat(2000)}, {"id":"3"}]}`,
		list(session(`"zz":${'{"a":'.repeat(40)}1${'}'.repeat(40)},"user":"u"`)),
		// Where `data` is, and which of several JSON.parse keeps: the last.
		'{"links":{"self":"x","data":[{"id":"1"}]},"meta":[1,{"data":[]}],"data":[{"id":"2"}]}',
		'{"data":[{"id":"1"}],"data":[{"id":"2"}]}',
		String.raw`{"data":[{"id":"1"}],"d\u0061ta":[{"id":"2"}]}`,
		'{"data":[{"id":"1"}],"data":null}',
		'{"data":null,"data":[{"id":"2"}]}',
		'{"data":{"id":"1"},"links":{}}',
		'{"dat":[{"id":"1"}],"data2":[{"id":"2"}],"links":{}}',
		String.raw`{"da\"ta":[{"id":"1"}]}`,
		'{"meta":{"total":2},"data":[{"id":"1"}],"links":{"self":"x"},"n":12}',
		'[{"data":[{"id":"1"}]}]',
		'{"data":[{"id":"1"}],"data":"maxtop list"}',
		String.raw`{"${'x'.repeat(5000)}\"data":[{"id":"1"}],"data":[{"id":"2"}]}`,
		'{"a":[{"id":"1"}],"data":[[{"id":"2"}],{"id":"3"}],"b":[]}',
		// An element cut out is `null` to the rest: nothing may join it into another valid token.
		...['.5', 'e5', '5', '-', '"a"', 'null', 'tru', '[1]', '{}'].flatMap(touching => [`{"data":[{"id":"1"}${touching}]}`, `{"data":[${touching}{"id":"1"}]}`]),
		'{}',
		'[]',
		'"x"',
		'123',
		'null',
		// Malformed: truncated, garbage after, unbalanced, broken escapes, control characters.
		list(session('"user":"a"')).slice(0, -3),
		`${list(session('"user":"a"'))}x`,
		`${list(session('"user":"a"'))}}`,
		`${list(session('"user":"a"'))},`,
		`${list(session('"user":"a"'))}{"data":[]}`,
		`{"data":[${session('"user":"a"')}]`,
		`{"data":[${session('"user":"a"')}}]}`,
		`{"data":[${session('"user":"a"')}]]}`,
		'{"data":[{"id":"1"]}',
		'{"data":[{"id":"1"}}}',
		'{"data":[[}]}',
		list(session(String.raw`"user":"a\x"`)),
		list(session(String.raw`"user":"a\u12"`)),
		list(session(String.raw`"user":"a\"`)),
		list(session('"user":"a\u{1}"')),
		list(session('"user":"a\nb"')),
		list(session('"user" "a"')),
		list(session('"idle":01')),
		list(session('"ok":tru')),
		'{"data":[1 2]}',
		'{"data":[1,]}',
		'{"data":[,1]}',
		'{"data":[1,,2]}',
		'{"data":[tru]}',
		'{"data":[1}',
		'{"data":[{"id":"1"},]}',
		'{"data":[{"id":"1"} {"id":"2"}]}',
		'{"data"[]}',
		'{"data":[],}',
		'{"a" "data":[]}',
		`\u{FEFF}${list()}`,
		'',
		' '.repeat(3),
		'<html>hello</html>',
	];
	const outcomes = new Set<string>();
	for (const body of bodies) {
		const outcome = await assertSameRead(encode(body), now, [1, 3, undefined], body.slice(0, 120));
		outcomes.add(Array.isArray(outcome) ? 'list' : outcome);
	}

	assert.deepEqual([...outcomes].sort(), ['list', 'not a list', 'rejected']);
});

test('a small list cut off at every byte, or with one byte changed, is never read differently from JSON.parse', async () => {
	const [{bytes: one, nowMs: then}] = await simulatorPolls('24.02', 1, {sessions: 1, churnPerSecond: 0, stepMs: 60_000}) as [{bytes: Uint8Array; nowMs: number}];
	for (let length = 0; length < one.length; length++) {
		await assertSameRead(one.subarray(0, length), then, [7, undefined], `cut at ${length}`);
	}

	const [{bytes, nowMs}] = await simulatorPolls('24.02', 1, {sessions: 6, churnPerSecond: 0, stepMs: 60_000}) as [{bytes: Uint8Array; nowMs: number}];
	let lists = 0;
	let round = 0;
	for (const corrupted of corruptedCopies(bytes, 1500, 777)) {
		round++;
		if (Array.isArray(await assertSameRead(corrupted, nowMs, [64, undefined], `round ${round}`))) {
			lists++;
		}
	}

	assert.ok(lists > 100, `${lists} corrupted bodies were still lists`);
});

test('invalid UTF-8, split anywhere between chunks, is replaced exactly as decoding the whole body does', async () => {
	const bytes = Buffer.concat([
		encode('{"data":[{"id":"7","attributes":{"user":"a'),
		Buffer.from([0xE2, 0x28, 0xA1, 0xFF, 0xC3]),
		encode('","state":"\u{1F600}x","remote":"'),
		Buffer.from([0xF0, 0x9F, 0x98]),
		encode('"}}]}'),
	]);
	const sessions = await assertSameRead(bytes, now, everySize, 'invalid utf-8');
	assert.ok(Array.isArray(sessions) && sessions[0]!.user!.includes('\u{FFFD}'));
	for (let at = 1; at < bytes.length; at++) {
		const actual = await streamRead([bytes.subarray(0, at), bytes.subarray(at)], now);
		assert.deepEqual(actual, sessions, `split at ${at}`);
	}
});

test('a body that is no JSON says why, and how many bytes came', async () => {
	const cases: Array<[string, string, number]> = [
		['', 'empty', 0],
		[' \r\n', 'empty', 3],
		['<html>hello</html>', 'not-json', 18],
		['{"data": [{"id": "1"', 'malformed', 20],
	];
	for (const [text, reason, bytes] of cases) {
		await assert.rejects(readSessionList(chunked(encode(text), 2), listHost, now, utc), (error: unknown) => error instanceof ListSyntaxError && error.reason === reason && error.bytes === bytes);
	}
});

test('the event loop is given back while a long list is read, even when it came in one chunk', async () => {
	const body = encode(JSON.stringify({data: Array.from({length: 20_000}, (_, index) => ({id: String(index + 1), type: 'sessions', attributes: {user: `u${index}`, idle: index}}))}));
	let turns = 0;
	let isReading = true;
	const tick = () => {
		if (!isReading) {
			return;
		}

		turns++;
		setImmediate(tick);
	};

	setImmediate(tick);
	const sessions = await readSessionList([body], listHost, now, utc);
	isReading = false;
	assert.equal(sessions?.length, 20_000);
	assert.deepEqual(sessions, wholeRead(body, now));
	// Other work (a key, a timer, a frame) ran between slices of the read, not only after it.
	assert.ok(turns >= 20, `${turns} turns of the event loop during the read`);
});
