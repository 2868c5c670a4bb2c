import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {sid} from '../helpers/session-id.js';

// Ports on the fetch standard's "bad ports" list that an admin API may still listen on.
const blockedPorts = [6000, 6665, 6666, 6667, 6668, 6669, 10_080, 6697, 4190, 5060, 5061, 6566];

const sessions = {data: [{id: '1', type: 'sessions', attributes: {user: 'app'}}]};

async function listen(server: Server, port: number): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			server.off('listening', onListening);
			if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
				resolve(false);
			} else {
				reject(error);
			}
		};

		const onListening = () => {
			server.off('error', onError);
			resolve(true);
		};

		server.once('error', onError);
		server.once('listening', onListening);
		server.listen(port, '127.0.0.1');
	});
}

/** A MaxScale stand-in on the first free port of the blocked list. */
async function serveOnBlockedPort(): Promise<{server: Server; port: number; seen: string[]}> {
	const seen: string[] = [];
	const server = createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		const url = request.url ?? '';
		const body = url.startsWith('/v1/maxscale')
			? {data: {id: 'maxscale', type: 'maxscale', attributes: {version: '24.02.3', started_at: 'Sun, 22 Nov 2026 22:00:00 GMT'}}}
			: (/^\/v1\/sessions(?:\?|$)/v.test(url) ? sessions : undefined);
		response.writeHead(body ? 200 : 204, {connection: 'close', ...(body && {'content-type': 'application/json'})});
		response.end(body ? JSON.stringify(body) : undefined);
	});
	for (const port of blockedPorts) {
		if (await listen(server, port)) {
			return {server, port, seen};
		}
	}

	throw new Error(`every port of ${blockedPorts.join(', ')} is taken on 127.0.0.1`);
}

test('a MaxScale on a port the fetch standard blocks is reached, for reads and writes', async t => {
	const {server, port, seen} = await serveOnBlockedPort();
	t.after(() => {
		server.close();
	});
	const client = createClient({
		baseUrl: `http://127.0.0.1:${port}`, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	});
	t.after(async () => client.close?.());
	assert.equal((await client.getServerInfo()).versionText, '24.02.3');
	const listed = await client.listSessions();
	assert.deepEqual(listed.sessions.map(session => session.user), ['app']);
	await client.killSession(sid('1'));
	assert.ok(seen.some(line => line.startsWith('GET /v1/sessions')), seen.join(', '));
	assert.ok(seen.includes('DELETE /v1/sessions/1'), seen.join(', '));
});

test('port 1 with nothing listening: connection refused, not "bad port"', async () => {
	const client = createClient({
		baseUrl: 'http://127.0.0.1:1', user: 'admin', password: 'mariadb', timeoutMs: 5000,
	}, {retryDelayMs: () => 1});
	try {
		await assert.rejects(client.getServerInfo(), (error: unknown) => {
			assert.ok(error instanceof ApiError);
			assert.equal(error.kind, 'refused');
			assert.equal(error.message, 'could not connect to MaxScale at 127.0.0.1:1 (connection refused)');
			return true;
		});
	} finally {
		await client.close?.();
	}
});
