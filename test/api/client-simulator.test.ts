import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import type {ConnectionConfig} from '../../source/api/types.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {RecordedRequest, Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {sid} from '../helpers/session-id.js';

const fast = {retryDelayMs: () => 1};

async function simulate(t: {after: (fn: () => Promise<void>) => void}, options: SimulatorOptions = {}): Promise<Simulator> {
	const simulator = await startSimulator({
		sessions: 6, seed: 7, manualClock: true, ...options,
	});
	t.after(async () => simulator.close());
	return simulator;
}

function connect(simulator: Simulator, overrides: Partial<ConnectionConfig> = {}) {
	return createClient({
		baseUrl: simulator.url, user: 'admin', password: 'mariadb', timeoutMs: 3000, ...overrides,
	}, fast);
}

function seen(request: RecordedRequest) {
	return {
		method: request.method, path: request.path, query: request.query, body: request.body,
	};
}

test('every endpoint against the 24.02 simulator: method, path, query and body as expected', async t => {
	const simulator = await simulate(t);
	const client = connect(simulator);
	const [first, second, third] = simulator.sessions();
	assert.ok(first && second && third);

	const info = await client.getServerInfo();
	assert.equal(info.versionText, '24.02.3');
	const list = await client.listSessions();
	assert.deepEqual(list.sessions.map(session => session.id).sort(), simulator.sessions().map(session => session.id).sort());
	assert.ok(list.bytes > 0);
	const lean = await client.listSessions({fields: ['user', 'idle', 'memory/total', 'services']});
	assert.equal(lean.sessions.length, 6);
	assert.ok(lean.sessions.every(session => session.services.length > 0 && !('port' in session)));
	const detail = await client.getSession(sid(first.id), {rdns: true});
	assert.equal(detail.id, first.id);
	assert.equal(detail.user, first.user);
	await client.setLogLevels(sid(first.id), {log_info: true});
	await client.setFilters(sid(first.id), ['my-log-filter', 'my-cache-filter']);
	await client.restartSession(sid(second.id));
	await client.restartAllSessions();
	await client.killSession(sid(second.id));
	await client.killSession(sid(third.id), {graceSeconds: 3});
	const threads = await client.getThreads();
	const services = await client.getServices();
	const filters = await client.getFilters();
	const account = await client.getAccount();

	assert.deepEqual(simulator.requests.map(request => seen(request)), [
		{
			method: 'GET', path: '/v1/maxscale', query: {pretty: 'false', 'fields[maxscale]': 'version,started_at'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/sessions', query: {pretty: 'false'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/sessions', query: {pretty: 'false', 'fields[sessions]': 'user,idle,memory/total,services'}, body: undefined,
		},
		{
			method: 'GET', path: `/v1/sessions/${first.id}`, query: {pretty: 'false', rdns: 'true'}, body: undefined,
		},
		{
			method: 'PATCH', path: `/v1/sessions/${first.id}`, query: {}, body: {data: {attributes: {parameters: {log_info: true}}}},
		},
		{
			method: 'PATCH', path: `/v1/sessions/${first.id}`, query: {}, body: {data: {relationships: {filters: {data: [{id: 'my-log-filter', type: 'filters'}, {id: 'my-cache-filter', type: 'filters'}]}}}},
		},
		{
			method: 'POST', path: `/v1/sessions/${second.id}/restart`, query: {}, body: undefined,
		},
		{
			method: 'POST', path: '/v1/sessions/restart', query: {}, body: undefined,
		},
		{
			method: 'DELETE', path: `/v1/sessions/${second.id}`, query: {}, body: undefined,
		},
		{
			method: 'DELETE', path: `/v1/sessions/${third.id}`, query: {ttl: '3'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/maxscale/threads', query: {pretty: 'false'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/services', query: {pretty: 'false'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/filters', query: {pretty: 'false'}, body: undefined,
		},
		{
			method: 'GET', path: '/v1/users/inet/admin', query: {pretty: 'false'}, body: undefined,
		},
	]);

	const after = await client.getSession(sid(first.id));
	assert.equal(after.logLevels?.log_info, true);
	assert.deepEqual(after.filters, ['my-log-filter', 'my-cache-filter']);
	assert.equal(simulator.sessions().some(session => session.id === second.id), false);
	assert.ok(threads.length > 0 && threads.every(thread => typeof thread.sessions === 'number'));
	assert.ok(services.some(service => service.hasListeners));
	assert.deepEqual(filters.map(filter => filter.id).sort(), ['my-cache-filter', 'my-log-filter']);
	assert.deepEqual(account, {user: 'admin', account: 'admin'});
});

test('a failed write is sent exactly once (503, 500, reset)', async t => {
	const simulator = await simulate(t);
	const client = connect(simulator);
	await client.getServerInfo();
	const [session] = simulator.sessions();
	for (const kind of ['http-503', 'http-500-empty', 'reset'] as const) {
		simulator.setFaults([{kind, paths: ['/v1/sessions']}]);
		for (const write of [
			async () => client.killSession(sid(session!.id)),
			async () => client.restartSession(sid(session!.id)),
			async () => client.setLogLevels(sid(session!.id), {log_error: true}),
		]) {
			simulator.clearRequests();
			await assert.rejects(write(), ApiError);
			assert.equal(simulator.requests.length, 1, `${kind}: ${JSON.stringify(simulator.requests.map(request => seen(request)))}`);
		}

		simulator.clearRequests();
		await assert.rejects(client.listSessions(), ApiError);
		assert.equal(simulator.requests.length, 3, `${kind}: a GET is tried three times`);
	}

	simulator.setFaults([]);
	assert.ok(simulator.sessions().some(item => item.id === session!.id));
});

test('simulator faults map to the right error kinds', async t => {
	const simulator = await simulate(t);
	// Long enough that an answer slowed by busy cores is not taken for the hang.
	const client = createClient({
		baseUrl: simulator.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, fast);
	for (const [kind, expected] of [
		['empty-body', 'bad-response'],
		['non-json', 'bad-response'],
		['malformed-json', 'bad-response'],
		['truncated', 'bad-response'],
		['unauthorized', 'http'],
		['hang', 'timeout'],
	] as const) {
		simulator.setFaults([{kind, paths: ['/v1/sessions']}]);
		await assert.rejects(client.listSessions(), {kind: expected}, kind);
	}

	simulator.setFaults([{kind: 'vanish'}]);
	const [session] = (await client.listSessions()).sessions;
	assert.ok(session);
	await assert.rejects(client.killSession(sid(session.id)), {kind: 'http', status: 404, message: `session ${session.id} not found (it may have closed)`});
});

test('22.08: asctime connected gives an age; 6.x refuses restarts without a request', async t => {
	const old = await simulate(t, {version: '22.08'});
	const {sessions} = await connect(old).listSessions();
	assert.ok(sessions.length > 0 && sessions.every(session => session.connectedMs !== undefined && session.ageSeconds !== undefined && !('ioActivity' in session)));

	const six = await simulate(t, {version: '6'});
	const client = connect(six);
	await assert.rejects(client.restartSession(sid('1')), {kind: 'unsupported', message: 'restarting sessions needs MaxScale 22.08.0 or later (this is 6.4.10)'});
	await assert.rejects(client.killSession(sid('1'), {graceSeconds: 2}), {kind: 'unsupported'});
	assert.deepEqual(six.requests.map(request => request.path), ['/v1/maxscale']);
});

test('2.2: fields are not sent, sessions still normalize', async t => {
	const simulator = await simulate(t, {version: '2.2'});
	const list = await connect(simulator).listSessions({fields: ['user']});
	assert.equal(list.sessions.length, 6);
	assert.ok(list.sessions.every(session => session.user !== undefined && session.services.length > 0));
	assert.deepEqual(simulator.requests.map(request => [request.path, request.query]), [
		['/v1/maxscale', {pretty: 'false', 'fields[maxscale]': 'version,started_at'}],
		['/v1/sessions', {pretty: 'false'}],
	]);
});

test('2.4: the list and the detail normalize; kill and restart need 22.08.0 and send nothing', async t => {
	const simulator = await simulate(t, {version: '2.4', adminSecureGui: false});
	const client = connect(simulator, {useTokens: true});
	const info = await client.getServerInfo();
	assert.equal(info.versionText, '2.4.19');
	const list = await client.listSessions({fields: ['user']});
	assert.equal(list.sessions.length, 6);
	assert.ok(list.sessions.every(session => session.user !== undefined && session.services.length > 0 && session.connectedMs !== undefined && session.idleSeconds !== undefined));
	const target = simulator.sessions().find(session => session.servers.length > 0)!;
	const detail = await client.getSession(sid(target.id));
	assert.deepEqual(detail.servers, target.servers);
	assert.deepEqual(detail.connections?.map(connection => connection.connectionId), target.connectionIds);
	assert.deepEqual(detail.queries, []);
	assert.deepEqual(detail.log, []);
	const before = simulator.requests.length;
	await assert.rejects(client.killSession(sid(target.id)), {kind: 'unsupported', message: 'killing sessions needs MaxScale 22.08.0 or later (this is 2.4.19)'});
	await assert.rejects(client.restartSession(sid(target.id)), {kind: 'unsupported', message: 'restarting sessions needs MaxScale 22.08.0 or later (this is 2.4.19)'});
	await assert.rejects(client.restartAllSessions(), {kind: 'unsupported'});
	await assert.rejects(client.setLogLevels(sid(target.id), {log_info: true}), {kind: 'unsupported', message: /needs MaxScale 6\.0\.0/v});
	assert.equal(simulator.requests.length, before);
	assert.ok(simulator.requests.every(request => request.method === 'GET' && request.path !== '/v1/auth' && !('fields[sessions]' in request.query)));
	assert.ok(simulator.requests.every(request => String(request.headers['authorization']).startsWith('Basic ')), 'no tokens before 2.5');
});

test('tokens: used where /v1/auth allows them, Basic where it refuses plain HTTP', async t => {
	const open = await simulate(t, {adminSecureGui: false});
	const client = connect(open, {useTokens: true});
	await client.listSessions();
	assert.deepEqual(await client.getAccount(), {user: 'admin', account: 'admin'});
	const sessionsRequest = open.requests.find(request => request.path === '/v1/sessions');
	assert.match(String(sessionsRequest?.headers['authorization']), /^Bearer /v);

	const secure = await simulate(t);
	await connect(secure, {useTokens: true}).listSessions();
	assert.deepEqual(secure.requests.map(request => request.path), ['/v1/maxscale', '/v1/auth', '/v1/sessions']);
	assert.match(String(secure.requests.at(-1)?.headers['authorization']), /^Basic /v);
});

test('tokens over plain HTTP: Bearer on every poll with admin_secure_gui=false; Basic after one refused /v1/auth otherwise', async t => {
	const schemes = (simulator: Simulator, path: string): string[] => simulator.requests.filter(request => request.path === path).map(request => String(request.headers['authorization']).split(' ', 1)[0]!);
	for (const [adminSecureGui, scheme] of [[false, 'Bearer'], [true, 'Basic']] as const) {
		const simulator = await simulate(t, {adminSecureGui});
		assert.ok(simulator.url.startsWith('http://'));
		const client = connect(simulator, {useTokens: true});
		for (let poll = 0; poll < 5; poll++) {
			await client.listSessions();
		}

		assert.deepEqual(schemes(simulator, '/v1/sessions'), Array.from({length: 5}, () => scheme), `admin_secure_gui=${adminSecureGui}`);
		assert.deepEqual(schemes(simulator, '/v1/auth'), ['Basic'], 'one token request, never repeated');
	}
});

test('a read-only account: 401 on a Basic write, 403 on a token write, both sent once', async t => {
	const simulator = await simulate(t, {adminSecureGui: false, users: [{name: 'ro', password: 'ro-pw', account: 'basic'}]});
	const [session] = simulator.sessions();
	const basicClient = connect(simulator, {user: 'ro', password: 'ro-pw'});
	assert.deepEqual(await basicClient.getAccount(), {user: 'ro', account: 'basic'});
	simulator.clearRequests();
	await assert.rejects(basicClient.killSession(sid(session!.id)), {kind: 'http', status: 401, message: 'access denied for user ro (wrong password, or a read-only account)'});
	assert.equal(simulator.requests.filter(request => request.method === 'DELETE').length, 1);

	const tokenClient = connect(simulator, {user: 'ro', password: 'ro-pw', useTokens: true});
	assert.deepEqual(await tokenClient.getAccount(), {user: 'ro', account: 'basic'});
	simulator.clearRequests();
	await assert.rejects(tokenClient.killSession(sid(session!.id)), {kind: 'http', status: 403});
	assert.equal(simulator.requests.filter(request => request.method === 'DELETE').length, 1);
});
