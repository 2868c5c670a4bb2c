import {test} from 'node:test';
import assert from 'node:assert/strict';
import {inspect} from 'node:util';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import type {ConnectionConfig} from '../../source/api/types.js';
import {sid} from '../helpers/session-id.js';
import {startStub, type StubAnswer} from './stub-server.js';

const password = 'S3cret-pw!';
const basic = Buffer.from(`admin:${password}`).toString('base64');

function config(url: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
	return {
		baseUrl: url, user: 'admin', password, timeoutMs: 2000, ...overrides,
	};
}

const fast = {retryDelayMs: () => 1};
const sessions = {data: [{id: '1', type: 'sessions', attributes: {user: 'app'}}]};

/** The ApiError a call failed with, after checking it is one line and carries no credentials. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
	let caught: unknown;
	await assert.rejects(promise, (error: unknown) => {
		caught = error;
		return error instanceof ApiError;
	});
	const error = caught as ApiError;
	assert.doesNotMatch(error.message, /[\n\r]/v);
	assert.ok(!error.message.includes(password) && !error.message.includes(basic), error.message);
	const inspected = inspect(error, {depth: 8});
	assert.ok(!inspected.includes(password) && !inspected.includes(basic), 'password in the inspected error');
	return error;
}

test('GET is retried on 503 and on a reset, then succeeds', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const answers: StubAnswer[] = [{status: 503}, {reset: true}, {status: 200, json: sessions}];
	stub.handle(() => answers.shift()!);
	const list = await createClient(config(stub.url), fast).listSessions();
	assert.equal(list.sessions[0]?.user, 'app');
	assert.equal(stub.calls().length, 3);
	assert.equal(list.bytes, JSON.stringify(sessions).length);
	assert.ok(list.durationMs >= 0);
});

test('GET gives up after three attempts with the status and detail', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({status: 503, json: {errors: [{detail: 'MaxScale is shutting down'}]}})});
	t.after(async () => stub.close());
	const error = await failure(createClient(config(stub.url), fast).listSessions());
	assert.equal(error.kind, 'http');
	assert.equal(error.status, 503);
	assert.deepEqual(error.details, ['MaxScale is shutting down']);
	assert.equal(error.message, `MaxScale at 127.0.0.1:${stub.port} answered 503 to GET /v1/sessions: MaxScale is shutting down`);
	assert.equal(stub.calls().length, 3);
});

test('PATCH, POST and DELETE are sent exactly once on 503 and on a reset', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);
	const writes = [
		async () => client.setLogLevels(sid('5'), {log_info: true}),
		async () => client.setFilters(sid('5'), ['f']),
		async () => client.restartSession(sid('5')),
		async () => client.restartAllSessions(),
		async () => client.killSession(sid('5')),
		async () => client.killSession(sid('5'), {graceSeconds: 5}),
	];
	for (const answer of [{status: 503}, {reset: true}, {status: 500}] as StubAnswer[]) {
		stub.handle(() => answer);
		for (const write of writes) {
			stub.requests.length = 0;
			const error = await failure(write());
			assert.equal(error.kind, 'status' in answer ? 'http' : 'network');
			assert.equal(stub.calls().length, 1, `${JSON.stringify(answer)} ${write.toString()}`);
		}
	}
});

test('a write answered 200 with an empty body or 204 is a success', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);
	for (const status of [200, 204]) {
		stub.handle(() => ({status}));
		await client.killSession(sid('3'));
		await client.setLogLevels(sid('3'), {log_info: false});
		await client.restartAllSessions();
	}

	assert.equal(stub.calls().length, 6);
});

test('a server that never answers times out; timeouts are not retried', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({hang: true})});
	t.after(async () => stub.close());
	const error = await failure(createClient(config(stub.url, {timeoutMs: 150}), fast).listSessions());
	assert.equal(error.kind, 'timeout');
	assert.equal(error.message, `MaxScale at 127.0.0.1:${stub.port} did not answer within 150 ms`);
	assert.equal(stub.calls().length, 1);
});

test('connection refused', async () => {
	const stub = await startStub();
	const {url, port} = stub;
	await stub.close();
	const error = await failure(createClient(config(url), fast).listSessions());
	assert.equal(error.kind, 'refused');
	assert.equal(error.message, `could not connect to MaxScale at 127.0.0.1:${port} (connection refused)`);
});

test('a reset on plain HTTP suggests TLS', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({reset: true})});
	t.after(async () => stub.close());
	const error = await failure(createClient(config(stub.url), fast).restartSession(sid('2')));
	assert.equal(error.kind, 'network');
	assert.match(error.message, /closed the connection \(if its REST API uses TLS, connect with https \/ --secure\)$/v);
});

test('error mapping: details, empty 400, empty 404 on a session, 401, 403', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);

	stub.handle(() => ({status: 400, json: {errors: [{detail: 'Unknown filter: x'}, {detail: 'Update failed\nsecond line'}]}}));
	let error = await failure(client.setFilters(sid('5'), ['x']));
	assert.deepEqual(error.details, ['Unknown filter: x', 'Update failed second line']);
	assert.equal(error.message, `MaxScale at 127.0.0.1:${stub.port} answered 400 to PATCH /v1/sessions/5: Unknown filter: x; Update failed second line`);

	stub.handle(() => ({status: 400}));
	error = await failure(client.setFilters(sid('5'), ['x']));
	assert.equal(error.message, `MaxScale at 127.0.0.1:${stub.port} refused PATCH /v1/sessions/5 (400, no reason given; see MaxScale's log)`);

	stub.handle(() => ({status: 404}));
	error = await failure(client.getSession(sid('77')));
	assert.equal(error.status, 404);
	assert.equal(error.message, 'session 77 not found (it may have closed)');
	error = await failure(client.killSession(sid('78')));
	assert.equal(error.message, 'session 78 not found (it may have closed)');

	stub.handle(() => ({status: 401, json: {errors: [{detail: 'Access denied'}]}, headers: {'www-authenticate': 'Basic realm="maxscale"'}}));
	error = await failure(client.listSessions());
	assert.equal(error.message, 'access denied for user admin (wrong password, or a read-only account)');
	assert.deepEqual(error.details, ['Access denied']);

	stub.handle(() => ({status: 403, json: {errors: [{detail: 'Administrative access required'}]}}));
	error = await failure(client.restartSession(sid('4')));
	assert.equal(error.message, 'user admin may not do this (read-only account): Administrative access required');
});

test('a Basic-auth write refused with 401 is not sent again', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({status: 401, json: {errors: [{detail: 'Access denied'}]}})});
	t.after(async () => stub.close());
	const error = await failure(createClient(config(stub.url), fast).killSession(sid('9')));
	assert.equal(error.status, 401);
	assert.equal(stub.calls().length, 1);
});

test('bad GET answers: empty, not JSON, malformed, truncated, wrong shape', async t => {
	const stub = await startStub({version: '24.02.3'});
	t.after(async () => stub.close());
	const client = createClient(config(stub.url), fast);
	const cases: Array<[StubAnswer, RegExp]> = [
		[{status: 200}, /sent an empty answer to GET \/v1\/sessions$/v],
		[{status: 200, body: '<html>hello</html>', headers: {'content-type': 'text/html'}}, /sent something that is not JSON for GET \/v1\/sessions$/v],
		[{status: 200, body: '{"data": [{"id": "1"'}, /sent truncated or malformed JSON for GET \/v1\/sessions \(20 bytes\)$/v],
		[{truncate: '{"data": [{"id": "1", "type": "sessions"}'}, /answer from MaxScale at [\d.:]+ to GET \/v1\/sessions was cut short$/v],
		[{status: 200, json: {data: {}}}, /unexpected shape for GET \/v1\/sessions$/v],
	];
	for (const [answer, pattern] of cases) {
		stub.handle(() => answer);
		const error = await failure(client.listSessions());
		assert.equal(error.kind, 'bad-response', error.message);
		assert.match(error.message, pattern);
	}
});

test('an aborted request is reported as aborted', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({hang: true})});
	t.after(async () => stub.close());
	const controller = new AbortController();
	const pending = createClient(config(stub.url), fast).listSessions({signal: controller.signal});
	setImmediate(() => {
		controller.abort();
	});
	const error = await failure(pending);
	assert.equal(error.kind, 'aborted');
});
