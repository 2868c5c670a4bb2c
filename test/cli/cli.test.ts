import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {mainFlags} from '../../source/config/flags.js';
import {displayWidth} from '../../source/model/text.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {
	cleanEnvironment,
	cliPath,
	type CliRun,
	ensureCliBuilt,
	runCli,
} from '../helpers/cli-run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = cliPath;
const {home, env} = cleanEnvironment('maxtop-cli-home-');

type Run = CliRun;

async function run(args: string[], timeoutMs = 20_000): Promise<Run> {
	return runCli(args, env, timeoutMs);
}

/** The shape of a usage error, for one deepEqual: exit 2, nothing on stdout, one `maxtop:` line, no stack. */
function usageShape(result: Run): {code: number | undefined; stdout: string; lines: number; prefixed: boolean; stack: boolean} {
	return {
		code: result.code,
		stdout: result.stdout,
		lines: result.stderr.split('\n').length - 1,
		prefixed: result.stderr.startsWith('maxtop: '),
		stack: result.stderr.includes('    at '),
	};
}

const usageError = {
	code: 2, stdout: '', lines: 1, prefixed: true, stack: false,
};

let simulator: Simulator;

before(async () => {
	ensureCliBuilt();
	simulator = await startSimulator({sessions: 12, seed: 5, manualClock: true});
});

after(async () => {
	await simulator.close();
	rmSync(home, {recursive: true, force: true});
});

test('--version prints the package version', async () => {
	const result = await run(['--version']);
	const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
	assert.equal(result.code, 0);
	assert.equal(result.stdout, `${version}\n`);
});

test('--help lists every flag', async () => {
	const result = await run(['--help']);
	assert.equal(result.code, 0);
	for (const spec of mainFlags) {
		const isNegated = spec.type === 'boolean' && spec.default === 'true' && !spec.short;
		assert.ok(result.stdout.includes(isNegated ? `--no-${spec.name}` : `--${spec.name}`), spec.name);
	}

	assert.match(result.stdout, /^Keys$/mv);
});

test('--help and simulate --help fit 80 columns', async () => {
	for (const args of [['--help'], ['simulate', '--help']]) {
		const result = await run(args);
		assert.equal(result.code, 0);
		const lines = result.stdout.split('\n');
		assert.ok(lines.length > 20);
		assert.deepEqual(lines.filter(line => displayWidth(line) > 80), [], args.join(' '));
	}
});

test('an unknown flag is one line and exit 2', async () => {
	const unknown = await run(['--bogus']);
	assert.deepEqual(usageShape(unknown), usageError);
	assert.match(unknown.stderr, /unknown flag --bogus/v);
	const repeated = await run(['--once', '--hosts', 'a:1', '--hosts', 'b:2']);
	assert.deepEqual(usageShape(repeated), usageError);
	assert.match(repeated.stderr, /can only be set once/v);
});

test('a bad interval is exit 2', async () => {
	const result = await run(['--once', '--interval', 'abc']);
	assert.deepEqual(usageShape(result), usageError);
	assert.match(result.stderr, /--interval/v);
});

test('interactive mode without a terminal refuses with the hint', async () => {
	const result = await run([]);
	assert.deepEqual(usageShape(result), usageError);
	assert.equal(result.stderr, 'maxtop: interactive mode needs a terminal; use --once for a one-shot listing\n');
});

test('--once --format json against the simulator', async () => {
	const result = await run(['--once', '--format', 'json', '--hosts', simulator.url]);
	assert.equal(result.code, 0, result.stderr);
	const sessions = JSON.parse(result.stdout) as Array<{id: string; host: string}>;
	assert.equal(sessions.length, simulator.sessions().length);
	assert.deepEqual(new Set(sessions.map(session => session.id)), new Set(simulator.sessions().map(session => session.id)));
	assert.equal(sessions[0]!.host, new URL(simulator.url).host);
});

test('--once --format tsv against the simulator', async () => {
	const result = await run(['--once', '--format', 'tsv', '--hosts', simulator.url, '--columns', 'id,user,idle', '--sort', 'id:asc']);
	assert.equal(result.code, 0, result.stderr);
	const lines = result.stdout.trimEnd().split('\n');
	assert.equal(lines[0], 'id\tuser\tidle');
	assert.equal(lines.length, simulator.sessions().length + 1);
	const ids = lines.slice(1).map(line => Number(line.split('\t', 1)[0]));
	assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
	assert.ok(lines.slice(1).every(line => line.split('\t').length === 3));
});

test('--once against a closed port is exit 1 with one line per host', async () => {
	const server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as {port: number};
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	const result = await run(['--once', '--hosts', `127.0.0.1:${port}`, '--timeout', '3s']);
	assert.equal(result.code, 1);
	assert.equal(result.stdout, '');
	assert.match(result.stderr, new RegExp(String.raw`^maxtop: [^\n]*127\.0\.0\.1:${port}[^\n]*\n$`));
});

test('--once --demo starts its own simulator', async () => {
	const result = await run(['--once', '--demo', '--demo-sessions', '4', '--demo-churn', '0', '--format', 'tsv', '--columns', 'id']);
	assert.equal(result.code, 0, result.stderr);
	assert.equal(result.stdout.trimEnd().split('\n').length, 5);
});

async function simulate(args: readonly string[], check: (url: string) => Promise<void>): Promise<void> {
	const child = spawn(process.execPath, [cli, 'simulate', '--port', '0', '--sessions', '3', '--churn', '0', ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
	try {
		let output = '';
		const url = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`no URL printed: ${output}`));
			}, 15_000);
			child.stdout.setEncoding('utf8');
			child.stdout.on('data', (chunk: string) => {
				output += chunk;
				const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/v.exec(output);
				if (!match) {
					return;
				}

				clearTimeout(timer);
				resolve(match[1]!);
			});
		});
		await check(url);
		const exited = new Promise<number | undefined>(resolve => {
			child.once('exit', resolve);
		});
		child.kill('SIGINT');
		assert.equal(await exited, 0);
	} finally {
		if (child.exitCode === null) {
			child.kill('SIGKILL');
		}
	}
}

const adminHeaders = {authorization: `Basic ${Buffer.from('admin:mariadb').toString('base64')}`};

test('simulate prints its URL, answers, and stops on SIGINT; tokens over HTTP are refused as by default', async () => {
	await simulate([], async url => {
		const response = await fetch(`${url}/v1/sessions`, {headers: adminHeaders});
		assert.equal(response.status, 200);
		assert.equal(((await response.json()) as {data: unknown[]}).data.length, 3);
		const auth = await fetch(`${url}/v1/auth`, {headers: adminHeaders});
		assert.equal(auth.status, 401);
		assert.match(await auth.text(), /Connection is not encrypted/v);
	});
});

test('simulate --admin-secure-gui=false issues tokens over plain HTTP', async () => {
	await simulate(['--admin-secure-gui=false'], async url => {
		const auth = await fetch(`${url}/v1/auth`, {headers: adminHeaders});
		assert.equal(auth.status, 200);
		const {meta} = (await auth.json()) as {meta: {token: string}};
		const response = await fetch(`${url}/v1/sessions`, {headers: {authorization: `Bearer ${meta.token}`}});
		assert.equal(response.status, 200);
	});
});
