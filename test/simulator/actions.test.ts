import {test, type TestContext} from 'node:test';
import {
	request,
	withSimulator,
	type ErrorReply,
	type ListReply,
	type OneReply,
	type SessionAttributes,
} from './support.js';

const patch = (body: unknown): {method: string; body: string} => ({method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body)});

test('PATCH log levels: booleans apply; non-booleans and unknown keys are accepted and ignored', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	const session = sim.sessions().find(item => item.user)!;
	const reply = await request(sim, `/v1/sessions/${session.id}`, patch({
		data: {
			attributes: {
				parameters: {
					log_info: true, log_notice: 'yes', no_such_param: true, log_debug: true,
				},
			},
		},
	}));
	t.assert.strictEqual(reply.status, 200);
	t.assert.strictEqual(reply.text, '');
	const {parameters} = (await request(sim, `/v1/sessions/${session.id}`)).json<OneReply<SessionAttributes>>().data.attributes;
	t.assert.deepStrictEqual(parameters, {
		log_error: false, log_info: true, log_notice: false, log_warning: false,
	});
	const bad = await request(sim, `/v1/sessions/${session.id}`, patch('{"data":{"attributes":'));
	t.assert.strictEqual(bad.status, 400);
	t.assert.match(bad.json<ErrorReply>().errors[0]!.detail, /^Invalid JSON in request: /);
	t.assert.deepStrictEqual((await request(sim, `/v1/sessions/${session.id}`, {method: 'PATCH'})).json(), {errors: [{detail: 'Missing request body'}]});
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, patch([1, 2]))).status, 200);
	const missing = await request(sim, '/v1/sessions/999999', patch({}));
	t.assert.strictEqual(missing.status, 404);
	t.assert.strictEqual(missing.text, '');
});

