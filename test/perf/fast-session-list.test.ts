import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {createSessionListScanner} from '../../source/api/fast-session-list.js';
import {normalizeSessionList} from '../../source/model/normalize.js';
import type {Session} from '../../source/model/session.js';
import {startSimulator} from '../../source/simulator/index.js';
import {simulatorVersions} from '../../source/simulator/types.js';
import {corruptedCopies} from '../helpers/corrupt.js';

const fixturesRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures');
const host = 'fixture:8989';
const now = Date.UTC(2026, 10, 23, 8, 0, 0);
const utc = {timezoneOffsetMinutes: 0};

type Outcome = {kind: 'sessions'; sessions: Session[]} | {kind: 'not-a-list'} | {kind: 'malformed'};

/** What the client's JSON.parse path makes of a body. */
function slowPath(bytes: Uint8Array, options = utc): Outcome {
	let body: unknown;
	try {
		body = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch {
		return {kind: 'malformed'};
	}

	return Array.isArray((body as {data?: unknown} | undefined)?.data)
		? {kind: 'sessions', sessions: normalizeSessionList(body, host, now, {...options, detail: false})}
		: {kind: 'not-a-list'};
}

/**
The fast path either gives exactly the slow path's sessions (same values, same key order) or
gives up. Returns whether it answered.
*/
function assertEquivalent(bytes: Uint8Array, label: string, scanner = createSessionListScanner(utc)): boolean {
	const fast = scanner.scan(bytes, host, now);
	if (fast === undefined) {
		return false;
	}

	const slow = slowPath(bytes);
	assert.equal(slow.kind, 'sessions', `${label}: the fast path answered where JSON.parse gives ${slow.kind}`);
	assert.deepEqual(fast, (slow as {sessions: Session[]}).sessions, label);
	assert.equal(JSON.stringify(fast), JSON.stringify((slow as {sessions: Session[]}).sessions), `${label}: key order`);
	return true;
}

function fixtureFiles(): string[] {
	return readdirSync(fixturesRoot, {withFileTypes: true}).filter(entry => entry.isDirectory()).flatMap(({name: folder}) => readdirSync(path.join(fixturesRoot, folder))
		.filter(name => name.endsWith('.json') || name.endsWith('.json.gz'))
		.map(name => path.join(folder, name)));
}

test('every fixture: the fast path equals the normalizer, and answers for every session list', () => {
	const files = fixtureFiles();
	assert.ok(files.length > 200, `found ${files.length} fixtures`);
	// One scanner for all files: its string table carries over, as it does between refreshes.
	const scanner = createSessionListScanner(utc);
	let lists = 0;
	for (const file of files) {
		const raw = readFileSync(path.join(fixturesRoot, file));
		const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
		const answered = assertEquivalent(bytes, file, scanner);
		if (slowPath(bytes).kind !== 'sessions') {
			continue;
		}

		lists++;
		assert.ok(answered, `${file}: a list body the fast path gave up on`);
	}

	assert.ok(lists > 50, `${lists} list bodies`);
});

test('simulator output of every version, compact and pretty, full and sparse, equals the normalizer', async () => {
	for (const version of simulatorVersions) {
		const simulator = await startSimulator({
			version, sessions: 300, seed: 11, manualClock: true,
		});
		try {
			simulator.advance(90_000);
			const authorization = `Basic ${Buffer.from('admin:mariadb').toString('base64')}`;
			for (const query of ['pretty=false', 'pretty=true', '', 'pretty=false&fields[sessions]=user,idle,memory/total,services,connections']) {
				const response = await fetch(`${simulator.url}/v1/sessions?${query}`, {headers: {authorization}});

				const bytes = new Uint8Array(await response.arrayBuffer());
				const sessions = slowPath(bytes);
				assert.equal(sessions.kind, 'sessions');
				assert.ok((sessions as {sessions: Session[]}).sessions.length >= 250, `${version} ${query}`);
				assert.ok(assertEquivalent(bytes, `${version} ${query}`), `${version} ${query}: answered`);
			}
		} finally {
			await simulator.close();
		}
	}
});

const session = (attributes: string, extra = '') => `{"id":"7","type":"sessions","attributes":{${attributes}}${extra}}`;
const list = (...items: string[]) => `{"data":[${items.join(',')}],"links":{"self":"x"}}`;

test('hand-made bodies: odd types, escapes, numbers and duplicates give the same sessions or a fallback', () => {
	const answered = [
		list(session(String.raw`"user":"a\u00e9\"b","state":"Session started","idle":1.5e1,"port":-0`)),
		list(session('"user":"zoë","remote":"::ffff:127.0.0.1","port":3306.0,"idle":0.1,"seconds_alive":123456789012.125')),
		list(session('"user":5,"state":null,"memory":[1],"client":null,"parameters":[],"connections":{"server":"x"}')),
		list(session('"memory":{"total":"9"},"client":{"connection_attributes":null,"cipher":7},"parameters":{}')),
		list(session('"parameters":{"log_info":true,"log_debug":false,"log_error":"yes","other":true}')),
		list(session('"connections":[{"server":"a"},{"server":"a"},null,{"server":"b","x":[1,{"y":{}}]},{"server":3}]')),
		list(session('"connected":"Thu Jul  6 07:28:51 2023","idle":1e400,"thread":1E-2,"io_activity":123456789012345678901234')),
		list(session('"connected":"Fri, 05 Jan 2024 07:24:06 GMT","connected_x":"y"')),
		list(session('"connected":"not a date"')),
		// The byte-level reading of 23.02+ dates, and everything near it that it leaves to the string path.
		...['Thu, 29 Feb 2024 23:59:60 GMT', 'Wed, 29 Feb 2023 10:00:00 GMT', 'Fri, 31 Apr 2026 10:00:00 GMT', 'Sat, 30 Apr 2026 00:00:00 GMT',
			'Sun, 00 Nov 2026 10:00:00 GMT', 'Sun, 22 Nov 2026 24:00:00 GMT', 'Sun, 22 Nov 2026 23:60:00 GMT', 'Sun, 22 Nov 2026 23:59:61 GMT',
			'Sun, 22 Nov 0099 10:00:00 GMT', 'Sun, 22 Nov 1900 10:00:00 GMT', 'Mon, 29 Feb 2000 10:00:00 GMT', 'Sun, 22 Nvo 2026 10:00:00 GMT',
			'sun, 22 Nov 2026 10:00:00 GMT', 'Sun, 22 nov 2026 10:00:00 GMT', 'Sun, 2 Nov 2026 10:00:00 GMT', 'Sun, 22 Nov 2026 10:00:00 UTC',
			'Sun, 22 Nov 2026 10:00:00 GMT ', ' Sun, 22 Nov 2026 10:00:00 GMT', 'Sun, 2a Nov 2026 10:00:00 GMT', 'Sun, 22 Nov 2026 1:00:000 GMT',
			'Sun,_22 Nov 2026 10:00:00 GMT'].map(date => list(session(`"connected":"${date}","user":"u"`))),
		list(session('', ',"relationships":{"services":{"data":[{"id":"s1"},{"id":2},"x",{"id":"s2","type":"services"}]},"filters":{"data":[]}}')),
		list(session('', ',"relationships":{"services":[],"filters":{"data":{"id":"f"}}}')),
		list('{"id":12,"type":"sessions"}', '{"id":1.5}', '{"id":-0}', '{"id":""}', '{"id":"007"}', '{"id":"12345678901234567890"}', '{"id":"5","type":"servers"}', '{"id":"6","type":null}'),
		list('[]', 'null', '"x"', '1', 'true', '{"attributes":[]}', '{"id":"8","attributes":"x"}'),
		' \n\t{ "data" : [ { "id" : "9" , "attributes" : { "user" : "u" } } ] } \r\n',
		list(),
		'{"data":[],"data2":{"data":[1]}}',
		list(session(String.raw`"user":"\ud800"`)),
		// Members nobody reads, skipped in one loop when compact, the slow way otherwise.
		list(session('"zz":{"a":[-0.5e+3,0,1E2,-0,10.25E-2,true,false,null,"s",{},[],{"b":{"c":[[[]]]}}]},"user":"u"')),
		list(session(String.raw`"zz":{"ab":"c\\d","e":["\u00e9"]},"user":"u"`)),
		list(session('"zz":{ "a" : [ 1 , 2 ] },"user":"u"')),
		list(session(`"zz":${'['.repeat(40)}${']'.repeat(40)},"user":"u"`)),
		list(session(`"zz":${'{"a":'.repeat(29)}1${'}'.repeat(29)},"user":"u"`)),
	];
	for (const body of answered) {
		assert.ok(assertEquivalent(Buffer.from(body), body), `answered: ${body}`);
	}

	const fallback = [
		list(session('"user":"a","user":"b"')),
		'{"data":[],"data":[{"id":"1"}]}',
		list(session(String.raw`"us\u0065r":"a"`)),
		'{"data":{"id":"1"}}',
		'[{"id":"1"}]',
		'{"links":{}}',
		// Deeper than the scanner goes; JSON.parse takes it.
		`{"data":[${'['.repeat(2000)}${']'.repeat(2000)}]}`,
	];
	for (const body of fallback) {
		assert.equal(assertEquivalent(Buffer.from(body), body), false, `fallback: ${body}`);
	}

	const malformed = [
		list(session('"user":"a"')).slice(0, -3),
		list(session('"user":"a\u{1}"')),
		list(session(String.raw`"user":"a\x"`)),
		list(session('"idle":01')),
		list(session('"idle":1.')),
		list(session('"idle":-')),
		list(session('"idle":1e')),
		list(session('"ok":tru')),
		list(session('"ok":nul')),
		list(session('"user":"a",')),
		`${list()},`,
		`\u{FEFF}${list()}`,
		`${list()}x`,
		list(session('"user" "a"')),
		'{"data":[1 2]}',
		'{"data":[1,]}',
		...['{"a":[01]}', '{"a":[1.]}', '[-]', '[1e]', '[1e+]', '[tru]', '[nul]', '[fals]', '{"a" 1}', '[1 2]', '[1,]', '{"a":1,}', '{,}', '[,1]', '{"a\u{1}":1}',
			'{"a":"b\u{1}"}', '[1]]', '{"a":1]', '[}', '{"a":[1}', '{"a"}', '{1:2}', '[.5]', '[+1]', '[-.5]', '[0x1]', '[1.5.2]', String.raw`["a\q"]`, '[', '{"a":{'].map(bad => list(session(`"zz":${bad},"user":"u"`))),
	];
	for (const body of malformed) {
		assert.equal(slowPath(Buffer.from(body)).kind, 'malformed', `really malformed: ${body.slice(0, 80)}`);
		assert.equal(createSessionListScanner(utc).scan(Buffer.from(body), host, now), undefined, `malformed: ${body.slice(0, 80)}`);
	}
});

test('invalid UTF-8 in a value is replaced exactly as decoding the whole body does', () => {
	const bytes = Buffer.concat([
		Buffer.from('{"data":[{"id":"7","attributes":{"user":"a'),
		Buffer.from([0xE2, 0x28, 0xA1, 0xFF, 0xC3]),
		Buffer.from('","state":"\u{1F600}x","remote":"'),
		Buffer.from([0xF0, 0x9F, 0x98]),
		Buffer.from('"}}]}'),
	]);
	assert.ok(assertEquivalent(bytes, 'invalid utf-8'));
});

test('random corruption of a real list never makes the fast path disagree with JSON.parse', async () => {
	const simulator = await startSimulator({
		version: '24.02', sessions: 6, seed: 3, manualClock: true,
	});
	const response = await fetch(`${simulator.url}/v1/sessions?pretty=false`, {headers: {authorization: `Basic ${Buffer.from('admin:mariadb').toString('base64')}`}});
	const original = Buffer.from(await response.arrayBuffer());
	await simulator.close();
	let answered = 0;
	let round = 0;
	for (const bytes of corruptedCopies(original, 3000, 12_345)) {
		round++;
		if (assertEquivalent(bytes, `round ${round}`)) {
			answered++;
		}
	}

	assert.ok(answered > 100, `${answered} corrupted bodies were still lists the fast path read`);
});

test('sessions with the same services, backends and log levels share one frozen list or set, across refreshes too', async () => {
	const simulator = await startSimulator({sessions: 200, seed: 3});
	try {
		const response = await fetch(`${simulator.url}/v1/sessions?pretty=false`, {headers: {authorization: `Basic ${Buffer.from('admin:mariadb').toString('base64')}`}});
		const bytes = new Uint8Array(await response.arrayBuffer());
		const scanner = createSessionListScanner(utc);
		const first = scanner.scan(bytes, host, now)!;
		const second = scanner.scan(bytes, host, now)!;
		const [a, b] = first.filter(item => item.services[0] === first[0]!.services[0]);
		assert.ok(a && b);
		assert.equal(a.services, b.services);
		assert.equal(first[0]!.services, second[0]!.services);
		assert.equal(first[0]!.logLevels, second[0]!.logLevels);
		assert.equal(first[0]!.filters, first[1]!.filters);
		assert.ok(Object.isFrozen(a.services) && Object.isFrozen(a.logLevels));
	} finally {
		await simulator.close();
	}
});
