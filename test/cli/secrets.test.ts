import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync, rmSync} from 'node:fs';
import {createServer, type Socket} from 'node:net';
import path from 'node:path';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {
	cleanEnvironment,
	cliPath,
	type CliRun,
	ensureCliBuilt,
	runCli,
} from '../helpers/cli-run.js';

/*
A password given inside a host URL (`http://user:pw@host:port`) is used for the requests and
never printed back: not in errors, output, recordings or the process list.
*/

const cli = cliPath;
const {home, env} = cleanEnvironment('maxtop-secrets-home-');
const secret = 'Pw-9f3kq7Zx';

async function run(args: string[]): Promise<CliRun> {
	return runCli(args, env);
}

let simulator: Simulator;

before(async () => {
	ensureCliBuilt();
	simulator = await startSimulator({
		sessions: 12, seed: 5, manualClock: true, users: [{name: 'ops', password: secret, account: 'admin'}],
	});
});

after(async () => {
	await simulator.close();
	rmSync(home, {recursive: true, force: true});
});

test('the URL\'s credentials reach MaxScale; output and the recording name the host without them', async () => {
	const {host} = new URL(simulator.url);
	const file = path.join(home, 'secret.ndjson');
	const result = await run(['--once', '--format', 'json', '--record', file, '--hosts', `http://ops:${secret}@${host}`, '--no-tokens']);
	assert.equal(result.code, 0, result.stderr);
	const sessions = JSON.parse(result.stdout) as Array<{host: string}>;
	assert.equal(sessions.length, simulator.sessions().length);
	assert.equal(sessions[0]!.host, host);
	const recording = readFileSync(file, 'utf8');
	assert.ok(recording.includes(`"host":"${host}"`), recording.slice(0, 200));
	assert.ok(!recording.includes(secret) && !result.stdout.includes(secret) && !result.stderr.includes(secret));
});

test('errors print the host URL with its password masked', async () => {
	const {host} = new URL(simulator.url);
	const wrong = await run(['--once', '--hosts', `http://ops:${secret}x@${host}`, '--no-tokens']);
	assert.equal(wrong.code, 1);
	const bad = await run(['--once', '--hosts', `http://ops:${secret}@127.0.0.1:99999`]);
	assert.equal(bad.code, 2);
	assert.equal(bad.stderr, 'maxtop: bad host \'http://ops:***@127.0.0.1:99999\': not a valid URL\n');
	for (const result of [wrong, bad]) {
		assert.ok(!result.stderr.includes(secret) && !result.stdout.includes(secret), result.stderr);
	}
});

test('the process list shows the command with passwords masked', async t => {
	// A MaxScale that accepts and never answers keeps the run going while its title is read.
	const sockets: Socket[] = [];
	const server = createServer(socket => sockets.push(socket));
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	const child = spawn(process.execPath, [cli, '--once', '--timeout', '30s', '--hosts', `http://ops:${secret}@127.0.0.1:${port}`, '-p', secret, '--tls-passphrase', secret], {env, stdio: 'ignore'});
	t.after(() => {
		child.kill('SIGKILL');
		for (const socket of sockets) {
			socket.destroy();
		}

		server.close();
	});
	while (sockets.length === 0) {
		await once(server, 'connection');
	}

	const title = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
	assert.ok(!title.includes(secret), title);
	assert.match(title, /^maxtop --once .*http:\/\/ops:\*\*\*@127\.0\.0\.1:\d+ -p \*\*\* --tls-passphrase \*\*\*$/v);
});
