import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {
	mkdir,
	mkdtemp,
	readFile,
	readdir,
	rm,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ensureBuilt} from '../helpers/build.js';
import {startPty} from '../helpers/pty.js';

const demo = ['--demo', '--demo-churn', '0', '--demo-seed', '3', '--demo-sessions', '6'];

before(() => {
	ensureBuilt();
});

/**
The built maxtop at 80x24 with its own config folder: start, type `keys`, quit with q.
*/
async function runAndQuit(home: string, arguments_: string[], keys: string[]): Promise<string> {
	const pty = startPty([...demo, ...arguments_], {columns: 80, rows: 24, env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}});
	try {
		await pty.waitFor(text => /\b\d+ sessions/v.test(text) && /^q quit/mv.test(text), 10_000, 'the session table');
		for (const key of keys) {
			pty.write(key);
		}

		const screen = keys.includes('+') ? await pty.waitFor(text => /refresh every \d+s requested/v.test(text), 5000, 'the new interval') : pty.text();
		pty.write('q');
		assert.equal((await pty.exited).exitCode, 0);
		return screen;
	} finally {
		pty.kill('SIGKILL');
	}
}

test('maxtop -d 1 then q: the flag is not saved for the next run; + inside the program is, over the saved file', async t => {
	const home = await mkdtemp(path.join(tmpdir(), 'maxtop-home-'));
	t.after(async () => rm(home, {recursive: true, force: true}));
	const folder = path.join(home, '.config', 'maxtop');
	const file = path.join(folder, 'config.ini');

	await runAndQuit(home, ['-d', '1', '--sort', 'idle'], []);
	await assert.rejects(readFile(file), {code: 'ENOENT'}, 'flags alone wrote a preferences file');

	await mkdir(folder, {recursive: true});
	const saved = '[maxtop]\ninterval = 5\ntheme = light\n';
	await writeFile(file, saved, {mode: 0o600});
	await runAndQuit(home, ['-d', '1', '--theme', 'mono'], []);
	assert.equal(await readFile(file, 'utf8'), saved);

	const screen = await runAndQuit(home, ['-d', '1'], ['+']);
	assert.match(screen, /refresh every 2s requested/v);
	const text = await readFile(file, 'utf8');
	assert.match(text, /^interval = 2$/mv);
	assert.match(text, /^theme = light$/mv);
	assert.doesNotMatch(text, /^sort/mv);
	assert.deepEqual(await readdir(folder), ['config.ini'], 'no temporary file left');
});
