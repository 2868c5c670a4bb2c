import {readFileSync} from 'node:fs';
import {test, type TestContext} from 'node:test';
import {
	fixturesRoot,
	readFixture,
	request,
	withSimulator,
	type ListReply,
	type OneReply,
} from './support.js';
import {shapeErrors, shapeOf} from './shape.js';

const folder = 'maxscale-2.4.19';

type Session = {id: string; attributes: Record<string, unknown>};

type ServiceAttributes = {router: string; parameters: Record<string, unknown>; router_diagnostics: Record<string, unknown>};

/**
Status line and headers of a `curl -i` capture.
*/
function readHttp(name: string): {status: number; headers: Map<string, string>; body: string} {
	const text = readFileSync(new URL(`${folder}/${name}`, fixturesRoot), 'utf8');
	const [head = '', rest = ''] = text.split(/\r?\n\r?\n/v, 2);
	const [statusLine = '', ...lines] = head.split(/\r?\n/v, 100);
	const headers = new Map(lines.map(line => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
	return {status: Number(statusLine.split(' ', 2)[1]), headers, body: rest.replace(/\n?\[http_code=\d+\]\n?$/v, '').trim()};
}

const realSessions = (): Session[] => [
	...readFixture<{data: Session[]}>(folder, 'sessions.json').data,
	...readFixture<{data: Session[]}>(folder, 'sessions.after_writes.json').data,
	readFixture<{data: Session}>(folder, 'session_2.json').data,
];

test('2.4: sessions, list and single, have the real 2.4.19 keys and JSON types', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '2.4', sessions: 40});
	sim.advance(3000);
	const sessionShape = shapeOf(...realSessions());
	const list = (await request(sim, '/v1/sessions')).json<{data: Session[]; links: {self: string}}>();
	t.assert.deepStrictEqual(Object.keys(list).sort(), Object.keys(readFixture<Record<string, unknown>>(folder, 'sessions.json')).sort());
	t.assert.strictEqual(list.links.self, `${sim.url}/v1/sessions/`);
	const started = list.data.filter(session => session.attributes['user'] !== undefined);
	t.assert.ok(started.length > 30);
	for (const session of started) {
		t.assert.deepStrictEqual(shapeErrors(sessionShape, session, `session ${session.id}`), []);
	}

	// A session still in its handshake has no user yet (as in 2.2); the captures hold none.
	const handshake = sim.addSessions(1, {user: undefined, state: 'Session created', servers: []})[0]!;
	const early = [...list.data, (await request(sim, `/v1/sessions/${handshake.id}`)).json<{data: Session}>().data];
	for (const session of early) {
		if (session.attributes['user'] === undefined) {
			t.assert.deepStrictEqual(shapeErrors(sessionShape, session, `session ${session.id}`).filter(error => !error.endsWith('.user: missing')), []);
		}
	}

	const target = started.find(session => (session.attributes['connections'] as unknown[]).length > 0)!;
	const one = (await request(sim, `/v1/sessions/${target.id}`)).json<OneReply<{connections: Array<{id: string}>; client: {id: string}; connected: string}>>();
	t.assert.deepStrictEqual(shapeErrors(shapeOf(readFixture(folder, 'session_2.json')), {...one, data: {}}, '$', ['data']), []);
	t.assert.deepStrictEqual(shapeErrors(sessionShape, one.data, 'one'), []);
	t.assert.strictEqual(one.links.self, `${sim.url}/v1/sessions/${target.id}`);
	t.assert.deepStrictEqual(Object.keys(one.data.attributes), Object.keys(readFixture<OneReply>(folder, 'session_2.json').data.attributes), 'key order as 2.4.19 writes it');
	const {connections} = one.data.attributes;
	t.assert.ok(connections.length > 0);
	for (const connection of [...connections, one.data.attributes.client]) {
		t.assert.match(connection.id, /^0x[\da-f]{12}$/v);
	}

	t.assert.match(one.data.attributes.connected, /^[A-Z][a-z]{2} [A-Z][a-z]{2} [\d ]\d \d\d:\d\d:\d\d \d{4}$/v);
});