test('PATCH filters: only data.relationships.filters.data works; the documented shape is a 200 no-op', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	const session = sim.sessions().find(item => item.user)!;
	const documented = await request(sim, `/v1/sessions/${session.id}`, patch({data: {attributes: {relationships: {filters: {data: [{id: 'my-cache-filter'}, {id: 'my-log-filter'}]}}}}}));
	t.assert.strictEqual(documented.status, 200);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`)).json<OneReply>().data.relationships?.filters, undefined);

	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, patch({data: {relationships: {filters: {data: [{id: 'my-cache-filter', type: 'filters'}, {id: 'my-log-filter'}]}}}}))).status, 200);
	const filters = (await request(sim, `/v1/sessions/${session.id}`)).json<OneReply>().data.relationships?.filters;
	t.assert.deepStrictEqual(filters?.data, [{id: 'my-cache-filter', type: 'filters'}, {id: 'my-log-filter', type: 'filters'}]);
	t.assert.strictEqual(filters?.links.self, `${sim.url}/v1/sessions/${session.id}/relationships/filters/`);

	const unknown = await request(sim, `/v1/sessions/${session.id}`, patch({data: {relationships: {filters: {data: [{id: 'no-such-filter'}]}}}}));
	t.assert.strictEqual(unknown.status, 400);
	t.assert.deepStrictEqual(unknown.json(), {errors: [{detail: 'Not a valid filter: no-such-filter'}]});
	t.assert.deepStrictEqual(session.filters, ['my-cache-filter', 'my-log-filter']);

	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, patch({data: {relationships: {filters: {data: null}}}}))).status, 200);
	t.assert.deepStrictEqual(session.filters, []);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}/relationships/filters`, patch({data: [{id: 'my-log-filter', type: 'filters'}]}))).status, 200);
	t.assert.deepStrictEqual(session.filters, ['my-log-filter'], 'the relationship endpoint works on 24.02');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}`, patch({data: {relationships: {filters: {data: []}}}}))).status, 200);
	t.assert.deepStrictEqual(session.filters, []);
});

test('22.08: failed PATCH answers 400 with no body; the relationship endpoint does nothing; handshakes differ', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '22.08', sessions: 20});
	const session = sim.sessions().find(item => item.user)!;
	const unknown = await request(sim, `/v1/sessions/${session.id}`, patch({data: {relationships: {filters: {data: [{id: 'nope'}]}}}}));
	t.assert.strictEqual(unknown.status, 400);
	t.assert.strictEqual(unknown.text, '');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${session.id}/relationships/filters`, patch({data: [{id: 'my-log-filter'}]}))).status, 200);
	t.assert.deepStrictEqual(session.filters, []);

	const handshake = sim.sessions().find(item => item.user === undefined)!;
	t.assert.strictEqual((await request(sim, `/v1/sessions/${handshake.id}`)).status, 200);
	const failed = await request(sim, `/v1/sessions/${handshake.id}`, patch({data: {attributes: {parameters: {log_info: true}}}}));
	t.assert.strictEqual(failed.status, 400);
	t.assert.strictEqual(failed.text, '');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${handshake.id}`, {method: 'DELETE'})).status, 200);
	t.assert.ok(!sim.sessions().includes(handshake));
});

test('24.02: a session in its handshake is listed but GET, PATCH and DELETE answer 404', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 20});
	const handshake = sim.sessions().find(item => item.user === undefined)!;
	const listed = (await request(sim, '/v1/sessions')).json<ListReply<SessionAttributes>>().data.find(item => item.id === handshake.id)!;
	t.assert.strictEqual(listed.attributes.state, 'Session created');
	t.assert.strictEqual(listed.attributes.user, undefined);
	t.assert.strictEqual(listed.attributes.client.connection_attributes, null);
	for (const method of ['GET', 'PATCH', 'DELETE']) {
		const reply = await request(sim, `/v1/sessions/${handshake.id}`, {method, body: method === 'PATCH' ? '{}' : undefined});
		t.assert.strictEqual(reply.status, 404, method);
	}

	t.assert.ok(sim.sessions().includes(handshake));
});

test('restart keeps the id and lands at the next query; restart-all marks every session', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3});
	const idle = sim.addSessions(1, {servers: ['server1'], service: 'RW-Split-Router'})[0]!;
	const active = sim.addSessions(1, {
		servers: ['server1'], service: 'RW-Split-Router', activePeriodMs: 1000, lastActivityMs: sim.now(),
	})[0]!;
	const before = (await request(sim, '/v1/services/RW-Split-Router')).json<OneReply<{total_connections: number}>>().data.attributes.total_connections;
	for (const session of [idle, active]) {
		const reply = await request(sim, `/v1/sessions/${session.id}/restart`, {method: 'POST'});
		t.assert.strictEqual(reply.status, 200);
		t.assert.strictEqual(reply.text, '');
	}

	const idleConnection = idle.connectionIds![0];
	const activeConnection = active.connectionIds![0];
	sim.advance(1500);
	const activeAfter = (await request(sim, `/v1/sessions/${active.id}`)).json<OneReply<SessionAttributes>>().data;
	t.assert.strictEqual(activeAfter.id, active.id);
	t.assert.notStrictEqual(activeAfter.attributes.connections[0]?.connection_id, activeConnection, 'the active session reconnected');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${idle.id}`)).json<OneReply<SessionAttributes>>().data.attributes.connections[0]?.connection_id, idleConnection, 'the idle one waits for its next query');
	const after = (await request(sim, '/v1/services/RW-Split-Router')).json<OneReply<{total_connections: number}>>().data.attributes.total_connections;
	t.assert.strictEqual(after - before, 1, 'a restart counts again in total_connections');
	t.assert.strictEqual((await request(sim, '/v1/sessions/restart', {method: 'POST'})).status, 200);
	t.assert.ok(sim.sessions().every(session => session.restartPending));
	t.assert.strictEqual((await request(sim, '/v1/sessions/999999/restart', {method: 'POST'})).status, 404);
});

test('DELETE kills at once; ?ttl=N lands N+1 to N+2 s later and nothing shows it; ttl=abc is immediate', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 6});
	const [now, timed, odd] = sim.sessions().filter(item => item.user);
	const gone = await request(sim, `/v1/sessions/${now!.id}`, {method: 'DELETE'});
	t.assert.strictEqual(gone.status, 200);
	t.assert.strictEqual(gone.text, '');
	t.assert.strictEqual((await request(sim, `/v1/sessions/${now!.id}`)).status, 404);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${odd!.id}?ttl=abc`, {method: 'DELETE'})).status, 200);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${odd!.id}`)).status, 404);

	t.assert.strictEqual((await request(sim, `/v1/sessions/${timed!.id}?ttl=5`, {method: 'DELETE'})).status, 200);
	const during = (await request(sim, `/v1/sessions/${timed!.id}`)).text;
	t.assert.doesNotMatch(during, /ttl|kill/i);
	sim.advance(5999);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${timed!.id}`)).status, 200, 'still there before N+1 s');
	sim.advance(1001);
	sim.advance(1000);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${timed!.id}`)).status, 404, 'gone by N+2 s');
	t.assert.strictEqual((await request(sim, '/v1/sessions/999999', {method: 'DELETE'})).status, 404);
});
