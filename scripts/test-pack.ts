/*
`npm run test:pack`: the npm tarball installs into an empty directory and runs
`maxtop --once` against a simulator on loopback.
*/
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {startSimulator} from '../source/simulator/index.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = await mkdtemp(path.join(os.tmpdir(), 'maxtop-pack-'));
const simulator = await startSimulator({sessions: 12, seed: 5});
try {
	const {stdout: packed} = await run('npm', ['pack', '--json', '--pack-destination', work], {cwd: root, encoding: 'utf8'});
	const [{filename, files}] = JSON.parse(packed) as [{filename: string; files: Array<{path: string}>}];
	const stray = files.map(file => file.path).filter(file => !/^(?:dist\/|readme\.md$|package\.json$|license$)/i.test(file));
	assert.deepEqual(stray, [], 'the package holds only dist/, readme and package.json');
	await run('npm', ['init', '-y'], {cwd: work});
	await run('npm', ['install', '--no-audit', '--no-fund', path.join(work, filename)], {cwd: work, encoding: 'utf8'});
	const {stdout} = await run('npx', ['--no-install', 'maxtop', '--once', '--format', 'tsv', '--hosts', new URL(simulator.url).host], {cwd: work, encoding: 'utf8'});
	const lines = stdout.trim().split('\n');
	assert.equal(lines.length, simulator.sessions().length + 1, 'a header row and one row per session');
	console.log(`ok - ${filename} (${files.length} files) installs into an empty directory and prints ${lines.length - 1} sessions`);
	console.log('1 passed, 0 failed');
} finally {
	await simulator.close();
	await rm(work, {recursive: true, force: true});
}
