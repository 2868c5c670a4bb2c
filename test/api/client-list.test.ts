import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import {startStub} from './stub-server.js';

function listOf(count: number) {
	return {data: Array.from({length: count}, (_, index) => ({id: String(index + 1), type: 'sessions', attributes: {user: `u${index}`}}))};
}

test('the client reads consecutive lists of different sizes right, each in one request', async t => {
	let count = 0;
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? {status: 200, json: listOf(count)} : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	});
	t.after(async () => client.close?.());
	const seen: Array<[number, string, string]> = [];
	for (const next of [800, 200, 1200, 5, 900]) {
		count = next;
		const {sessions, bytes} = await client.listSessions();
		assert.equal(bytes, JSON.stringify(listOf(next)).length);
		seen.push([sessions.length, sessions.at(-1)!.id, sessions.at(-1)!.user!]);
	}

	assert.deepEqual(seen, [[800, '800', 'u799'], [200, '200', 'u199'], [1200, '1200', 'u1199'], [5, '5', 'u4'], [900, '900', 'u899']]);
	assert.equal(stub.calls().length, 5);
});

test('a list with two data members is read as JSON.parse reads it (the last), in the one request', async t => {
	const first = JSON.stringify(listOf(800));
	const doubled = `${first.slice(0, -1)},"data":[{"id":"9","type":"sessions","attributes":{"user":"last"}}]}`;
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? {status: 200, body: doubled} : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	});
	t.after(async () => client.close?.());
	const {sessions} = await client.listSessions();
	assert.deepEqual(sessions.map(session => [session.id, session.user]), [['9', 'last']]);
	assert.equal(stub.calls().length, 1);
});

test('a list cut short is an error, and the next list reads right', async t => {
	let isCut = true;
	const body = JSON.stringify(listOf(900));
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? (isCut ? {truncate: body.slice(0, 50_000)} : {status: 200, body}) : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), {kind: 'bad-response', message: `the answer from MaxScale at 127.0.0.1:${stub.port} to GET /v1/sessions was cut short`});
	isCut = false;
	const {sessions} = await client.listSessions();
	assert.equal(sessions.length, 900);
	assert.equal(sessions.at(-1)!.user, 'u899');
});

/** A server that answers the list by `answer`, and the version probe as 24.02.3. */
async function serve(t: TestContext, answer: (response: ServerResponse) => void): Promise<string> {
	const server = createServer((request, response) => {
		if (request.url?.startsWith('/v1/maxscale')) {
			response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({data: {id: 'maxscale', attributes: {version: '24.02.3'}}}));
			return;
		}

		answer(response);
	});
	server.listen(0, '127.0.0.1');
	await new Promise(resolve => {
		server.once('listening', resolve);
	});
	t.after(() => {
		server.closeAllConnections();
		server.close();
	});
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('a list that never ends is read up to the limit, then refused in one line', async t => {
	// Session-like bytes without end (or until the client hangs up).
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	const url = await serve(t, response => {
		response.writeHead(200, {'content-type': 'application/json'});
		response.write('{"data":[');
		const more = () => {
			while (!response.destroyed && response.write(chunk)) {
				// Fill the socket's buffer, then wait for it to drain.
			}

			if (!response.destroyed) {
				response.once('drain', more);
			}
		};

		more();
	});
	const client = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	}, {maxListBytes: 2 * 1024 * 1024, retryDelayMs: () => 1});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), {kind: 'bad-response', message: `the answer from MaxScale at ${new URL(url).host} to GET /v1/sessions is larger than 2 MiB; maxtop stopped reading it`});
});

test('a Content-Length past the limit is refused before the body is read', async t => {
	let isWritten = false;
	const url = await serve(t, response => {
		response.writeHead(200, {'content-type': 'application/json', 'content-length': String(3e9)});
		// Never sends the body: a client that waited for it would time out instead.
		response.write('{"data":[', () => {
			isWritten = true;
		});
	});
	const client = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 60_000,
	});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), /to GET \/v1\/sessions is larger than 1024 MiB; maxtop stopped reading it$/v);
	assert.ok(isWritten);
});

test('a body that stops coming after the headers times out, and the timeout is said as one', async t => {
	const url = await serve(t, response => {
		response.writeHead(200, {'content-type': 'application/json'});
		response.write(JSON.stringify(listOf(50)).slice(0, 1000));
	});
	const client = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 300,
	}, {retryDelayMs: () => 1});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), {kind: 'timeout', message: `MaxScale at ${new URL(url).host} did not answer within 300 ms`});
});

test('a list read stopped by its signal while the body arrives is aborted, not an error of MaxScale', async t => {
	const controller = new AbortController();
	const url = await serve(t, response => {
		response.writeHead(200, {'content-type': 'application/json'});
		response.write(JSON.stringify(listOf(50)).slice(0, 1000), () => {
			controller.abort();
		});
	});
	const client = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions({signal: controller.signal}), {kind: 'aborted'});
});
