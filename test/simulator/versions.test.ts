import {test, type TestContext} from 'node:test';
import {
	request,
	withSimulator,
	type ListReply,
	type OneReply,
} from './support.js';

/**
The session attributes these tests read; which of them a version writes is what they check.
*/
type SessionWire = {
	state: string; connected: string; remote: string; idle: number; seconds_alive: number; client: unknown; memory: {connection_buffers: unknown}; queries: Array<{completed?: string; responses: unknown[]}>;
};

test('2.2: only state/user/remote/connected/idle, asctime dates, /v1/ required, newer routes 404', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '2.2', sessions: 5});
	const list = (await request(sim, '/v1/sessions?fields[sessions]=user')).json<ListReply<SessionWire>>();
	const session = list.data[0]!;
	t.assert.deepStrictEqual(Object.keys(session.attributes).sort(), ['connected', 'idle', 'remote', 'state', 'user']);
	t.assert.strictEqual(session.attributes.state, 'Session ready for routing');
	t.assert.match(session.attributes.connected, /^[A-Z][a-z]{2} [A-Z][a-z]{2} [\d ]\d \d\d:\d\d:\d\d \d{4}$/);
	t.assert.strictEqual(session.links?.self, `${sim.url}/v1/sessions/${session.id}`);
	t.assert.strictEqual((await request(sim, `/sessions/${session.id}`)).status, 404);
	const body = '{"data":{"attributes":{"parameters":{"log_info":true}}}}';
	for (const [method, path] of [['PATCH', `/v1/sessions/${session.id}`], ['DELETE', `/v1/sessions/${session.id}`], ['POST', `/v1/sessions/${session.id}/restart`], ['GET', '/v1/auth']] as const) {
		const reply = await request(sim, path, {method, body: method === 'PATCH' ? body : undefined});
		t.assert.strictEqual(reply.status, 404, `${method} ${path}`);
		t.assert.strictEqual(reply.text, '');
	}

	const maxscale = (await request(sim, '/v1/maxscale')).json<OneReply<{version: string}>>();
	t.assert.strictEqual(maxscale.data.attributes.version, '2.2.21');
	const threads = (await request(sim, '/v1/maxscale/threads')).json<ListReply<{stats: Record<string, unknown>}>>();
	t.assert.ok(!('sessions' in threads.data[0]!.attributes.stats));
	t.assert.ok(!('statistics' in (await request(sim, '/v1/services/RW-Split-Router')).json<OneReply>().data.attributes));
});

