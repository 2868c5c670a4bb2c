import {test, type TestContext} from 'node:test';
import {formatReal} from '../../source/simulator/json-output.js';
import {
	request,
	withSimulator,
	type ErrorReply,
	type ListReply,
} from './support.js';

test('doubles are written as jansson writes them', (t: TestContext) => {
	t.assert.deepStrictEqual(
		[2, 0, 1826, 3.6, 1824.9, Number('0.052667197070353576'), 1e21, 1.5e-5, 0.0001, -2.5].map(value => formatReal(value)),
		['2.0', '0.0', '1826.0', '3.6000000000000001', '1824.9000000000001', '0.052667197070353576', '1e21', '1.5e-5', '0.0001', '-2.5'],
	);
});

test('headers: two-digit Date on normal answers, four on auth failures; HEAD and 204 lengths; Connection: close', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 5, adminSecureGui: false});
	const id = sim.sessions().find(session => session.user !== undefined)!.id;
	const list = await request(sim, '/v1/sessions');
	t.assert.match(String(list.headers.date), /^\w{3}, \d\d \w{3} \d\d \d\d:\d\d:\d\d GMT$/);
	t.assert.strictEqual(list.headers.connection, 'close');
	t.assert.match(String(list.headers.etag), /^"[\da-f]{40}"$/);

	const denied = await request(sim, '/v1/sessions', {auth: false});
	t.assert.match(String(denied.headers.date), /^\w{3}, \d\d \w{3} \d{4} /);

	const head = await request(sim, `/v1/sessions/${id}`, {method: 'HEAD'});
	t.assert.strictEqual(head.headers['content-length'], '0');
	t.assert.strictEqual(head.headers.etag, '"da39a3ee5e6b4b0d3255bfef95601890afd80709"');

	const persisted = await request(sim, '/v1/auth?persist=yes&max-age=60');
	t.assert.strictEqual(persisted.status, 204);
	t.assert.strictEqual(persisted.headers['content-length'], undefined);
	t.assert.match(String(persisted.headers['set-cookie']), /Max-Age=60;/);

	const patch = await request(sim, `/v1/sessions/${id}`, {method: 'PATCH', headers: {connection: 'keep-alive'}, body: '{"data":{"attributes":{"parameters":{"log_info":true}}}}'});
	t.assert.strictEqual(patch.status, 200);
	t.assert.strictEqual(patch.headers.connection, undefined, 'a request with a body gets no Connection header, as from 24.02.3');

	const malformed = await request(sim, `/v1/sessions/${id}`, {method: 'DELETE', headers: {'content-length': '9'}, body: '{"data": '});
	t.assert.strictEqual(malformed.status, 400);
	t.assert.strictEqual(malformed.text, '{"errors": [ { "detail": "Invalid JSON in request: unexpected token near end of file" } ] }');
	t.assert.strictEqual(malformed.headers['content-type'], undefined);
	t.assert.ok(sim.sessions().some(session => session.id === id), 'a DELETE with a body that is not JSON kills nothing');

	const unknownMethod = await request(sim, '/v1/sessions', {method: 'FOO'});
	t.assert.strictEqual(unknownMethod.status, 405);
});

test('pagination slices, counts and links the filtered rows', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 11});
	const page = (await request(sim, '/v1/sessions?page[size]=3&page[number]=1&fields[sessions]=user')).json<ListReply>();
	t.assert.strictEqual(page.data.length, 3);
	t.assert.strictEqual(page.meta?.total, 11);
	const link = (number: number) => `${sim.url}/v1/sessions/?page%5Bsize%5D=3&page%5Bnumber%5D=${number}`;
	t.assert.deepStrictEqual(page.links, {
		first: link(0), last: link(3), next: link(2), prev: link(0), self: link(1),
	});
	const last = (await request(sim, '/v1/sessions?page[size]=3&page[number]=3')).json<ListReply>();
	t.assert.strictEqual(last.data.length, 2);
	t.assert.strictEqual(last.links.next, undefined);
	const beyond = (await request(sim, '/v1/sessions?page[size]=3&page[number]=100000')).json<ListReply>();
	t.assert.deepStrictEqual([beyond.data.length, beyond.links.prev, beyond.links.next], [0, undefined, undefined]);
	const ignored = (await request(sim, '/v1/sessions?page[size]=abc')).json<ListReply>();
	t.assert.deepStrictEqual([ignored.data.length, ignored.meta], [11, undefined]);
});

