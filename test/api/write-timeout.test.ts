import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {sid} from '../helpers/session-id.js';
import {startStub} from './stub-server.js';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
	let caught: unknown;
	await assert.rejects(promise, (error: unknown) => {
		caught = error;
		return error instanceof ApiError;
	});
	return caught as ApiError;
}

test('a write that gets no answer says what is known: sent once, it may still take effect', async t => {
	const stub = await startStub({version: '24.02.3', handler: request => (request.method === 'GET' ? {status: 200, json: {data: []}} : {hang: true})});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'pw', timeoutMs: 1500,
	}, {retryDelayMs: () => 1});
	// Known before the writes: a version probe that times out on a busy machine is a read, not a write.
	await client.getServerInfo();
	const at = `(MaxScale at 127.0.0.1:${stub.port})`;
	const cases: Array<[() => Promise<unknown>, string]> = [
		[async () => client.killSession(sid('12'), {graceSeconds: 0}), `no answer in 1.5 s: the kill may still happen; watch the row ${at}`],
		[async () => client.restartSession(sid('12')), `no answer in 1.5 s: the restart may still happen; watch the row ${at}`],
		[async () => client.restartAllSessions(), `no answer in 1.5 s: the restart of all sessions may still happen; watch the sessions ${at}`],
		[async () => client.setLogLevels(sid('12'), {log_info: true}), `no answer in 1.5 s: the change may still be applied; look before sending it again ${at}`],
	];
	for (const [send, message] of cases) {
		const before = stub.calls().length;
		const error = await failure(send());
		assert.equal(error.kind, 'timeout');
		assert.equal(error.isOutcomeUnknown, true, error.message);
		assert.equal(error.message, message);
		assert.equal(stub.calls().filter(request => request.method !== 'GET').length - stub.calls().slice(0, before).filter(request => request.method !== 'GET').length, 1, 'sent exactly once');
	}

	assert.deepEqual(stub.calls().filter(request => request.method === 'DELETE').map(request => request.path), ['/v1/sessions/12']);
});

test('a read that gets no answer keeps its message and changed nothing', async t => {
	const stub = await startStub({version: '24.02.3', handler: () => ({hang: true})});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'pw', timeoutMs: 150,
	}, {retryDelayMs: () => 1});
	const error = await failure(client.listSessions());
	assert.equal(error.isOutcomeUnknown, false);
	assert.equal(error.message, `MaxScale at 127.0.0.1:${stub.port} did not answer within 150 ms`);
});
