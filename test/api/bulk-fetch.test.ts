import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {Agent} from 'undici';
import {BodyReadError, BodyTooLargeError, createBulkFetch} from '../../source/api/bulk-fetch.js';
import {createClient} from '../../source/api/client.js';
import {startStub, type StubHandler} from './stub-server.js';

function listOf(count: number) {
	return {data: Array.from({length: count}, (_, index) => ({id: String(index + 1), type: 'sessions', attributes: {user: `u${index}`}}))};
}

function withLength(count: number) {
	// MaxScale sends Content-Length (real-maxscale.md): the buffer is sized from it.
	const body = JSON.stringify(listOf(count));
	return {status: 200, body, headers: {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body))}};
}

/** A stub MaxScale answering by `handler`, and a bulk fetch against it, both closed after the test. */
async function bulkAgainst(t: TestContext, handler: StubHandler, options: Parameters<typeof createBulkFetch>[1] = {}) {
	const stub = await startStub({handler});
	t.after(async () => stub.close());
	const agent = new Agent();
	t.after(async () => agent.close());
	return {bulk: createBulkFetch(() => agent, options), url: `${stub.url}/v1/sessions`};
}

test('list bodies land in one buffer that the next list poll reuses, and still read right', async t => {
	let count = 2000;
	const {bulk, url} = await bulkAgainst(t, () => withLength(count));

	const first = bulk.takeBody(await bulk(url))!;
	const firstLength = first.byteLength;
	count = 1500;
	const second = bulk.takeBody(await bulk(url))!;
	assert.equal(second.buffer, first.buffer, 'a smaller body reuses the buffer');
	assert.ok(second.byteLength < firstLength);
	assert.equal((JSON.parse(Buffer.from(second).toString('utf8')) as {data: unknown[]}).data.length, 1500);
	// Churn makes the next body a little longer: that must not cost a new buffer either.
	count = 2050;
	const third = bulk.takeBody(await bulk(url))!;
	assert.ok(third.byteLength > firstLength);
	assert.equal(third.buffer, first.buffer, 'a slightly longer body reuses the buffer');

	// Taken once: a second take gets nothing, so a stale view is never handed out twice.
	const response = await bulk(url);
	assert.ok(bulk.takeBody(response));
	assert.equal(bulk.takeBody(response), undefined);
});

test('a buffer far larger than the bodies it carries is let go after a few polls', async t => {
	let count = 3000;
	const {bulk, url} = await bulkAgainst(t, () => ({status: 200, json: listOf(count)}));
	const big = bulk.takeBody(await bulk(url))!;
	count = 10;
	const buffers = new Set<ArrayBufferLike>();
	for (let poll = 0; poll < 10; poll++) {
		buffers.add(bulk.takeBody(await bulk(url))!.buffer);
	}

	assert.ok(buffers.has(big.buffer), 'kept at first');
	assert.ok(buffers.size > 1, 'then replaced by a small one');
});

test('releaseLarge gives a buffer past the limit back at once and keeps a smaller one; the next poll reads right', async t => {
	let count = 2000;
	const {bulk, url} = await bulkAgainst(t, () => withLength(count), {releaseAboveBytes: 50_000});
	const large = bulk.takeBody(await bulk(url))!;
	assert.ok(large.byteLength > 50_000);
	bulk.releaseLarge();
	assert.equal(large.byteLength, 0, 'detached: its memory is gone, not waiting for a collection');
	assert.equal(large.buffer.byteLength, 0);

	count = 100;
	const small = bulk.takeBody(await bulk(url))!;
	assert.equal((JSON.parse(Buffer.from(small).toString('utf8')) as {data: unknown[]}).data.length, 100);
	bulk.releaseLarge();
	assert.ok(small.byteLength > 0, 'a buffer under the limit is kept for the next poll');
	const again = bulk.takeBody(await bulk(url))!;
	assert.equal(again.buffer, small.buffer);
});

test('an error answer keeps its body and status for the error message; nothing is taken from it', async t => {
	const {bulk, url} = await bulkAgainst(t, () => ({status: 403, json: {errors: [{detail: 'not for you'}]}}));
	const response = await bulk(url);
	assert.equal(response.status, 403);
	assert.equal(bulk.takeBody(response), undefined);
	assert.deepEqual(await response.json(), {errors: [{detail: 'not for you'}]});
});