test('row filters: pointers, JSONPath, the expression language and its type rules', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 12});
	const [first] = sim.addSessions(1, {user: 'batch', service: 'RW-Split-Router', busy: false});
	sim.addSessions(2, {user: 'report', service: 'Read-Connection-Router'});
	sim.advance(20_000);
	const ids = async (query: string): Promise<string[]> => {
		const reply = await request(sim, `/v1/sessions?${query}`);
		t.assert.strictEqual(reply.status, 200, query);
		return reply.json<ListReply>().data.map(item => item.id).sort();
	};

	const users = new Map(sim.sessions().map(session => [session.id, session.user]));
	t.assert.deepStrictEqual(await ids('filter=/attributes/user=%22batch%22'), [...users].filter(([, user]) => user === 'batch').map(([id]) => id).sort());
	t.assert.deepStrictEqual(await ids('filter[attributes.user]=eq(%22batch%22)'), await ids('filter=/attributes/user=%22batch%22'));
	t.assert.deepStrictEqual(await ids(`filter=id=and(ge(%22${first!.id}%22),le(%22${first!.id}%22))`), [first!.id]);
	// idle is a double: an integer bound is another type, so gt() is false and ge() true for every row.
	t.assert.deepStrictEqual(await ids('filter=/attributes/idle=gt(1)'), []);
	t.assert.strictEqual((await ids('filter=/attributes/idle=ge(1000000)')).length, sim.sessions().filter(session => session.user !== undefined).length);
	t.assert.ok((await ids('filter=/attributes/idle=gt(1.0)')).length > 0);
	const rc = await ids('filter[relationships.services.data[*].id]=eq(%22Read-Connection-Router%22)');
	t.assert.ok(rc.length >= 2);
	t.assert.deepStrictEqual(
		(await ids('filter[relationships.services.data[*].id]=not(eq(%22Read-Connection-Router%22))')).length + rc.length,
		sim.sessions().filter(session => session.user !== undefined).length,
	);
	t.assert.deepStrictEqual(await ids('filter=nonsense'), await ids(''));

	for (const [query, detail] of [
		['filter=/attributes/user=batch', 'Not a valid filter expression: batch'],
		['filter=/attributes/idle=gt(', 'Invalid JSON: '],
		['filter[sessions]=/attributes/user=%22batch%22', 'Not a valid filter expression: /attributes/user="batch"'],
	] as const) {
		const reply = await request(sim, `/v1/sessions?${query}`);
		t.assert.deepStrictEqual([reply.status, reply.json<ErrorReply>().errors[0]?.detail], [400, detail], query);
	}

	const older = await withSimulator(t, {version: '22.08', sessions: 5});
	const all = await request(older, '/v1/sessions?filter=/attributes/user=batch');
	t.assert.strictEqual(all.status, 200, 'before 24.02 a filter that is not JSON is ignored');
	t.assert.strictEqual(all.json<ListReply>().data.length, 5);
});

test('conditional requests: 304 for a matching ETag or an unchanged resource, the whole resource otherwise', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 5});
	const id = sim.sessions().find(session => session.user !== undefined)!.id;
	const services = await request(sim, '/v1/services');
	const etag = String(services.headers.etag);
	t.assert.strictEqual((await request(sim, '/v1/services', {headers: {'if-none-match': etag}})).status, 304);
	t.assert.strictEqual((await request(sim, '/v1/services', {headers: {'if-match': '"bogus"'}})).status, 412);

	const sparse = await request(sim, '/v1/sessions?fields[sessions]=user', {headers: {'if-none-match': '"bogus"'}});
	t.assert.strictEqual(sparse.headers.etag, undefined);
	t.assert.ok('idle' in sparse.json<ListReply>().data[0]!.attributes, 'a failed If-None-Match returns the whole list, fields ignored');

	const listed = String((await request(sim, '/v1/sessions')).headers['last-modified']);
	sim.advance(5000);
	t.assert.strictEqual((await request(sim, '/v1/sessions', {headers: {'if-modified-since': listed}})).status, 304, 'idle moved, but no REST write did');
	const patch = await request(sim, `/v1/sessions/${id}`, {method: 'PATCH', headers: {'if-match': '"0000"'}, body: '{"data":{"attributes":{"parameters":{"log_info":true}}}}'});
	t.assert.strictEqual(patch.status, 412);
	t.assert.strictEqual(sim.sessions().find(session => session.id === id)!.logLevels['log_info'], true, 'applied before the check, as 24.02.3 does');
	t.assert.strictEqual((await request(sim, '/v1/sessions', {headers: {'if-modified-since': listed}})).status, 200, 'a write to a session moves the list');
});
