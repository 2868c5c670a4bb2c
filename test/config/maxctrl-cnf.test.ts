import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	chmod,
	mkdtemp,
	rm,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {loadMaxctrlCnf, parseMaxctrlCnf} from '../../source/config/maxctrl-cnf.js';

// Chmod after writing: the process umask would mask a mode given to writeFile.
async function writeWithMode(file: string, text: string, mode: number): Promise<void> {
	await writeFile(file, text);
	await chmod(file, mode);
}

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-cnf-'));
	try {
		await run(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}

test('short and long keys of the [maxctrl] section', () => {
	const short = parseMaxctrlCnf('[maxctrl]\nu = bob\np = pw\nh = a:1,b:2\nt = 5s\ns = true\nn = false\n', 'f.cnf');
	assert.deepEqual(short, {
		ok: true, path: 'f.cnf', values: {
			user: 'bob', password: 'pw', hosts: 'a:1,b:2', timeout: '5s', secure: true, tlsVerifyServerCert: false,
		},
	});
	const long = parseMaxctrlCnf([
		'# comment',
		'[maxctrl]',
		'user=al',
		'password=x=y',
		'hosts=h:1',
		'timeout=100',
		'secure',
		'tls-ca-cert=/ca',
		'tls-cert=/c',
		'tls-key=/k',
		'tls-passphrase=pp',
		'tls-verify-server-cert=true',
		'skip-sync=true',
		'[other]',
		'user=ignored',
	].join('\n'), 'f.cnf');
	assert.deepEqual(long, {
		ok: true, path: 'f.cnf', values: {
			user: 'al', password: 'x=y', hosts: 'h:1', timeout: '100', secure: true, tlsCaCert: '/ca', tlsCert: '/c', tlsKey: '/k', tlsPassphrase: 'pp', tlsVerifyServerCert: true,
		},
	});
	assert.deepEqual(parseMaxctrlCnf('[client]\nuser=x\n', 'f.cnf'), {ok: true, path: 'f.cnf', values: {}});
});

test('malformed files are one-line errors naming the file', () => {
	for (const [text, pattern] of [
		['[maxctrl\nuser=x', /f\.cnf: line 1: malformed section header/v],
		['[maxctrl]\nthis is not a setting', /f\.cnf: line 2: expected key = value/v],
		['[maxctrl]\nsecure=maybe', /f\.cnf: secure must be true or false/v],
		['\u{0}\u{1}binary', /not a text file/v],
	] as const) {
		const result = parseMaxctrlCnf(text, 'f.cnf');
		assert.equal(result.ok, false, text);
		assert.match((result as {error: string}).error, pattern);
	}
});

test('permissions: any right for the group or others is refused with the chmod 600 hint; owner-only modes are fine', async () => {
	await withDirectory(async directory => {
		const file = path.join(directory, 'test.cnf');
		await writeWithMode(file, '[maxctrl]\nu=bob\n', 0o644);
		const refused = await loadMaxctrlCnf(file, {explicit: true});
		assert.equal(refused.ok, false);
		assert.equal((refused as {error: string}).error, `${file} must not be readable, writable or executable by its group or others (mode 0644); run: chmod 600 ${file}`);

		for (const mode of [0o640, 0o660, 0o610, 0o620, 0o604, 0o602, 0o601]) {
			const name = path.join(directory, `g${mode.toString(8)}.cnf`);
			await writeWithMode(name, '[maxctrl]\nu=bob\n', mode);
			const result = await loadMaxctrlCnf(name, {explicit: true});
			assert.equal(result.ok, false, mode.toString(8));
			assert.ok((result as {error: string}).error.endsWith(`(mode 0${mode.toString(8)}); run: chmod 600 ${name}`), mode.toString(8));
		}

		for (const mode of [0o600, 0o400, 0o700]) {
			const name = path.join(directory, `m${mode.toString(8)}.cnf`);
			await writeWithMode(name, '[maxctrl]\nu=bob\n', mode);
			assert.deepEqual(await loadMaxctrlCnf(name, {explicit: true}), {ok: true, path: name, values: {user: 'bob'}});
		}
	});
});

test('missing default is fine, missing explicit is an error, name must end in .cnf', async () => {
	await withDirectory(async directory => {
		assert.deepEqual(await loadMaxctrlCnf(path.join(directory, '.maxctrl.cnf'), {explicit: false}), {ok: true, values: {}});
		const missing = await loadMaxctrlCnf(path.join(directory, 'nope.cnf'), {explicit: true});
		assert.equal(missing.ok, false);
		assert.match((missing as {error: string}).error, /cannot read .*nope\.cnf: no such file/v);
		const ini = await loadMaxctrlCnf(path.join(directory, 'x.ini'), {explicit: true});
		assert.match((ini as {error: string}).error, /must end in \.cnf/v);
		const directoryResult = await loadMaxctrlCnf(path.join(directory, 'd.cnf'), {explicit: true});
		assert.equal(directoryResult.ok, false);
	});
});