test('6: connections, client.cipher, parameters, port, queries, log; no memory; PATCH yes, restart/DELETE 404', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '6', sessions: 5});
	const session = sim.sessions()[0]!;
	const one = (await request(sim, `/v1/sessions/${session.id}`)).json<OneReply<SessionWire>>();
	t.assert.deepStrictEqual(Object.keys(one.data.attributes).sort(), ['client', 'connected', 'connections', 'idle', 'log', 'parameters', 'port', 'queries', 'remote', 'state', 'user']);
	t.assert.deepStrictEqual(one.data.attributes.client, {cipher: ''});
	t.assert.strictEqual(one.data.links?.self, `${sim.url}/v1/sessions/${session.id}`);
	t.assert.strictEqual((await request(sim, '/v1/maxscale')).json<OneReply<{version: string}>>().data.attributes.version, '6.4.10');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, {method: 'PATCH', body: '{"data":{"attributes":{"parameters":{"log_info":true}}}}'})).status, 200);
	t.assert.strictEqual(session.logLevels['log_info'], true);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}/restart`, {method: 'POST'})).status, 404);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, {method: 'DELETE'})).status, 404);
	t.assert.ok(sim.sessions().includes(session));
	const threads = (await request(sim, '/v1/maxscale/threads')).json<ListReply<{stats: Record<string, unknown>}>>();
	t.assert.ok(!('sessions' in threads.data[0]!.attributes.stats), 'per-thread sessions arrived in 22.08.2');
	t.assert.ok('load' in threads.data[0]!.attributes.stats);
	const sparse = (await request(sim, `/sessions/${session.id}?fields[sessions]=user`)).json<OneReply>();
	t.assert.deepStrictEqual(sparse.data.attributes, {user: session.user}, 'sparse fields and an optional /v1/ work from 2.5');
});

test('22.08: memory.connection_buffers is an integer, asctime connected, no seconds_alive/io_activity/thread', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '22.08', sessions: 5});
	const {data} = (await request(sim, '/v1/sessions?pretty=false')).json<ListReply<SessionWire>>();
	for (const session of data) {
		t.assert.strictEqual(typeof session.attributes.memory.connection_buffers, 'number');
		t.assert.doesNotMatch(session.attributes.connected, /GMT$/);
		for (const key of ['seconds_alive', 'io_activity', 'thread']) {
			t.assert.ok(!(key in session.attributes), key);
		}
	}
});

test('24.02: RFC 1123 connected, seconds_alive grows with the clock, idle grows unless busy', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 30});
	const idle = sim.sessions().find(session => session.user && !session.busy && !session.activePeriodMs)!;
	const busy = sim.addSessions(1, {busy: true, queries: [{statement: 'SELECT SLEEP(600)', receivedMs: sim.now() - 5000}]})[0]!;
	const before = (await request(sim, `/v1/sessions/${idle.id}`)).json<OneReply<SessionWire>>().data.attributes;
	sim.advance(10_000);
	const after = (await request(sim, `/v1/sessions/${idle.id}`)).json<OneReply<SessionWire>>().data.attributes;
	t.assert.match(after.connected, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
	t.assert.ok(Math.abs(after.seconds_alive - before.seconds_alive - 10) < 0.01);
	t.assert.ok(Math.abs(after.idle - before.idle - 10) < 0.11);
	const busyReply = (await request(sim, `/v1/sessions/${busy.id}`)).json<OneReply<SessionWire>>().data.attributes;
	t.assert.strictEqual(busyReply.idle, 0);
	t.assert.strictEqual(busyReply.queries.at(-1)?.completed, undefined);
	t.assert.deepStrictEqual(busyReply.queries.at(-1)?.responses, []);
});

test('unknown routes and ids answer 404 with an empty body; non-numeric ids explain themselves on 24.02 only', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	for (const path of ['/v1/nosuchresource', '/v1/sessions/999999', '/v1/sessions/3/relationships/filters', '/v1/maxscale/threads/7']) {
		const reply = await request(sim, path);
		t.assert.strictEqual(reply.status, 404, path);
		t.assert.strictEqual(reply.text, '', path);
		t.assert.strictEqual(reply.headers['content-type'], undefined);
		t.assert.strictEqual(reply.headers.connection, 'close');
	}

	t.assert.deepStrictEqual((await request(sim, '/v1/sessions/abc')).json(), {errors: [{detail: 'abc is not a session'}]});
	t.assert.strictEqual((await request(sim, '/v1/sessions', {method: 'POST', body: '{}'})).status, 404);
	const root = await request(sim, '/v1/');
	t.assert.strictEqual(root.status, 200);
	t.assert.strictEqual(root.text, '');
	const old = await withSimulator(t, {version: '22.08', sessions: 3});
	t.assert.strictEqual((await request(old, '/v1/sessions/abc')).text, '');
});

test('rdns=true turns loopback remotes into localhost and leaves other addresses', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	const local = sim.addSessions(1, {remote: '127.0.0.1'})[0]!;
	const other = sim.sessions()[0]!;
	t.assert.strictEqual((await request(sim, `/v1/sessions/${local.id}?rdns=true`)).json<OneReply<SessionWire>>().data.attributes.remote, 'localhost');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${local.id}`)).json<OneReply<SessionWire>>().data.attributes.remote, '127.0.0.1');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${other.id}?rdns=true`)).json<OneReply<SessionWire>>().data.attributes.remote, other.remote);
	const old = await withSimulator(t, {version: '22.08', sessions: 1});
	const oldLocal = old.addSessions(1, {remote: '127.0.0.1'})[0]!;
	t.assert.strictEqual((await request(old, `/v1/sessions/${oldLocal.id}?rdns=yes`)).json<OneReply<SessionWire>>().data.attributes.remote, '127.0.0.1');
});
