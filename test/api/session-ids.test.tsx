import {test} from 'node:test';
import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {createClient} from '../../source/api/client.js';
import {sessionIdOf, type SessionId} from '../../source/model/session.js';
import {createPoller} from '../../source/poller/index.js';
import {keys, press, waitFor} from '../helpers/ink.js';
import {startStub, type Stub} from './stub-server.js';

// `013100`: MaxScale never prints a leading zero, and reads the path as a number (session 13100,
// maybe another row). 2^64: past MaxScale's uint64 counter.
const hostileIds = ['.', '..', 'a/b', '../../v1/maxscale', '%2e%2e%2f', '?x=1#y', '1'.repeat(400), '013100', '0', '-1', '12 ', '18446744073709551616'];
// Generous: two cores shared with other test files.
const limitMs = 10_000;

/**
A MaxScale 24.02 that lists one session with id `id` and answers every other request with 200.
*/
async function startServer(id: string): Promise<Stub> {
	const session = {
		id,
		type: 'sessions',
		attributes: {
			state: 'Session started', user: 'u1', remote: '10.0.0.5', port: 40_000, idle: 1, seconds_alive: 5, parameters: {log_info: false},
		},
		relationships: {services: {data: [{id: 'svc', type: 'services'}]}},
	};
	return startStub({
		version: '24.02.3',
		handler(request) {
			if (request.method !== 'GET') {
				return {status: 200};
			}

			if (request.path === '/v1/sessions') {
				return {status: 200, json: {data: [session]}};
			}

			if (request.path.startsWith('/v1/sessions/')) {
				return {status: 200, json: {data: session}};
			}

			return request.path.startsWith('/v1/users/inet/') ? {status: 200, json: {data: {id: 'admin', type: 'inet', attributes: {account: 'admin'}}}} : {status: 200, json: {data: []}};
		},
	});
}

async function withApp(stub: Stub, run: (app: ReturnType<typeof render>, frame: () => string) => Promise<void>): Promise<void> {
	const host = `127.0.0.1:${stub.port}`;
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, {host, retryDelayMs: () => 1});
	const instance = render(<App
		clients={new Map([[host, client]])}
		createPoller={listener => createPoller({hosts: [{host, client}], requestedIntervalMs: 1000, listener})}
		options={{intervalSeconds: 1, sort: 'idle', readOnly: false}}
		size={{columns: 140, rows: 24}}
	/>);
	const frame = () => instance.lastFrame() ?? '';
	try {
		await waitFor(() => /\b1 session\b/v.test(frame()) && frame().includes('u1'), frame, limitMs);
		await run(instance, frame);
	} finally {
		instance.unmount();
		instance.cleanup();
		await stub.close();
	}
}

function writes(stub: Stub): string[] {
	return stub.requests.filter(request => request.method !== 'GET').map(request => request.line);
}

/**
Requests other than the ones the poller sends by itself (version, account, list, threads,
services): a session's own path, or another endpoint a path was turned into.
*/
function unexpectedRequests(stub: Stub): string[] {
	return stub.requests.map(request => request.line).filter(line => !/^GET \/v1\/(?:sessions|services|maxscale\/threads|users\/inet\/admin)\?pretty=false(?:&fields%5Bsessions%5D=[\w%,\-.]+)?$|^GET \/v1\/maxscale\?pretty=false&fields%5Bmaxscale%5D=version%2Cstarted_at$/v.test(line));
}

