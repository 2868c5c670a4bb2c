/*
`npm run test:binary`: the single executable must run with an empty environment and no Node on
PATH: --version, --help, and --once --format json against a simulator on loopback.
*/
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {startSimulator} from '../source/simulator/index.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = path.join(root, 'build/maxtop');
// `env -i`: nothing inherited, so no PATH and no Node to fall back on.
const bare = async (args: string[]) => run('env', ['-i', binary, ...args], {encoding: 'utf8'});

const simulator = await startSimulator({sessions: 25, seed: 3});
let failures = 0;
async function check(name: string, body: () => Promise<void>) {
	try {
		await body();
		console.log(`ok - ${name}`);
	} catch (error) {
		failures++;
		console.log(`not ok - ${name}\n  ${String(error).replaceAll('\n', '\n  ')}`);
	}
}

await check('--version prints the package version', async () => {
	const {stdout} = await bare(['--version']);
	assert.match(stdout.trim(), /^\d+\.\d+\.\d+$/);
});
await check('--help lists the flags and keys', async () => {
	const {stdout} = await bare(['--help']);
	assert.match(stdout, /--hosts/);
	assert.match(stdout, /Keys/);
});
await check('--once --format json reads the simulator', async () => {
	const host = new URL(simulator.url).host;
	const {stdout} = await bare(['--once', '--format', 'json', '--hosts', host]);
	const sessions = JSON.parse(stdout) as Array<{id: string; host: string}>;
	assert.equal(sessions.length, simulator.sessions().length);
	assert.ok(sessions.every(session => session.host === host));
});
await simulator.close();
console.log(`${3 - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
