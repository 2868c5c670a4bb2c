import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {errorDetails} from '../source/api/error-mapping.js';
import {
	parseAccount,
	parseFilters,
	parseServerInfo,
	parseServices,
	parseThreads,
	parseToken,
	tokenAccount,
} from '../source/api/resources.js';
import {normalizeSession, normalizeSessionList} from '../source/model/normalize.js';
import type {Session} from '../source/model/session.js';

// Copies of real servers' answers (test/fixtures/README.md says where each came from).
const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const fixturesRoot = path.resolve(repoRoot, 'test/fixtures');
const host = 'fixture:8989';
const now = Date.UTC(2026, 10, 23, 8, 0, 0);
// The captures' README: asctime() values (local time) are UTC on the capture host.
const utc = {timezoneOffsetMinutes: 0};

function fixtureFiles(): string[] {
	const files: string[] = [];
	for (const entry of readdirSync(fixturesRoot, {withFileTypes: true})) {
		if (!entry.isDirectory()) {
			continue;
		}

		const folder = entry.name;
		for (const name of readdirSync(path.join(fixturesRoot, folder))) {
			if (name.endsWith('.json') || name.endsWith('.json.gz')) {
				files.push(path.join(folder, name));
			}
		}
	}

	return files.sort();
}

function load(file: string): unknown {
	const raw = readFileSync(path.join(fixturesRoot, file));
	return JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

type Body = {data?: unknown; meta?: {token?: unknown}; errors?: unknown};

function resourceType(body: Body): string | undefined {
	const first: unknown = Array.isArray(body.data) ? body.data[0] : body.data;
	const type = (first as {type?: unknown} | undefined)?.type;
	return typeof type === 'string' ? type : undefined;
}

const list = (file: string): Session[] => normalizeSessionList(load(file), host, now, {...utc, detail: true});
const one = (file: string): Session | undefined => normalizeSession((load(file) as Body).data, host, now, utc);

test('every fixture parses and goes through the parser of its resource', () => {
	const files = fixtureFiles();
	assert.ok(files.length > 200, `found ${files.length} fixtures under ${fixturesRoot}`);
	const counts: Record<string, number> = {};
	for (const file of files) {
		const body = load(file) as Body;
		const isSessionFile = /(?:^|\/|-)sessions?-/v.test(file) || file.includes('get-sessions');
		let route = resourceType(body) ?? 'other';
		if (body.errors !== undefined) {
			route = 'errors';
			assert.ok(errorDetails(body).length > 0, `${file}: error body without detail`);
		} else if (typeof body.meta?.token === 'string') {
			route = 'token';
			assert.ok(parseToken(body), file);
			assert.ok(tokenAccount(parseToken(body)!), `${file}: token without account claim`);
		} else if (Array.isArray(body.data) && (route === 'sessions' || (body.data.length === 0 && isSessionFile))) {
			route = 'sessions';
			const sessions = normalizeSessionList(body, host, now, {...utc, detail: true});
			assert.equal(sessions.length, body.data.length, `${file}: every element is a session`);
			for (const session of sessions) {
				assert.match(session.id, /^\d+$/v, file);
			}
		} else {
			switch (route) {
				case 'sessions': {
					assert.ok(normalizeSession(body.data, host, now, utc), file);

					break;
				}

				case 'threads': {
					const threads = parseThreads(Array.isArray(body.data) ? body : {data: [body.data]});
					assert.ok(threads && threads.length > 0, file);

					break;
				}

				case 'services': {
					const services = parseServices(Array.isArray(body.data) ? body : {data: [body.data]});
					assert.ok(services?.every(service => typeof service.connections === 'number'), file);

					break;
				}

				case 'filters': {
					const filters = parseFilters(Array.isArray(body.data) ? body : {data: [body.data]});
					assert.ok(filters?.every(filter => typeof filter.module === 'string'), file);

					break;
				}

				case 'inet': {
					for (const user of body.data as unknown[]) {
						assert.ok(parseAccount({data: user}, 'x').account, file);
					}

					break;
				}

				case 'maxscale': {
					assert.match(parseServerInfo(body)?.versionText ?? '', /^(?:2\d\.\d\d|2\.\d)\.\d+$/v, file);

					break;
				}

				default: {
					assert.equal(isSessionFile && !file.includes('.request.'), false, `${file}: a session file that was not parsed as sessions`);
				}
			}
		}

		counts[route] = (counts[route] ?? 0) + 1;
	}

	assert.ok((counts['sessions'] ?? 0) > 140, JSON.stringify(counts));
	assert.ok((counts['errors'] ?? 0) > 40, JSON.stringify(counts));
});

test('24.02.3 list: RFC 1123 connected, seconds_alive, object memory, app name', () => {
	const sessions = list('maxscale-24.02.3/sessions-list.json');
	assert.equal(sessions.length, 10);
	const session = sessions.find(item => item.id === '11')!;
	assert.equal(session.user, 'reporter');
	assert.equal(session.connectedMs, Date.UTC(2026, 10, 22, 22, 11, 46));
	assert.equal(session.ageSeconds, 14.828294152);
	assert.equal(session.memoryBytes, 66_868);
	assert.equal(session.port, 38_518);
	// The mysql2 test clients named themselves in program_name; _client_name is the connector.
	assert.equal(session.appName, 'hold.js');
	assert.deepEqual(session.servers, ['server1']);
	assert.deepEqual(session.filters, []);
	assert.equal(session.memory?.['connection_buffers.client'] !== undefined, true);
});

test('22.08.14 list: asctime connected, age from it, numeric connection_buffers', () => {
	const sessions = list('maxscale-22.08.14/sessions-list.json');
	assert.equal(sessions.length, 11);
	const session = sessions.find(item => item.id === '3')!;
	assert.equal(session.user, 'appuser');
	assert.equal(session.connectedMs, Date.UTC(2026, 10, 23, 6, 59, 38));
	assert.equal(session.ageSeconds, (now - Date.UTC(2026, 10, 23, 6, 59, 38)) / 1000);
	assert.equal(session.memoryBytes, 66_418);
	assert.equal(session.memory?.['connection_buffers'], 66_418);
	assert.equal(session.idleSeconds, 18.5);
	assert.deepEqual(session.services, ['RW-Split-Router']);
	assert.equal('ioActivity' in session, false);
	assert.equal('thread' in session, false);
});

test('session filters and log levels of the final 24.02.3 fixture set', () => {
	const sessions = list('maxscale-24.02.3/sessions-list-final-fixture-set.json');
	assert.deepEqual(sessions.find(item => item.id === '7')?.filters, ['my-cache-filter', 'my-log-filter']);
	assert.deepEqual(sessions.find(item => item.id === '8')?.filters, ['my-log-filter']);
	assert.equal(sessions.find(item => item.id === '5')?.logLevels?.log_info, true);
});

test('handshake-pending session: no user, no app name', () => {
	const pending = [
		list('maxscale-24.02.3/sessions-list-handshake-pending-no-user.json')[0],
		list('maxscale-22.08.14/sessions-filter-state-created.json')[0],
		one('maxscale-22.08.14/session-get-handshake-pending.json'),
	];
	for (const [index, session] of pending.entries()) {
		const file = String(index);
		assert.equal(session?.state, 'Session created', file);
		assert.equal('user' in session, false, file);
		assert.equal('appName' in session, false, file);
		assert.deepEqual(session?.servers, [], file);
	}
});

test('sparse fieldsets: no relationships, or no attributes at all', () => {
	const lean = list('maxscale-24.02.3/sessions-fields-idle-user-remote.json').find(item => item.id === '11');
	assert.deepEqual(lean, {
		id: '11', host, services: [], servers: [], filters: [], user: 'reporter', remote: '127.0.0.1', idleSeconds: 31.6,
	});
	for (const session of list('maxscale-24.02.3/sessions-fields-unknown-field.json')) {
		assert.deepEqual(Object.keys(session).sort(), ['filters', 'host', 'id', 'servers', 'services']);
	}

	for (const session of list('maxscale-24.02.3/sessions-fields-services-data-id.json')) {
		assert.ok(session.services.length > 0);
		assert.equal('user' in session, false);
	}
});

test('one session with queries and log (22.08.14 and 24.02.3)', () => {
	const old = one('maxscale-22.08.14/session-get-in-query-with-queries.json')!;
	assert.equal(old.id, '26');
	assert.equal(old.queries?.length, 2);
	assert.equal(old.queries?.[1]?.statement, 'SELECT SLEEP(86400)');
	assert.equal('completedMs' in old.queries[1], false);
	assert.equal(old.queries?.[0]?.receivedMs, Date.UTC(2026, 10, 23, 7, 3, 14, 844));
	assert.ok(old.log?.every(line => !line.endsWith('\n')));
	assert.equal(old.connectionAttributes?.['program_name'], 'mysql');

	const modern = one('maxscale-24.02.3/session-get-with-queries-and-log.json')!;
	assert.equal(modern.queries?.length, 5);
	assert.equal(modern.log?.length, 20);
	assert.deepEqual(modern.connections, [{server: 'server1', connectionId: 25, cipher: ''}]);
	assert.equal(modern.memory?.['connection_buffers.backends.server1'], 662);
});

test('documentation examples of three generations', () => {
	const [old] = list('docs-examples/2.2-sessions-list.json');
	assert.equal(old?.connectedMs, Date.UTC(2017, 6, 17, 11, 10, 39));
	assert.deepEqual(old?.services, ['RW-Split-Router']);
	const six = one('docs-examples/6.x-session-get.json')!;
	assert.deepEqual(six.servers, ['server1', 'server2']);
	assert.equal(six.connectedMs, Date.UTC(2021, 6, 16, 9, 51, 12));
	assert.equal(one('docs-examples/24.02-session-get.json')?.connectedMs, Date.UTC(2024, 0, 5, 7, 24, 6));
	assert.deepEqual(load('docs-examples/24.02-session-patch-log-levels.request.json'), {data: {attributes: {parameters: {log_info: true}}}});
});

test('the 10,000-session capture normalizes completely', () => {
	const sessions = normalizeSessionList(load('maxscale-24.02.3/sessions-list-n10000.json.gz'), host, now);
	assert.equal(sessions.length, 10_000);
	assert.equal(sessions.filter(session => session.servers.length === 0).length >= 5000, true);
	assert.ok(sessions.every(session => session.memoryBytes !== undefined && session.ageSeconds !== undefined));
});

test('threads, services, maxscale and users resources', () => {
	assert.deepEqual(parseThreads(load('maxscale-22.08.14/maxscale-threads.json'))?.map(thread => [thread.id, thread.sessions]), [['0', 8], ['1', 3]]);
	const services = parseServices(load('maxscale-24.02.3/services.json'))!;
	assert.deepEqual(services.find(service => service.id === 'Read-Connection-Router'), {
		id: 'Read-Connection-Router', hasListeners: true, filters: ['my-log-filter'], connections: 3, totalConnections: 5, failedAuths: 0,
	});
	assert.deepEqual(services.find(service => service.id === 'RW-Split-Router')?.filters, []);
	const info = parseServerInfo(load('maxscale-22.08.14/maxscale.json'));
	assert.equal(info?.version?.major, 22);
	assert.equal(info?.startedMs, Date.UTC(2026, 10, 23, 6, 59, 15));
	assert.equal(parseServerInfo(load('maxscale-22.08.14/maxscale-fields-version.json'))?.versionText, '22.08.14');
	assert.equal(tokenAccount(parseToken(load('maxscale-22.08.14/auth-get-token-readonly.json'))!), 'basic');
	assert.deepEqual(errorDetails(load('maxscale-24.02.3/error-403-bearer-readonly-patch.json')), ['Administrative access required']);
});