/** The length, last id and last user of each list the client reads, the stub's list having each of `sizes` in turn. */
async function readLists(t: TestContext, sizes: number[], clientOptions: Parameters<typeof createClient>[1] = {}): Promise<Array<[number, string, string]>> {
	let count = 0;
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? {status: 200, json: listOf(count)} : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, clientOptions);
	t.after(async () => client.close?.());
	const seen: Array<[number, string, string]> = [];
	for (const next of sizes) {
		count = next;
		const {sessions} = await client.listSessions();
		seen.push([sessions.length, sessions.at(-1)!.id, sessions.at(-1)!.user!]);
	}

	return seen;
}

test('the client reads consecutive list polls of different sizes through the reused buffer', async t => {
	const seen = await readLists(t, [800, 200, 1200, 5]);
	assert.deepEqual(seen.map(([size]) => size), [800, 200, 1200, 5]);
	assert.deepEqual(seen.map(([, lastId]) => lastId), ['800', '200', '1200', '5']);
});

test('the client reads every list right when each large buffer is given back after its poll', async t => {
	const seen = await readLists(t, [800, 200, 1200, 5, 900], {releaseListAboveBytes: 10_000});
	assert.deepEqual(seen, [[800, '800', 'u799'], [200, '200', 'u199'], [1200, '1200', 'u1199'], [5, '5', 'u4'], [900, '900', 'u899']]);
});

test('two list reads at once (never from the poller) each get their own bytes', async t => {
	const {bulk, url} = await bulkAgainst(t, request => withLength(Number(request.query['n'])));
	// Each caller reads its bytes as soon as its answer is in, as the client does.
	const count = async (n: number) => {
		const response = await bulk(`${url}?n=${n}`);
		return (JSON.parse(Buffer.from(bulk.takeBody(response)!).toString('utf8')) as {data: unknown[]}).data.length;
	};

	assert.deepEqual(await Promise.all([count(6000), count(5000), count(3)]), [6000, 5000, 3]);
});

test('a Content-Length that promises gigabytes sets aside no gigabytes; the short answer is an error, not a crash', async t => {
	const {bulk, url} = await bulkAgainst(t, () => ({status: 200, body: '{"data":[]}', headers: {'content-length': String(3e9), connection: 'close'}}));
	const before = process.memoryUsage().arrayBuffers;
	await assert.rejects(bulk(url), (error: unknown) => error instanceof BodyReadError);
	assert.ok(process.memoryUsage().arrayBuffers - before < 256 * 1024 * 1024, 'no buffer near the claimed size');
});

test('a list that never ends is read up to the limit, then refused in one line; an error answer is cut, not refused', async t => {
	// A server that streams session-like bytes without end (or until the client hangs up).
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	let isEndlessError = false;
	const server = createServer((request, response) => {
		if (request.url?.startsWith('/v1/maxscale')) {
			response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({data: {id: 'maxscale', attributes: {version: '24.02.3'}}}));
			return;
		}

		response.writeHead(isEndlessError ? 503 : 200, {'content-type': 'application/json'});
		response.write(isEndlessError ? '{"errors":[{"detail":"busy"}]' : '{"data":[');
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
	server.listen(0, '127.0.0.1');
	await new Promise(resolve => {
		server.once('listening', resolve);
	});
	t.after(() => {
		server.closeAllConnections();
		server.close();
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const agent = new Agent();
	t.after(async () => agent.close());
	const bulk = createBulkFetch(() => agent, {maxBodyBytes: 1024 * 1024});
	await assert.rejects(bulk(`${url}/v1/sessions`), (error: unknown) => error instanceof BodyTooLargeError && error.limitBytes === 1024 * 1024);

	const client = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 5000, useTokens: false,
	}, {maxListBytes: 2 * 1024 * 1024, retryDelayMs: () => 1});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), /to GET \/v1\/sessions is larger than 2 MiB; maxtop stopped reading it/v);

	// An endless error answer: its first bytes are kept and it is an HTTP error like any other.
	isEndlessError = true;
	const response = await bulk(`${url}/v1/sessions`);
	assert.equal(response.status, 503);
	assert.ok((await response.text()).startsWith('{"errors":[{"detail":"busy"}]'));
});

