import net from 'node:net';
import {test, type TestContext} from 'node:test';
import {parseFaultSpec} from '../../source/simulator/index.js';
import {RequestLog} from '../../source/simulator/request-log.js';
import {request, withSimulator} from './support.js';

test('parseFaultSpec reads kinds, latency and path scopes, and rejects bad input with one line', (t: TestContext) => {
	t.assert.deepStrictEqual(parseFaultSpec('latency:500'), {kind: 'latency', latencyMs: 500});
	t.assert.deepStrictEqual(parseFaultSpec('http-503'), {kind: 'http-503'});
	t.assert.deepStrictEqual(parseFaultSpec('http-503:/v1/sessions'), {kind: 'http-503', paths: ['/v1/sessions']});
	t.assert.deepStrictEqual(parseFaultSpec('latency:200:/v1/sessions,/v1/maxscale'), {kind: 'latency', latencyMs: 200, paths: ['/v1/sessions', '/v1/maxscale']});
	t.assert.deepStrictEqual(parseFaultSpec('hang'), {kind: 'hang'});
	t.assert.deepStrictEqual(parseFaultSpec('outlive-ttl'), {kind: 'outlive-ttl'});
	for (const bad of ['', 'explode', 'latency', 'latency:fast', 'http-503:sessions']) {
		t.assert.throws(() => parseFaultSpec(bad), (error: Error) => !error.message.includes('\n') && error.message.length > 0, bad);
	}
});

test('status faults replace the answer, scoped by path', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3, faults: [{kind: 'http-503', paths: ['/v1/sessions']}]});
	t.assert.strictEqual((await request(sim, '/v1/sessions')).status, 503);
	t.assert.strictEqual((await request(sim, '/v1/maxscale')).status, 200);
	const expectations = [
		['http-500', 500, true],
		['http-500-empty', 500, false],
		['http-503', 503, true],
		['http-503-empty', 503, false],
		['unauthorized', 401, true],
	] as const;
	for (const [kind, status, hasBody] of expectations) {
		sim.setFaults([{kind}]);
		const reply = await request(sim, '/v1/maxscale');
		t.assert.strictEqual(reply.status, status, kind);
		t.assert.strictEqual(reply.text !== '', hasBody, kind);
		if (hasBody) {
			t.assert.ok(Array.isArray(reply.json<{errors: unknown}>().errors), kind);
		}
	}
});

test('body faults: malformed, truncated, empty and non-JSON answers to GETs', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	sim.setFaults([{kind: 'malformed-json'}]);
	const malformed = await request(sim, '/v1/sessions');
	t.assert.strictEqual(malformed.status, 200);
	t.assert.throws(() => malformed.json(), SyntaxError);
	sim.setFaults([{kind: 'empty-body'}]);
	const empty = await request(sim, '/v1/sessions');
	t.assert.strictEqual(empty.status, 200);
	t.assert.strictEqual(empty.text, '');
	sim.setFaults([{kind: 'non-json'}]);
	const html = await request(sim, '/v1/sessions');
	t.assert.strictEqual(html.headers['content-type'], 'text/html');
	t.assert.throws(() => html.json(), SyntaxError);
	sim.setFaults([{kind: 'truncated'}]);
	// The body ends before Content-Length, so the client aborts the response.
	await t.assert.rejects(request(sim, '/v1/sessions'), {code: 'ECONNRESET', message: 'aborted'});
	sim.setFaults([]);
	t.assert.strictEqual((await request(sim, '/v1/sessions')).status, 200);
});

test('latency delays answers (measured on the simulated server, not with a sleep)', async (t: TestContext) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const sim = await withSimulator(t, {sessions: 1, faults: [{kind: 'latency', latencyMs: 5000}]});
	let isAnswered = false;
	const pending = request(sim, '/v1/maxscale').then(reply => {
		isAnswered = true;
		return reply;
	});
	await new Promise<void>(resolve => {
		const check = (): void => {
			if (sim.requests.length > 0) {
				resolve();
			} else {
				setImmediate(check);
			}
		};

		check();
	});
	t.mock.timers.tick(4999);
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	t.assert.strictEqual(isAnswered, false);
	t.mock.timers.tick(1);
	t.assert.strictEqual((await pending).status, 200);
});

