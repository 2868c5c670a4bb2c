import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	rm,
	stat,
	utimes,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {
	loadPreferences,
	preferencesPath,
	removeStaleTemporaries,
	savePreferences,
	type Preferences,
} from '../../source/config/preferences.js';

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-prefs-'));
	try {
		await run(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

const full: Preferences = {
	sort: 'idle', sortDescending: false, columns: ['id', 'user', 'idle'], intervalSeconds: 1.5, theme: 'light', groupBy: 'client',
};

test('preferencesPath follows XDG_CONFIG_HOME, else ~/.config', () => {
	assert.equal(preferencesPath({XDG_CONFIG_HOME: '/x/conf'}, '/home/a'), '/x/conf/maxtop/config.ini');
	assert.equal(preferencesPath({}, '/home/a'), '/home/a/.config/maxtop/config.ini');
	assert.equal(preferencesPath({XDG_CONFIG_HOME: 'relative'}, '/home/a'), '/home/a/.config/maxtop/config.ini');
});

test('round trip, mode 0600, in a new directory', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'new', 'maxtop', 'config.ini');
		assert.deepEqual(await loadPreferences(file), {preferences: {}});
		await savePreferences(full, file);
		assert.deepEqual(await loadPreferences(file), {preferences: full});
		assert.equal((await stat(file)).mode & 0o777, 0o600);
		await savePreferences({sort: 'memory'}, file);
		assert.deepEqual(await loadPreferences(file), {preferences: {sort: 'memory'}});
		assert.equal((await stat(file)).mode & 0o777, 0o600);
	});
});

test('atomic write: no temporary file is left, and a failed write leaves the old file whole', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		await savePreferences(full, file);
		assert.deepEqual(await readdir(directory), ['config.ini']);
		const before = await readFile(file, 'utf8');
		const columns = ['id'];
		columns.join = () => {
			throw new Error('boom');
		};

		await assert.rejects(savePreferences({sort: 'idle', columns}, file), /boom/v);
		assert.equal(await readFile(file, 'utf8'), before);
		assert.deepEqual(await readdir(directory), ['config.ini']);
	});
});

test('never writes a password or anything else it does not know', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		await savePreferences({...full, password: 'hunter2', user: 'admin'} as Preferences, file);
		const text = await readFile(file, 'utf8');
		assert.ok(!text.includes('hunter2'));
		assert.ok(!text.includes('password'));
		assert.ok(!text.includes('admin'));
	});
});

test('a corrupt file: one-line warning, defaults, and a backup before it is replaced', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		const corrupt = 'sort = idle\nsort = sideways\n';
		await writeFile(file, corrupt);
		const loaded = await loadPreferences(file);
		assert.deepEqual(loaded.preferences, {});
		assert.match(loaded.warning!, /ignoring preferences .*config\.ini \(line 2: unknown sort key 'sideways'\); using defaults/v);
		assert.ok(!loaded.warning!.includes('\n'));
		assert.equal(await readFile(file, 'utf8'), corrupt, 'loading does not touch it');

		await savePreferences({sort: 'age'}, file);
		assert.equal(await readFile(file + '.bad', 'utf8'), corrupt);
		assert.deepEqual((await loadPreferences(file)).preferences, {sort: 'age'});
	});
});

test('other corrupt contents', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		for (const text of ['\u{0}\u{1}', 'garbage line', 'interval = -1', 'interval = soon', 'columns = id,nope', 'theme = neon', 'group-by = moon', 'sort-descending = maybe', 'password = x']) {
			await writeFile(file, text);
			const loaded = await loadPreferences(file);
			assert.deepEqual(loaded.preferences, {}, text);
			assert.ok(loaded.warning, text);
		}
	});
});

test('an unreadable file: warning and defaults; saving keeps it as .bad', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		// A directory where the file should be: unreadable as a file even for root.
		await mkdir(file);
		const loaded = await loadPreferences(file);
		assert.deepEqual(loaded.preferences, {});
		assert.match(loaded.warning!, /cannot read preferences .*: is a directory; using defaults/v);
		await savePreferences({theme: 'mono'}, file);
		assert.ok((await stat(file + '.bad')).isDirectory());
		assert.deepEqual((await loadPreferences(file)).preferences, {theme: 'mono'});
	});
});