test('a body past the streaming size goes to the sink as it arrives, with or without Content-Length; a smaller one is buffered', async t => {
	const body = JSON.stringify(listOf(3000));
	let headers: Record<string, string> = {};
	let text = body;
	const {bulk, url} = await bulkAgainst(t, () => ({status: 200, body: text, headers}), {streamAboveBytes: 20_000});
	const framings: Array<Record<string, string>> = [{'content-length': String(Buffer.byteLength(body))}, {'transfer-encoding': 'chunked'}];
	for (const framing of framings) {
		headers = framing;
		text = body;
		const chunks: Uint8Array[] = [];
		const given: Uint8Array[] = [];
		let begins = 0;
		const response = await bulk(url, undefined, {
			begin() {
				begins++;
			},
			write(chunk) {
				chunks.push(Uint8Array.from(chunk));
				given.push(chunk);
			},
		});
		assert.equal(begins, 1, Object.keys(framing)[0]);
		assert.equal(Buffer.concat(chunks).toString('utf8'), body);
		// Socket reads that own their memory are given back once the sink has them (~950 of them
		// per list at 50,000 sessions otherwise wait for the collector); slices are left alone.
		assert.ok(given.some(chunk => chunk.byteLength === 0 && chunk.buffer.byteLength === 0), 'whole reads let go');
		assert.ok(given.every(chunk => chunk.byteLength === 0 || chunk.byteOffset > 0 || chunk.byteLength < chunk.buffer.byteLength), 'no whole read kept');
		assert.equal(bulk.streamedBytes(response), Buffer.byteLength(body));
		assert.equal(bulk.takeBody(response), undefined);
	}

	text = JSON.stringify(listOf(10));
	let isBegun = false;
	const small = await bulk(url, undefined, {
		begin() {
			isBegun = true;
		},
		write() {
			isBegun = true;
		},
	});
	assert.equal(isBegun, false);
	assert.equal(bulk.streamedBytes(small), undefined);
	assert.equal(Buffer.from(bulk.takeBody(small)!).toString('utf8'), text);
});

test('the client reads every list right as it streams in', async t => {
	const seen = await readLists(t, [800, 200, 1200, 5, 900], {streamListAboveBytes: 10_000});
	assert.deepEqual(seen, [[800, '800', 'u799'], [200, '200', 'u199'], [1200, '1200', 'u1199'], [5, '5', 'u4'], [900, '900', 'u899']]);
});

test('a streamed list of a shape only JSON.parse answers is read again whole, once: later lists are not streamed', async t => {
	const first = JSON.stringify(listOf(800));
	// Two `data` members: JSON.parse keeps the second.
	const doubled = `${first.slice(0, -1)},"data":[{"id":"9","type":"sessions","attributes":{"user":"last"}}]}`;
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? {status: 200, body: doubled} : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, {streamListAboveBytes: 10_000});
	t.after(async () => client.close?.());
	const {sessions} = await client.listSessions();
	assert.deepEqual(sessions.map(session => [session.id, session.user]), [['9', 'last']]);
	assert.equal(stub.calls().length, 2, 'read again whole once');
	await client.listSessions();
	assert.equal(stub.calls().length, 3, 'then whole from the start');
});

test('a streamed list cut short is an error, and the next list reads right', async t => {
	let isCut = true;
	const body = JSON.stringify(listOf(900));
	const stub = await startStub({version: '24.02.3', handler: request => request.path === '/v1/sessions' ? (isCut ? {truncate: body.slice(0, 50_000)} : {status: 200, body}) : {status: 404}});
	t.after(async () => stub.close());
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, {streamListAboveBytes: 10_000});
	t.after(async () => client.close?.());
	await assert.rejects(client.listSessions(), /cut short|closed|connection/i);
	isCut = false;
	const {sessions} = await client.listSessions();
	assert.equal(sessions.length, 900);
	assert.equal(sessions.at(-1)!.user, 'u899');
});