test('reset destroys the socket; hang keeps it open until close()', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 1, faults: [{kind: 'reset'}]});
	await t.assert.rejects(request(sim, '/v1/maxscale'), {code: 'ECONNRESET', message: 'socket hang up'});
	sim.setFaults([{kind: 'hang'}]);
	const hung = request(sim, '/v1/maxscale');
	await new Promise<void>(resolve => {
		const check = (): void => {
			if (sim.requests.length >= 2) {
				resolve();
			} else {
				setImmediate(check);
			}
		};

		check();
	});
	await sim.close();
	await t.assert.rejects(hung, {code: 'ECONNRESET', message: 'socket hang up'});
});

test('down closes the listener and re-listens on the same port when cleared', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 1});
	sim.setFaults([{kind: 'down'}]);
	await new Promise<void>((resolve, reject) => {
		const socket = net.connect(sim.port, '127.0.0.1');
		socket.on('connect', () => {
			socket.destroy();
			reject(new Error('still accepting'));
		});
		socket.on('error', (error: NodeJS.ErrnoException) => {
			t.assert.strictEqual(error.code, 'ECONNREFUSED');
			resolve();
		});
	});
	sim.setFaults([]);
	let reply: Awaited<ReturnType<typeof request>> | undefined;
	while (reply === undefined) {
		try {
			reply = await request(sim, '/v1/maxscale');
		} catch {
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}
	}

	t.assert.strictEqual(reply.status, 200);
});

test('vanish: listed sessions are gone right after; outlive-ttl: a ttl kill never lands', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 4});
	sim.setFaults([{kind: 'vanish'}]);
	const listed = (await request(sim, '/v1/sessions')).json<{data: Array<{id: string}>}>().data;
	t.assert.strictEqual(listed.length, 4);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${listed[0]!.id}`, {method: 'DELETE'})).status, 404);
	const [survivor] = sim.addSessions(1);
	sim.setFaults([{kind: 'outlive-ttl'}]);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${survivor!.id}?ttl=1`, {method: 'DELETE'})).status, 200);
	sim.advance(10_000);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${survivor!.id}`)).status, 200);
});

test('the request log records method, path, query, body, headers and simulated time; bounded', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 2});
	const {id} = (sim.sessions()[0]!);
	await request(sim, '/v1/sessions?fields[sessions]=user&pretty=false');
	sim.advance(1500);
	await request(sim, `/v1/sessions/${id}`, {method: 'PATCH', body: '{"data":{"attributes":{"parameters":{"log_info":true}}}}'});
	const [list, change] = sim.requests;
	t.assert.deepStrictEqual(list!.query, {'fields[sessions]': 'user', pretty: 'false'});
	t.assert.strictEqual(list!.path, '/v1/sessions');
	t.assert.strictEqual(change!.method, 'PATCH');
	t.assert.deepStrictEqual(change!.body, {data: {attributes: {parameters: {log_info: true}}}});
	t.assert.strictEqual(change!.atMs - list!.atMs, 1500);
	t.assert.ok(String(change!.headers['authorization']).startsWith('Basic '));
	t.assert.deepStrictEqual(sim.countByMethod(), {GET: 1, PATCH: 1});
	sim.clearRequests();
	t.assert.strictEqual(sim.requests.length, 0);
});

test('the request log keeps only the newest 10,000', (t: TestContext) => {
	const log = new RequestLog();
	for (let index = 0; index < 10_050; index++) {
		log.record({
			method: 'GET', path: `/v1/sessions/${index}`, query: {}, rawBody: '', headers: {}, atMs: index,
		});
	}

	t.assert.strictEqual(log.entries.length, 10_000);
	t.assert.strictEqual(log.entries[0]!.atMs, 50);
	t.assert.strictEqual(log.entries.at(-1)!.atMs, 10_049);
});
