import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import type {ConnectionConfig} from '../../source/api/types.js';
import {sid} from '../helpers/session-id.js';
import {startStub, type SeenRequest} from './stub-server.js';

const password = 'mariadb';
const basic = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

function config(url: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
	return {
		baseUrl: url, user: 'admin', password, timeoutMs: 2000, ...overrides,
	};
}

const fast = {retryDelayMs: () => 1};

function token(account: string, serial: number): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({alg: 'HS256'})}.${part({sub: 'admin', account, serial})}.sig`;
}

function shape(request: SeenRequest) {
	return {
		method: request.method, path: request.path, query: request.query, body: request.body === '' ? undefined : JSON.parse(request.body) as unknown,
	};
}

test('writes send exactly the bodies and paths the server reads', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);
	await client.setLogLevels(sid('12'), {log_info: true, log_notice: false});
	await client.setFilters(sid('12'), ['my-cache-filter', 'my-log-filter']);
	await client.setFilters(sid('12'), []);
	await client.restartSession(sid('12'));
	await client.restartAllSessions();
	await client.killSession(sid('12'));
	await client.killSession(sid('13'), {graceSeconds: 4.2});
	assert.deepEqual(stub.calls().map(request => shape(request)), [
		{
			method: 'PATCH', path: '/v1/sessions/12', query: {}, body: {data: {attributes: {parameters: {log_info: true, log_notice: false}}}},
		},
		{
			method: 'PATCH', path: '/v1/sessions/12', query: {}, body: {data: {relationships: {filters: {data: [{id: 'my-cache-filter', type: 'filters'}, {id: 'my-log-filter', type: 'filters'}]}}}},
		},
		{
			method: 'PATCH', path: '/v1/sessions/12', query: {}, body: {data: {relationships: {filters: {data: []}}}},
		},
		{
			method: 'POST', path: '/v1/sessions/12/restart', query: {}, body: undefined,
		},
		{
			method: 'POST', path: '/v1/sessions/restart', query: {}, body: undefined,
		},
		{
			method: 'DELETE', path: '/v1/sessions/12', query: {}, body: undefined,
		},
		{
			method: 'DELETE', path: '/v1/sessions/13', query: {ttl: '5'}, body: undefined,
		},
	]);
	assert.ok(stub.requests.every(request => request.headers.authorization === basic));
	// The version was learnt once, lazily, before the first gated write.
	assert.equal(stub.requests.filter(request => request.path === '/v1/maxscale').length, 1);
	assert.deepEqual(stub.requests[0]?.query, {pretty: 'false', 'fields[maxscale]': 'version,started_at'});
});

test('reads: pretty=false always, fields only when asked and supported, rdns when asked', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({status: 200, json: {data: []}})});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);
	await client.listSessions();
	await client.listSessions({fields: ['user', 'idle', 'memory/total', 'services']});
	stub.handle(() => ({status: 200, json: {data: {id: '5', type: 'sessions', attributes: {user: 'u'}}}}));
	await client.getSession(sid('5'), {rdns: true});
	await client.getSession(sid('5'));
	assert.deepEqual(stub.calls().map(request => [request.path, request.query]), [
		['/v1/sessions', {pretty: 'false'}],
		['/v1/sessions', {pretty: 'false', 'fields[sessions]': 'user,idle,memory/total,services'}],
		['/v1/sessions/5', {pretty: 'false', rdns: 'true'}],
		['/v1/sessions/5', {pretty: 'false'}],
	]);
});

test('sparse fields are not sent to a server before 2.5', async t => {
	const stub = await startStub({version: '2.4.19', handler: () => ({status: 200, json: {data: []}})});
	t.after(async () => stub.close());
	await createClient(config(stub.url), fast).listSessions({fields: ['user']});
	assert.deepEqual(stub.calls().map(request => request.query), [{pretty: 'false'}]);
});

test('version gating refuses a feature without sending the request', async () => {
	const cases: Array<[string, (client: ReturnType<typeof createClient>) => Promise<void>, string]> = [
		['6.4.15', async client => client.restartSession(sid('1')), 'restarting sessions needs MaxScale 22.08.0 or later (this is 6.4.15)'],
		['6.4.15', async client => client.restartAllSessions(), 'restarting sessions needs MaxScale 22.08.0 or later (this is 6.4.15)'],
		['21.06.17', async client => client.killSession(sid('1'), {graceSeconds: 3}), 'killing sessions needs MaxScale 22.08.0 or later (this is 21.06.17)'],
		['2.4.19', async client => client.setLogLevels(sid('1'), {log_info: true}), 'changing a session (log levels, filters) needs MaxScale 6.0.0 or later (this is 2.4.19)'],
		['2.5.29', async client => client.setFilters(sid('1'), ['f']), 'changing a session (log levels, filters) needs MaxScale 6.0.0 or later (this is 2.5.29)'],
	];
	for (const [version, action, message] of cases) {
		const stub = await startStub({version});
		try {
			await assert.rejects(action(createClient(config(stub.url), fast)), (error: unknown) => {
				assert.ok(error instanceof ApiError);
				assert.equal(error.kind, 'unsupported');
				assert.equal(error.message, message);
				return true;
			});
			assert.deepEqual(stub.calls(), []);
		} finally {
			await stub.close();
		}
	}
});

test('threads, services, filters and account', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	stub.handle(request => {
		switch (request.path) {
			case '/v1/maxscale/threads': {
				return {status: 200, json: {data: [{id: '0', type: 'threads', attributes: {stats: {sessions: 4, load: {last_second: 7}}}}]}};
			}

			case '/v1/services': {
				return {
					status: 200, json: {
						data: [{
							id: 'svc', type: 'services', attributes: {connections: 2, statistics: {connections: 3}}, relationships: {listeners: {data: [{id: 'l'}]}},
						}],
					},
				};
			}

			case '/v1/filters': {
				return {status: 200, json: {data: [{id: 'f', type: 'filters', attributes: {module: 'qlafilter'}}]}};
			}

			default: {
				return {status: 200, json: {data: {id: 'admin', type: 'inet', attributes: {account: 'basic'}}}};
			}
		}
	});
	const client = createClient(config(stub.url), fast);
	assert.deepEqual(await client.getThreads(), [{id: '0', sessions: 4, loadLastSecond: 7}]);
	assert.deepEqual(await client.getServices(), [{
		id: 'svc', hasListeners: true, filters: [], connections: 3,
	}]);
	assert.deepEqual(await client.getFilters(), [{id: 'f', module: 'qlafilter'}]);
	assert.deepEqual(await client.getAccount(), {user: 'admin', account: 'basic'});
	assert.deepEqual(stub.calls().map(request => [request.method, request.path, request.query]), [
		['GET', '/v1/maxscale/threads', {pretty: 'false'}],
		['GET', '/v1/services', {pretty: 'false'}],
		['GET', '/v1/filters', {pretty: 'false'}],
		['GET', '/v1/users/inet/admin', {pretty: 'false'}],
	]);
	assert.equal((await client.getServerInfo()).version?.text, '24.02.3');
});

test('JWT: one token fetched with Basic, then Bearer; a rejected token is renewed once', async t => {
	let serial = 0;
	let valid = '';
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	stub.handle(request => {
		if (request.path === '/v1/auth') {
			valid = token('admin', ++serial);
			return request.headers.authorization === basic ? {status: 200, json: {meta: {token: valid}}} : {status: 401};
		}

		return request.headers.authorization === `Bearer ${valid}` ? {status: 200, json: {data: []}} : {status: 401, json: {errors: [{detail: 'Access denied'}]}};
	});
	const client = createClient(config(stub.url, {useTokens: true}), fast);
	await client.listSessions();
	await client.listSessions();
	// The version probe decides whether /v1/auth exists; it always goes with Basic.
	assert.deepEqual(stub.requests.map(request => [request.path, request.headers.authorization]), [
		['/v1/maxscale', basic],
		['/v1/auth', basic],
		['/v1/sessions', `Bearer ${token('admin', 1)}`],
		['/v1/sessions', `Bearer ${token('admin', 1)}`],
	]);
	assert.deepEqual(await client.getAccount(), {user: 'admin', account: 'admin'});

	// MaxScale restarted: the old token is refused; the request is repeated once with a new one.
	valid = 'nothing';
	stub.requests.length = 0;
	await client.killSession(sid('4'));
	assert.deepEqual(stub.calls().map(request => [request.method, request.path, request.headers.authorization]), [
		['DELETE', '/v1/sessions/4', `Bearer ${token('admin', 1)}`],
		['GET', '/v1/auth', basic],
		['DELETE', '/v1/sessions/4', `Bearer ${token('admin', 2)}`],
	]);
});

test('JWT: a token that keeps being refused is reported after one renewal', async t => {
	const stub = await startStub({
		version: '24.02.3', handler: request => request.path === '/v1/auth'
			? {status: 200, json: {meta: {token: token('admin', 1)}}}
			: {status: 401, json: {errors: [{detail: 'Access denied'}]}},
	});
	t.after(async () => stub.close());
	await assert.rejects(createClient(config(stub.url, {useTokens: true}), fast).restartSession(sid('3')), {kind: 'http', status: 401});
	assert.deepEqual(stub.calls().map(request => request.path), ['/v1/auth', '/v1/sessions/3/restart', '/v1/auth', '/v1/sessions/3/restart']);
});

test('JWT falls back to Basic: "Connection is not encrypted", 404 (before 2.5), or a 2.4 version', async t => {
	for (const [version, authAnswer] of [
		['24.02.3', {status: 401, json: {errors: [{detail: 'Connection is not encrypted'}]}}],
		['24.02.3', {status: 404}],
		['2.4.19', {status: 500}],
	] as const) {
		const stub = await startStub({version, handler: request => request.path === '/v1/auth' ? authAnswer : {status: 200, json: {data: []}}});
		try {
			const client = createClient(config(stub.url, {useTokens: true}), fast);
			await client.listSessions();
			await client.listSessions();
			const sessionCalls = stub.calls().filter(request => request.path === '/v1/sessions');
			assert.equal(sessionCalls.length, 2);
			assert.ok(sessionCalls.every(request => request.headers.authorization === basic));
			assert.equal(stub.calls().filter(request => request.path === '/v1/auth').length, version === '2.4.19' ? 0 : 1);
		} finally {
			await stub.close();
		}
	}

	t.diagnostic('fell back in all three cases');
});

test('JWT with wrong credentials reports access denied', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({status: 401, json: {errors: [{detail: 'Access denied'}]}})});
	t.after(async () => stub.close());
	await assert.rejects(createClient(config(stub.url, {useTokens: true, password: 'wrong'}), fast).listSessions(), {
		kind: 'http',
		status: 401,
		message: 'access denied for user admin (wrong password, or a read-only account)',
	});
});
