import {test, type TestContext} from 'node:test';
import {
	readFixture,
	request,
	withSimulator,
	type ListReply,
	type OneReply,
} from './support.js';

test('pretty by default (4 spaces, sorted keys); pretty=false compact; 22.08 only honours pretty=true', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 4});
	const pretty = (await request(sim, '/v1/sessions')).text;
	t.assert.match(pretty, /^\{\n {4}"data": \[\n {8}\{\n/);
	const parsed = JSON.parse(pretty) as ListReply;
	const keys = Object.keys(parsed.data[0]!.attributes);
	t.assert.deepStrictEqual(keys, [...keys].sort());
	for (const value of ['false', '0', 'off', 'no']) {
		t.assert.doesNotMatch((await request(sim, `/v1/sessions?pretty=${value}`)).text, /\n/, value);
	}

	t.assert.match((await request(sim, '/v1/sessions?pretty=true')).text, /\n/);
	const old = await withSimulator(t, {version: '22.08', sessions: 2});
	t.assert.doesNotMatch((await request(old, '/v1/sessions?pretty=yes')).text, /\n/);
	t.assert.match((await request(old, '/v1/sessions?pretty=true')).text, /\n/);
});

const fieldCases = [
	['idle,user,remote', 'sessions-fields-idle-user-remote.json'],
	['user,idle,services', 'sessions-fields-with-services.json'],
	['services/data', 'sessions-fields-services-data-id.json'],
	['memory/total,client/connection_attributes/_client_name,connections', 'sessions-fields-nested.json'],
	['nosuchfield', 'sessions-fields-unknown-field.json'],
	['attributes/idle', 'sessions-fields-attributes-prefix.json'],
] as const;

/**
The nested key paths of an object, e.g. `attributes.memory.total`; arrays count as leaves.
*/
function paths(value: unknown, prefix = ''): string[] {
	return typeof value !== 'object' || value === null || Array.isArray(value) ? [prefix] : Object.entries(value).flatMap(([key, child]) => paths(child, prefix ? `${prefix}.${key}` : key));
}

test('sparse fieldsets keep the same paths as the real 24.02.3 captures', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 6});
	const target = sim.sessions().find(session => session.servers.length > 0 && session.user)!;
	for (const [fields, fixture] of fieldCases) {
		const real = readFixture<{data: unknown[]}>('maxscale-24.02.3', fixture).data[0];
		const reply = (await request(sim, `/v1/sessions/${target.id}?fields[sessions]=${encodeURIComponent(fields)}`)).json<{data: unknown}>().data;
		const simulated = paths(reply).filter(path => !path.startsWith('attributes.client.connection_attributes._')).sort();
		const expected = paths(real).filter(path => !path.startsWith('attributes.client.connection_attributes._')).sort();
		t.assert.deepStrictEqual(simulated.map(path => path.replaceAll(/\d+/g, 'N')), expected.map(path => path.replaceAll(/\d+/g, 'N')), fields);
	}

	const wrongType = (await request(sim, `/v1/sessions/${target.id}?fields[servers]=state`)).json<OneReply>().data;
	t.assert.ok('attributes' in wrongType);
	t.assert.ok('relationships' in wrongType);
	t.assert.ok('memory' in wrongType.attributes);
	const encoded = (await request(sim, '/v1/sessions?fields%5Bsessions%5D=idle,user')).json<ListReply>().data[0]!;
	t.assert.deepStrictEqual(Object.keys(encoded.attributes).sort(), ['idle', 'user']);
	t.assert.strictEqual(encoded.relationships, undefined);
});

test('sparse fieldsets apply to other resources by type; 2.2 ignores them', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 6});
	const services = (await request(sim, '/v1/services?fields[services]=statistics/total_connections,listeners')).json<ListReply<{statistics: Record<string, unknown>}>>();
	for (const service of services.data) {
		t.assert.deepStrictEqual(Object.keys(service.attributes.statistics), ['total_connections']);
		t.assert.deepStrictEqual(Object.keys(service.relationships ?? {}), ['listeners']);
	}

	const version = (await request(sim, '/v1/maxscale?fields[maxscale]=version')).json<OneReply>();
	t.assert.deepStrictEqual(version.data.attributes, {version: '24.02.3'});
	const old = await withSimulator(t, {version: '2.2', sessions: 2});
	const full = (await request(old, '/v1/sessions?fields[sessions]=user')).json<ListReply>().data[0]!;
	t.assert.ok('idle' in full.attributes);
	t.assert.ok('relationships' in full);
});

test('a read closes the connection, an answer to a request with a body names none (24.02.3); JSON content type only with a body; order is not by id', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 12});
	const list = await request(sim, '/v1/sessions?pretty=false');
	t.assert.strictEqual(list.headers.connection, 'close');
	t.assert.strictEqual(list.headers['content-type'], 'application/json');
	const ids = list.json<ListReply>().data.map(session => Number(session.id));
	t.assert.notDeepStrictEqual(ids, [...ids].sort((a, b) => a - b));
	t.assert.strictEqual(new Set(ids).size, 12);
	const patch = await request(sim, `/v1/sessions/${ids[0]}`, {method: 'PATCH', body: '{}'});
	t.assert.strictEqual(patch.status, 200);
	t.assert.strictEqual(patch.text, '');
	t.assert.strictEqual(patch.headers['content-type'], undefined);
	t.assert.strictEqual(patch.headers.connection, undefined);
});