test('2.4: maxscale, threads and services match 2.4.19 key for key', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '2.4', sessions: 30});
	const compare = async <Body>(path: string, fixture: string): Promise<Body> => {
		const reply = await request(sim, path);
		t.assert.strictEqual(reply.status, 200, path);
		const body = reply.json<Body>();
		t.assert.deepStrictEqual(shapeErrors(shapeOf(readFixture(folder, fixture)), body, path), [], `${path} vs ${fixture}`);
		return body;
	};

	const maxscale = await compare<OneReply<{version: string; parameters: {admin_port: number}}>>('/v1/maxscale', 'maxscale.json');
	t.assert.strictEqual(maxscale.data.attributes.version, '2.4.19');
	t.assert.deepStrictEqual(Object.keys(maxscale.data.attributes.parameters), Object.keys(readFixture<OneReply<{parameters: Record<string, unknown>}>>(folder, 'maxscale.json').data.attributes.parameters));
	t.assert.strictEqual(maxscale.data.attributes.parameters.admin_port, sim.port);
	const threads = await compare<ListReply>('/v1/maxscale/threads', 'maxscale_threads.json');
	t.assert.strictEqual(threads.data[0]?.links?.self, `${sim.url}/v1/threads/0`);

	const realServices = readFixture<ListReply<ServiceAttributes>>(folder, 'services.json');
	const services = (await request(sim, '/v1/services')).json<ListReply<ServiceAttributes>>();
	const realService = realServices.data[0]!;
	const rwSplit = services.data.find(service => service.attributes.router === 'readwritesplit')!;
	t.assert.deepStrictEqual(shapeErrors(shapeOf(realServices), {...services, data: [rwSplit]}), []);
	// The capture has no readconnroute service: its parameters and diagnostics are the simulator's guess, and its filter
	// relationship has the same form as `servers`.
	const readConn = services.data.find(service => service.attributes.router === 'readconnroute');
	t.assert.deepStrictEqual(shapeErrors(shapeOf(realService), readConn, 'readconnroute', ['parameters', 'router_diagnostics', 'relationships']), []);
	t.assert.deepStrictEqual(Object.keys(rwSplit.attributes.parameters), Object.keys(realService.attributes.parameters));
	t.assert.deepStrictEqual(Object.keys(rwSplit.attributes.router_diagnostics), Object.keys(realService.attributes.router_diagnostics));
	t.assert.strictEqual(rwSplit.links?.self, `${sim.url}/v1/services/${rwSplit.id}`);
});

test('2.4: PATCH, DELETE and POST restart answer 404 with an empty body, and the session stays', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '2.4', sessions: 5});
	const session = sim.sessions().find(candidate => candidate.user !== undefined)!;
	const before = (await request(sim, `/v1/sessions/${session.id}`)).json<OneReply>();
	const levels = {...session.logLevels};
	const writes = [
		['PATCH', `/v1/sessions/${session.id}`, 'patch_session_2.http'],
		['DELETE', `/v1/sessions/${session.id}`, 'delete_session_2.http'],
		['POST', `/v1/sessions/${session.id}/restart`, 'post_session_2_restart.http'],
	] as const;
	for (const [method, path, capture] of writes) {
		const real = readHttp(capture);
		const body = method === 'PATCH' ? '{"data":{"attributes":{"parameters":{"log_info":true}}}}' : undefined;
		const reply = await request(sim, path, {method, body});
		t.assert.strictEqual(reply.status, real.status, `${method} ${path}`);
		t.assert.strictEqual(reply.text, real.body, `${method} ${path}`);
		t.assert.strictEqual(reply.headers['content-length'], real.headers.get('content-length'), `${method} ${path}`);
		// Node's server answers `Connection: close` to a client that asked for it, whatever the body.
		t.assert.deepStrictEqual(Object.keys(reply.headers).filter(name => name !== 'connection').sort(), [...real.headers.keys()].filter(name => name !== 'connection').sort(), `${method} ${path}`);
	}

	for (const [method, path] of [['PATCH', `/v1/sessions/${session.id}/relationships/filters`], ['POST', '/v1/sessions/restart']] as const) {
		const reply = await request(sim, path, {method, body: method === 'PATCH' ? '{"data":[]}' : undefined});
		t.assert.strictEqual(reply.status, 404, `${method} ${path}`);
		t.assert.strictEqual(reply.text, '', `${method} ${path}`);
	}

	t.assert.ok(sim.sessions().includes(session));
	t.assert.deepStrictEqual(session.logLevels, levels);
	t.assert.notStrictEqual(session.restartPending, true);
	sim.advance(60_000);
	t.assert.ok(sim.sessions().includes(session), 'no ttl kill was scheduled either');
	const after = (await request(sim, `/v1/sessions/${session.id}`)).json<OneReply>();
	t.assert.deepStrictEqual(Object.keys(after.data.attributes), Object.keys(before.data.attributes));
});

test('2.4: no tokens, no sparse fields; the /v1/ prefix is optional as from 2.4.0', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '2.4', sessions: 5, adminSecureGui: false});
	const auth = await request(sim, '/v1/auth');
	t.assert.strictEqual(auth.status, 404);
	t.assert.strictEqual(auth.text, '');
	const sparse = (await request(sim, '/v1/sessions?fields[sessions]=user')).json<ListReply>();
	t.assert.ok('connections' in sparse.data[0]!.attributes);
	t.assert.strictEqual((await request(sim, '/sessions')).status, 200);
});
