import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readSessionList} from '../../source/api/session-stream.js';
import {maxTextLength} from '../../source/model/bounds.js';
import {normalizeSession, normalizeSessionList} from '../../source/model/normalize.js';
import type {Session} from '../../source/model/session.js';
import {detailLines} from '../../source/state/detail-lines.js';

const host = 'mx:8989';
const now = Date.UTC(2026, 10, 23, 8, 0, 0);
const huge = 'x'.repeat(3_000_000);

function wire(id: string, attributes: Record<string, unknown> = {}, relationships: Record<string, unknown> = {}): Record<string, unknown> {
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
			client: {cipher: '', connection_attributes: {_client_name: 'app'}},
			parameters: {log_info: false},
			...attributes,
		},
		relationships: {services: {data: [{id: 'svc', type: 'services'}]}, ...relationships},
	};
}

/** The streamed reader's sessions (in 64 KB chunks, as undici gives them), checked against the whole read's. */
async function both(sessions: unknown[]): Promise<Session[]> {
	const text = JSON.stringify({data: sessions});
	const bytes = new TextEncoder().encode(text);
	const chunks = Array.from({length: Math.ceil(bytes.length / 65_536)}, (_, index) => bytes.subarray(index * 65_536, (index + 1) * 65_536));
	const streamed = await readSessionList(chunks, host, now);
	assert.ok(streamed, 'not read as a list');
	const slow = normalizeSessionList(JSON.parse(text), host, now, {detail: false});
	assert.deepEqual(streamed, slow);
	assert.equal(JSON.stringify(streamed), JSON.stringify(slow), 'key order');
	return streamed;
}

test('every text of a listed session is cut to a few KB, identically by both reads, with its real length', async () => {
	const [session, plain] = await both([
		wire('1', {
			state: huge, user: huge, remote: huge, client: {cipher: huge, connection_attributes: {_client_name: huge}},
			connections: [{server: huge}, {server: `${huge}y`}],
		}, {services: {data: [{id: huge}]}, filters: {data: [{id: 'f'}, {id: huge}]}}),
		wire('2'),
	]);
	for (const text of [session!.state, session!.user, session!.remote, session!.clientCipher, session!.appName, ...session!.services, ...session!.servers, ...session!.filters]) {
		assert.ok(text !== undefined && text.length <= maxTextLength, String(text?.length));
	}

	// Two servers that differ only past the cut are one server once cut.
	assert.equal(session!.servers.length, 1);
	assert.deepEqual(session!.fullLengths, {
		services: huge.length, servers: huge.length + 1, filters: huge.length, state: huge.length, user: huge.length, client: huge.length, app: huge.length, 'client TLS': huge.length,
	});
	assert.equal(plain!.fullLengths, undefined);
});

test('a huge id is cut too, and a cut never splits a surrogate pair', async () => {
	const emoji = `${'a'.repeat(maxTextLength - 1)}😀tail`;
	const [session] = await both([wire(huge, {user: emoji})]);
	assert.equal(session!.id.length, maxTextLength);
	assert.equal(session!.user, 'a'.repeat(maxTextLength - 1));
	assert.deepEqual(session!.fullLengths, {id: huge.length, user: emoji.length});
});

test('the detail pane says the real length of each cut text, detail-only texts included', () => {
	const session = normalizeSession({
		...wire('1', {
			user: huge,
			client: {cipher: '', connection_attributes: {_client_name: 'app', program_name: huge}},
			queries: [{statement: huge, received: '2026-11-23T07:59:00Z', responses: []}],
			log: ['short', huge],
		}),
	}, host, now)!;
	assert.equal(session.queries?.[0]?.statement?.length, maxTextLength);
	assert.equal(session.log?.[1]?.length, maxTextLength);
	assert.equal(session.connectionAttributes?.['program_name']?.length, maxTextLength);
	const lines = detailLines(session, {nowMs: now, rdns: false});
	assert.ok(lines.includes('Texts cut to their first 4,096 characters (real length)'), lines.join('\n'));
	for (const label of ['user', 'attribute program_name', 'statement 1', 'log line 2']) {
		assert.ok(lines.some(line => line.startsWith(`  ${label.padEnd(11)} 3,000,000 characters`)), `${label}:\n${lines.join('\n')}`);
	}

	assert.ok(lines.every(line => line.length < 2 * maxTextLength));
});
