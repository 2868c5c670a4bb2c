import {readFileSync} from 'node:fs';
import {test, type TestContext} from 'node:test';
import {
	fixturesRoot,
	readFixture,
	realSessions,
	request,
	withSimulator,
	type OneReply,
} from './support.js';
import {shapeErrors, shapeOf} from './shape.js';

const folder = 'maxscale-24.02.3';

/**
The requests maxctrl 24.02's commands made to a real 24.02.3, in order (every command exited 0
there), and the capture of the same request that the simulator's answer must match.
*/
const commands = readFileSync(new URL(`${folder}/maxctrl-commands.tsv`, fixturesRoot), 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map(line => {
		const [command, exit, requests] = line.split('\t') as [string, string, string];
		return {command, exit, requests: requests.split(', ').map(item => item.split(' ') as [string, string])};
	});

const captureOf: Record<string, string | undefined> = {
	'/v1/servers': 'servers.json',
	'/v1/services': 'services.json',
	'/v1/services/': 'services.json',
	'/v1/listeners': 'listeners.json',
	'/v1/listeners/': 'listeners.json',
	'/v1/monitors': 'monitors.json',
	'/v1/monitors/': 'monitors.json',
	'/v1/sessions': 'sessions-list.json',
	'/v1/sessions/': 'sessions-list.json',
	'/v1/sessions/?rdns=true': 'sessions-list-rdns.json',
	'/v1/sessions?rdns=true': 'sessions-list-rdns.json',
	'/v1/sessions/<id>': 'session-get-idle-rwsplit.json',
	'/v1/filters': 'filters.json',
	'/v1/filters/': 'filters.json',
	'/v1/maxscale/modules': 'maxscale-modules-list.json',
	'/v1/maxscale/modules/': 'maxscale-modules-list.json',
	'/v1/users': 'users.json',
	'/v1/maxscale/threads': 'maxscale-threads.json',
	'/v1/maxscale/threads/0': 'maxscale-threads-0.json',
	'/v1/maxscale': 'maxscale.json',
	'/v1/servers/server1': 'server-server1.json',
	// No capture of the logging settings exists; checked below by what maxctrl reads.
	'/v1/maxscale/logs': undefined,
};

// Keys whose own keys are data: connection attributes, per-server buffers.
const freeForm = ['connection_attributes', 'backends'];

test('every request of maxctrl\'s commands is answered as the real 24.02.3 answered it', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 30, adminSecureGui: false});
	const id = sim.sessions().find(session => session.user !== undefined)!.id;
	t.assert.ok(commands.length >= 25, 'the command list was read');
	const sessionShape = shapeOf(...realSessions(folder));
	for (const {command, exit, requests} of commands) {
		t.assert.strictEqual(exit, '0', command);
		for (const [method, template] of requests) {
			const path = template.replace('<id>', () => id);
			const reply = await request(sim, path, {method});
			t.assert.strictEqual(reply.status, 200, `${command}: ${method} ${path}`);
			if (method === 'POST') {
				t.assert.strictEqual(reply.text, '', `${command}: writes answer with an empty body`);
				continue;
			}

			t.assert.ok(template in captureOf, `${template} has a capture named`);
			const capture = captureOf[template];
			if (capture === undefined) {
				const {data} = reply.json<OneReply<{log_file: unknown; log_priorities: unknown; parameters: unknown}>>();
				t.assert.strictEqual(typeof data.attributes.log_file, 'string', command);
				t.assert.ok(Array.isArray(data.attributes.log_priorities), command);
				t.assert.strictEqual(typeof data.attributes.parameters, 'object', command);
				continue;
			}

			const real = readFixture<{data: unknown}>(folder, capture);
			const body = reply.json<{data: unknown}>();
			t.assert.deepStrictEqual(Object.keys(body).sort(), Object.keys(real).sort(), `${command}: top-level keys`);
			const realItems: unknown[] = Array.isArray(real.data) ? real.data as unknown[] : [real.data];
			const items: unknown[] = Array.isArray(body.data) ? body.data as unknown[] : [body.data];
			t.assert.ok(items.length > 0, `${command}: some items`);
			// A list's sessions vary (handshakes have no user yet): every real session is the shape.
			const shape = capture.startsWith('session') ? sessionShape : shapeOf(...realItems);
			for (const [index, item] of items.entries()) {
				t.assert.deepStrictEqual(shapeErrors(shape, item, `${command}[${index}]`, freeForm), []);
			}
		}
	}
});

test('servers, listeners and monitors agree with the simulated services and sessions', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '24.02', sessions: 60});
	const servers = (await request(sim, '/v1/servers')).json<{data: Array<{id: string; attributes: {state: string; statistics: {connections: number}}; links: {self: string}}>}>().data;
	const sessions = sim.sessions();
	for (const server of servers) {
		const using = sessions.filter(session => session.servers.includes(server.id)).length;
		t.assert.strictEqual(server.attributes.statistics.connections, using, server.id);
		t.assert.strictEqual(server.links.self, `${sim.url}/v1/servers/${server.id}/`);
	}

	const named = new Set(sessions.flatMap(session => session.servers));
	t.assert.ok([...named].every(name => servers.some(server => server.id === name)), 'every server a session names is listed');
	t.assert.deepStrictEqual(servers.filter(server => server.attributes.state.startsWith('Master')).map(server => server.id), ['server1']);

	const services = (await request(sim, '/v1/services')).json<{data: Array<{id: string}>}>().data;
	const listeners = (await request(sim, '/v1/listeners')).json<{data: Array<{relationships: {services: {data: Array<{id: string}>}}}>}>().data;
	t.assert.deepStrictEqual(listeners.map(item => item.relationships.services.data[0]!.id).sort(), services.map(service => service.id).sort());

	const monitor = (await request(sim, '/v1/monitors/MariaDB-Monitor')).json<{data: {relationships: {servers: {data: Array<{id: string}>}}}}>().data;
	t.assert.deepStrictEqual(monitor.relationships.servers.data.map(item => item.id), servers.map(server => server.id));
	t.assert.strictEqual((await request(sim, '/v1/servers/nosuch')).status, 404);
	t.assert.strictEqual((await request(sim, '/v1/maxscale/modules/readwritesplit')).json<OneReply>().data.id, 'readwritesplit');
	t.assert.strictEqual((await request(sim, '/v1/maxscale/logs/data')).json<OneReply>().data.type, 'log_data');
});
