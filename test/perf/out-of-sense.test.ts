import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readSessionList} from '../../source/api/session-stream.js';
import {normalizeSessionList} from '../../source/model/normalize.js';
import type {Session} from '../../source/model/session.js';

const host = 'mx:8989';
const now = Date.UTC(2026, 10, 23, 8, 0, 0);

type Attributes = Record<string, unknown>;

function wire(id: string, attributes: Attributes): unknown {
	return {
		id,
		type: 'sessions',
		attributes: {
			state: 'Session started',
			user: 'u',
			remote: '10.0.0.5',
			port: 40_000,
			connected: 'Mon, 23 Nov 2026 07:00:00 GMT',
			seconds_alive: 60,
			idle: 5,
			memory: {total: 65_000},
			io_activity: 3,
			thread: 1,
			client: {cipher: ''},
			parameters: {log_info: false},
			...attributes,
		},
		relationships: {services: {data: [{id: 'svc', type: 'services'}]}},
	};
}

/** The raw text of numbers JSON.stringify cannot write (1e400 is Infinity once parsed). */
function body(sessions: unknown[], raw: Record<string, string> = {}): Uint8Array {
	let text = JSON.stringify({data: sessions});
	for (const [marker, value] of Object.entries(raw)) {
		text = text.replace(`"${marker}"`, () => value);
	}

	return new TextEncoder().encode(text);
}

function slow(bytes: Uint8Array): Session[] {
	return normalizeSessionList(JSON.parse(Buffer.from(bytes).toString('utf8')), host, now, {detail: false});
}

/** The streamed reader's sessions, checked against the whole read's. */
async function both(bytes: Uint8Array): Promise<Session[]> {
	const streamed = await readSessionList([bytes.subarray(0, 100), bytes.subarray(100)], host, now);
	assert.ok(streamed, 'not read as a list');
	const expected = slow(bytes);
	assert.deepEqual(streamed, expected);
	assert.equal(JSON.stringify(streamed), JSON.stringify(expected), 'key order');
	return streamed;
}

const cases: Array<[string, Attributes, Record<string, string>, Partial<Session>]> = [
	['idle 1e308', {idle: 1e308}, {}, {unknown: ['idleSeconds']}],
	['idle negative', {idle: -1}, {}, {unknown: ['idleSeconds']}],
	['idle 101 years', {idle: 101 * 365.25 * 86_400}, {}, {unknown: ['idleSeconds']}],
	['idle 1e400 (Infinity)', {idle: 'INF'}, {INF: '1e400'}, {unknown: ['idleSeconds']}],
	['memory 1e30', {memory: {total: 1e30}}, {}, {unknown: ['memoryBytes']}],
	['memory negative', {memory: {total: -5}}, {}, {unknown: ['memoryBytes']}],
	['memory 2^53 + 2', {memory: {total: 9_007_199_254_740_994}}, {}, {unknown: ['memoryBytes']}],
	['I/O negative', {io_activity: -3}, {}, {unknown: ['ioActivity']}],
	['port 99999999', {port: 99_999_999}, {}, {unknown: ['port']}],
	['port 3306.5', {port: 3306.5}, {}, {unknown: ['port']}],
	['port -1', {port: -1}, {}, {unknown: ['port']}],
	['thread -1', {thread: -1}, {}, {unknown: ['thread']}],
	['seconds_alive -5', {seconds_alive: -5}, {}, {unknown: ['ageSeconds']}],
	['age from a connected time in 1800', {seconds_alive: undefined, connected: 'Wed, 01 Jan 1800 00:00:00 GMT'}, {}, {unknown: ['ageSeconds']}],
	['everything at once', {
		port: 1e9, seconds_alive: 1e300, idle: 1e308, memory: {total: 1e30}, io_activity: -1, thread: 0.5,
	}, {}, {unknown: ['port', 'ageSeconds', 'idleSeconds', 'memoryBytes', 'ioActivity', 'thread']}],
];

for (const [label, attributes, raw, expected] of cases) {
	test(`${label}: both reads keep it as unknown, never as a number`, async () => {
		const [session] = await both(body([wire('1', attributes)], raw));
		assert.deepEqual(session?.unknown, expected.unknown);
		for (const field of expected.unknown ?? []) {
			assert.equal(session?.[field], undefined, field);
		}
	});
}

test('the edges still believed: 0, 100 years, 2^53 bytes, port 0 and 65535', async () => {
	const sessions = await both(body([
		wire('1', {
			idle: 0, port: 0, memory: {total: 0}, io_activity: 0, thread: 0,
		}),
		wire('2', {idle: 100 * 365.25 * 86_400, port: 65_535, memory: {total: Number.MAX_SAFE_INTEGER}}),
	]));
	assert.ok(sessions.every(session => session.unknown === undefined));
	assert.equal(sessions[1]?.memoryBytes, Number.MAX_SAFE_INTEGER);
});