/**
The pid of a process that has exited (a save killed half-way leaves its temporary file behind).
*/
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await once(child, 'exit');
	return child.pid!;
}

test('temporary files of a save that was cut short are removed at the next start; a running save keeps its own', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		await savePreferences(full, file);
		const dead = await deadPid();
		const leftOvers = [`.config.ini.${dead}.0a1b2c3d.tmp`, `.config.ini.${dead}.ffffffff.tmp`];
		const running = `.config.ini.${process.pid}.12345678.tmp`;
		const unrelated = ['.config.ini.swp', 'notes.tmp', '.config.ini.abc.tmp'];
		for (const name of [...leftOvers, running, ...unrelated]) {
			await writeFile(path.join(directory, name), 'sort = idle\n');
		}

		assert.deepEqual(await loadPreferences(file), {preferences: full});
		assert.deepEqual((await readdir(directory)).sort(), [running, ...unrelated, 'config.ini'].sort());

		// An hour old, its pid taken over by a live process: no save takes that long.
		const hourAgo = new Date(Date.now() - (61 * 60 * 1000));
		await utimes(path.join(directory, running), hourAgo, hourAgo);
		await savePreferences({sort: 'age'}, file);
		assert.deepEqual((await readdir(directory)).sort(), [...unrelated, 'config.ini'].sort());
		assert.deepEqual((await loadPreferences(file)).preferences, {sort: 'age'});
	});
});

test('sweeping a folder that does not exist (no preferences yet) is quiet', async () => {
	await withDirectory(async directory => {
		await removeStaleTemporaries(path.join(directory, 'missing', 'config.ini'));
		assert.deepEqual(await loadPreferences(path.join(directory, 'missing', 'config.ini')), {preferences: {}});
	});
});

test('a save killed between writing and renaming leaves nothing behind after the next start', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		// A real process stopped by SIGKILL inside its save, after the temporary file exists.
		const script = `
			import {createRequire, syncBuiltinESMExports} from 'node:module';
			const fs = createRequire(import.meta.url)('node:fs/promises');
			fs.rename = async () => {
				process.kill(process.pid, 'SIGKILL');
				await new Promise(() => {});
			};
			syncBuiltinESMExports();
			const {savePreferences} = await import(${JSON.stringify(new URL('../../source/config/preferences.ts', import.meta.url).href)});
			await savePreferences({sort: 'idle'}, ${JSON.stringify(file)});
		`;
		const child = spawn(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Uint8Array) => {
			stderr += String(chunk);
		});
		await once(child, 'exit');
		assert.equal(child.signalCode, 'SIGKILL', stderr);
		const left = await readdir(directory);
		assert.equal(left.length, 1, left.join(','));
		assert.match(left[0]!, /^\.config\.ini\.\d+\.[\da-f]+\.tmp$/v);

		assert.deepEqual(await loadPreferences(file), {preferences: {}});
		assert.deepEqual(await readdir(directory), []);
	});
});

test('the file is ini: settings at the top or under [maxtop], comments, quotes; written back in the same shape', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'config.ini');
		await writeFile(file, '; hand-written\nsort = idle\n\n[maxtop]\n# columns as a list\ncolumns = "id,user"\nsort-descending = true\r\n');
		assert.deepEqual(await loadPreferences(file), {preferences: {sort: 'idle', columns: ['id', 'user'], sortDescending: true}});
		await savePreferences({sort: 'age', intervalSeconds: 3}, file);
		assert.equal(await readFile(file, 'utf8'), '# maxtop display preferences: what you change inside maxtop is written here on quit (not with --no-save).\n[maxtop]\nsort = age\ninterval = 3\n');
		await writeFile(file, '[maxtop]\ntheme = dark\n[other]\nsort = idle\n');
		assert.match((await loadPreferences(file)).warning ?? '', /\(unknown section \[other\]\)/v);
	});
});