for (const id of hostileIds) {
	test(`a row with session id ${JSON.stringify(id.length > 30 ? `${id.slice(0, 10)}… (${id.length} chars)` : id)} is shown, but no key sends anything for it`, async () => {
		assert.equal(sessionIdOf(id), undefined);
		const stub = await startServer(id);
		await withApp(stub, async (app, frame) => {
			const refused = 'is not a MaxScale session id (a decimal number): nothing is sent for this row';
			const expectRefused = async (...sequence: string[]) => {
				await press(app, ...sequence);
				await waitFor(() => frame().includes(refused), frame, limitMs);
				// The status line is replaced by the next key's answer; a fresh one each time.
				await press(app, 'p', 'p');
			};

			// Kill, timed kill (the grace prompt never opens), restart, log levels, filter chain.
			await expectRefused('k');
			await expectRefused('r');
			await expectRefused('l');
			await expectRefused('f');
			// From the detail pane too: it shows the row as listed and says why nothing is asked.
			await press(app, keys.enter);
			await waitFor(() => frame().includes('is not a MaxScale session id') && frame().includes('Session '), frame, limitMs);
			await press(app, 'k');
			await waitFor(() => !frame().includes('after how many seconds'), frame);
			await press(app, 'r', 'y', 'f', keys.escape);
			// Bulk kill of every row: the one row is left out, so there is nothing to kill.
			await press(app, 'K');
			await waitFor(() => frame().includes('nothing to kill: no session id there is a MaxScale session id'), frame, limitMs);
			const lists = stub.requests.filter(request => request.path === '/v1/sessions').length;
			await waitFor(() => stub.requests.filter(request => request.path === '/v1/sessions').length > lists, frame, limitMs);
			assert.deepEqual(writes(stub), []);
			assert.deepEqual(unexpectedRequests(stub), []);
		});
	});
}

test('a session with an empty id is not listed (both readers drop it), so nothing can aim at it', async () => {
	const stub = await startServer('');
	const host = `127.0.0.1:${stub.port}`;
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, {host});
	try {
		assert.deepEqual((await client.listSessions()).sessions, []);
	} finally {
		await client.close?.();
		await stub.close();
	}
});

test('a decimal id: each action sends exactly its request line', async () => {
	const stub = await startServer('42');
	await withApp(stub, async (app, frame) => {
		const sent = async (line: string) => {
			await waitFor(() => writes(stub).includes(line), () => `${writes(stub).join('\n')}\n${frame()}`, limitMs);
		};

		await press(app, 'k', keys.enter);
		await waitFor(() => frame().includes('now? [y/N]'), frame, limitMs);
		await press(app, 'y');
		await sent('DELETE /v1/sessions/42');
		await press(app, 'r');
		await waitFor(() => frame().includes('[y/N]'), frame, limitMs);
		await press(app, 'y');
		await sent('POST /v1/sessions/42/restart');
		await press(app, 'l');
		await waitFor(() => frame().includes('[ ] log_info'), frame, limitMs);
		await press(app, keys.space);
		await sent('PATCH /v1/sessions/42');
		await press(app, keys.escape);
		await press(app, 'k', '5', keys.enter);
		await waitFor(() => frame().includes('in 5s? [y/N]'), frame, limitMs);
		await press(app, 'y');
		await sent('DELETE /v1/sessions/42?ttl=5');
		assert.deepEqual(writes(stub), ['DELETE /v1/sessions/42', 'POST /v1/sessions/42/restart', 'PATCH /v1/sessions/42', 'DELETE /v1/sessions/42?ttl=5']);
		assert.ok(stub.requests.some(request => request.line === 'GET /v1/sessions/42?pretty=false'), stub.requests.map(request => request.line).join('\n'));
	});
});

test('the path builder refuses an unchecked id even past the type, and sends nothing', async () => {
	const stub = await startServer('42');
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'mariadb', timeoutMs: 2000,
	}, {host: `127.0.0.1:${stub.port}`});
	try {
		for (const id of hostileIds) {
			const unchecked = id as SessionId;
			for (const call of [
				async () => client.killSession(unchecked),
				async () => client.killSession(unchecked, {graceSeconds: 5}),
				async () => client.restartSession(unchecked),
				async () => client.setLogLevels(unchecked, {log_info: true}),
				async () => client.setFilters(unchecked, []),
				async () => client.getSession(unchecked),
			]) {
				await assert.rejects(call, {kind: 'unsupported', message: /is not a MaxScale session id \(a decimal number\): nothing was sent$/v});
			}
		}

		assert.deepEqual(stub.requests.map(request => request.path).filter(path => path !== '/v1/maxscale'), []);
	} finally {
		await client.close?.();
		await stub.close();
	}
});
