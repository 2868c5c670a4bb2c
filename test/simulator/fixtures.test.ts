import {test, type TestContext} from 'node:test';
import type {SimulatorVersion} from '../../source/simulator/types.js';
import {
	jwtClaims,
	readFixture,
	realSessions,
	request,
	withSimulator,
	type ListReply,
	type OneReply,
	type Resource,
	type TokenReply,
} from './support.js';
import {shapeErrors, shapeOf} from './shape.js';

const freeForm = ['connection_attributes', 'backends'];

const cases: Array<{version: SimulatorVersion; folder: string}> = [
	{version: '24.02', folder: 'maxscale-24.02.3'},
	{version: '22.08', folder: 'maxscale-22.08.14'},
];

for (const {version, folder} of cases) {
	test(`${version}: sessions have the real ${folder} keys and JSON types`, async (t: TestContext) => {
		const sim = await withSimulator(t, {version, sessions: 40, adminSecureGui: false});
		const target = sim.sessions().find(session => session.user !== undefined && session.servers.length > 0)!;
		const patch = await request(sim, `/v1/sessions/${target.id}`, {method: 'PATCH', body: JSON.stringify({data: {relationships: {filters: {data: [{id: 'my-log-filter'}]}}}})});
		t.assert.strictEqual(patch.status, 200);
		sim.advance(3000);

		const list = (await request(sim, '/v1/sessions')).json<ListReply<{state: string; queries: Array<{completed?: string}>}>>();
		const real = realSessions(folder);
		const sessionShape = shapeOf(...real);
		for (const session of list.data) {
			t.assert.deepStrictEqual(shapeErrors(sessionShape, session, `session ${session.id}`, freeForm), []);
		}

		const kinds = list.data;
		t.assert.ok(kinds.some(session => session.relationships?.filters), 'a session with filters was compared');
		t.assert.ok(kinds.some(session => session.attributes.state === 'Session created'), 'a handshake session was compared');
		t.assert.ok(kinds.some(session => session.attributes.queries.some(query => query.completed === undefined)), 'a running query was compared');
		t.assert.ok(kinds.some(session => session.attributes.queries.some(query => query.completed !== undefined)), 'a finished query was compared');

		const realList = readFixture<Record<string, unknown>>(folder, 'sessions-list.json');
		t.assert.deepStrictEqual(Object.keys(list).sort(), Object.keys(realList).sort());
		t.assert.strictEqual(list.links.self, `${sim.url}/v1/sessions/`);

		const one = (await request(sim, `/v1/sessions/${target.id}`)).json<OneReply>();
		t.assert.deepStrictEqual(shapeErrors(shapeOf(readFixture(folder, 'session-get-idle-rwsplit.json')), {...one, data: {}}, '$', ['data']), []);
		t.assert.deepStrictEqual(shapeErrors(sessionShape, one.data, 'one', freeForm), []);
	});

	test(`${version}: maxscale, threads, services, filters, users and auth match ${folder} key for key`, async (t: TestContext) => {
		const sim = await withSimulator(t, {
			version, sessions: 30, adminSecureGui: false, users: [{name: 'admin', password: 'mariadb', account: 'admin'}, {name: 'ro', password: 'ropwd', account: 'basic'}],
		});
		const compare = async (path: string, fixture: string): Promise<void> => {
			const reply = await request(sim, path);
			t.assert.strictEqual(reply.status, 200, path);
			t.assert.deepStrictEqual(shapeErrors(shapeOf(readFixture(folder, fixture)), reply.json(), path), [], `${path} vs ${fixture}`);
		};

		await request(sim, '/v1/auth', {auth: `Basic ${Buffer.from('ro:ropwd').toString('base64')}`});
		await compare('/v1/maxscale', 'maxscale.json');
		await compare('/v1/maxscale/threads', 'maxscale-threads.json');
		await compare('/v1/maxscale/threads/0', 'maxscale-threads-0.json');
		await compare('/v1/services/RW-Split-Router', 'service-rwsplit.json');
		await compare('/v1/services/Read-Connection-Router', 'service-readconn.json');
		await compare('/v1/filters', 'filters.json');
		await compare('/v1/filters/my-log-filter', 'filter-my-log-filter.json');
		await compare('/v1/filters/my-cache-filter', 'filter-my-cache-filter.json');
		await compare('/v1/users/inet', 'users-list-inet.json');
		await compare('/v1/users', 'users.json');

		const services = (await request(sim, '/v1/services')).json<ListReply>();
		const realServices = readFixture<{data: Resource[]}>(folder, 'services.json');
		t.assert.deepStrictEqual(services.data.map(service => service.id).sort(), realServices.data.map(service => service.id).sort());
		for (const service of services.data) {
			const realOne = realServices.data.find(item => item.id === service.id);
			t.assert.deepStrictEqual(shapeErrors(shapeOf(realOne), service, service.id), []);
		}

		const token = (await request(sim, '/v1/auth')).json<TokenReply>();
		t.assert.deepStrictEqual(shapeErrors(shapeOf(readFixture(folder, 'auth-get-token-admin.json')), token), []);
		const realToken = readFixture<TokenReply>(folder, 'auth-get-token-admin.json').meta.token;
		t.assert.deepStrictEqual(Object.keys(jwtClaims(token.meta.token)).sort(), Object.keys(jwtClaims(realToken)).sort());
		t.assert.deepStrictEqual(JSON.parse(Buffer.from(token.meta.token.split('.', 1)[0]!, 'base64url').toString('utf8')), {alg: 'HS256'});
	});
}
