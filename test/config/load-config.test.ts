import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	chmod,
	mkdir,
	mkdtemp,
	rm,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {loadConfig} from '../../source/config/load-config.js';
import {parseSimulateOptions} from '../../source/config/parse-simulate.js';
import {simulatorUsers} from '../../source/start/demo.js';
import {interactiveTerminalError} from '../../source/config/terminal.js';

async function withHome(run: (home: string) => Promise<void>): Promise<void> {
	const home = await mkdtemp(path.join(tmpdir(), 'maxtop-home-'));
	try {
		await run(home);
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}

test('reads ~/.maxctrl.cnf and the preferences; flags still win', async () => {
	await withHome(async home => {
		await writeFile(path.join(home, '.maxctrl.cnf'), '[maxctrl]\nu = cnfuser\nhosts = mx:9000\n');
		await chmod(path.join(home, '.maxctrl.cnf'), 0o600);
		await mkdir(path.join(home, '.config', 'maxtop'), {recursive: true});
		await writeFile(path.join(home, '.config', 'maxtop', 'config.ini'), 'sort = age\ninterval = 4\n');
		const result = await loadConfig({interval: '3'}, {}, {home});
		assert.ok(result.ok);
		assert.equal(result.config.hosts[0]!.host, 'mx:9000');
		assert.equal(result.config.hosts[0]!.connection.user, 'cnfuser');
		assert.equal(result.config.sort, 'age');
		assert.equal(result.config.intervalSeconds, 3);
	});
});

test('-c: a missing explicit file and an unsafe default file are errors; ~ expands', async () => {
	await withHome(async home => {
		const missing = await loadConfig({config: '~/other.cnf'}, {}, {home});
		assert.equal(missing.ok, false);
		assert.match((missing as {error: string}).error, new RegExp(`cannot read ${path.join(home, 'other.cnf')}: no such file`));
		assert.equal((await loadConfig({config: ''}, {}, {home})).ok, false);
		await writeFile(path.join(home, '.maxctrl.cnf'), '[maxctrl]\np = secret\n');
		await chmod(path.join(home, '.maxctrl.cnf'), 0o644);
		const unsafe = await loadConfig({}, {}, {home});
		assert.equal(unsafe.ok, false);
		assert.match((unsafe as {error: string}).error, /mode 0644/v);
		assert.ok(!(unsafe as {error: string}).error.includes('secret'));
	});
});

test('a corrupt preferences file is a warning, not an error', async () => {
	await withHome(async home => {
		const preferencesFile = path.join(home, 'prefs.ini');
		await writeFile(preferencesFile, 'theme = plaid\n');
		const result = await loadConfig({}, {}, {home, preferencesFile});
		assert.ok(result.ok);
		assert.equal(result.config.theme, 'dark');
		assert.equal(result.config.warnings!.length, 1);
		assert.match(result.config.warnings![0]!, /unknown theme 'plaid'/v);
	});
});

test('simulate options', () => {
	const result = parseSimulateOptions({
		port: '0', sessions: '10', version: '6', churn: '1.5', seed: '7', cost: true, fault: ['latency:5', 'http-503:/v1/sessions'], tlsKey: 'k.pem', tlsCert: 'c.pem', basicUser: 'viewer:pw:x', adminSecureGui: false,
	});
	assert.ok(result.ok);
	assert.deepEqual(result.value, {
		version: '6', sessions: 10, churnPerSecond: 1.5, port: 0, seed: 7, costModel: true,
		faults: [{kind: 'latency', latencyMs: 5}, {kind: 'http-503', paths: ['/v1/sessions']}],
		tls: {key: 'k.pem', cert: 'c.pem'},
		basicUser: {name: 'viewer', password: 'pw:x'},
		adminSecureGui: false,
	});
	const defaults = parseSimulateOptions({});
	assert.ok(defaults.ok);
	assert.equal(defaults.value.port, 8989);
	assert.equal(defaults.value.sessions, 200);
	assert.equal(defaults.value.adminSecureGui, true, 'MaxScale\'s default');
	for (const [flags, pattern] of [
		[{port: '70000'}, /--port/v],
		[{fault: ['nonsense']}, /--fault: unknown fault/v],
		[{tlsKey: 'k'}, /go together/v],
		[{basicUser: 'nocolon'}, /NAME:PASSWORD/v],
	] as const) {
		const bad = parseSimulateOptions(flags);
		assert.equal(bad.ok, false);
		assert.match((bad as {error: string}).error, pattern);
	}
});

test('interactive mode needs a terminal on both ends and cursor addressing', () => {
	assert.equal(interactiveTerminalError({stdinIsTTY: true, stdoutIsTTY: true, term: 'xterm-256color'}), undefined);
	const hint = 'interactive mode needs a terminal; use --once for a one-shot listing';
	assert.equal(interactiveTerminalError({stdinIsTTY: false, stdoutIsTTY: true, term: 'xterm'}), hint);
	assert.equal(interactiveTerminalError({stdinIsTTY: true, stdoutIsTTY: false, term: 'xterm'}), hint);
	assert.equal(interactiveTerminalError({stdinIsTTY: true, stdoutIsTTY: true, term: 'dumb'}), hint);
});

test('simulate --basic-user with the admin\'s name makes admin a basic account (one account per name)', () => {
	const same = parseSimulateOptions({basicUser: 'admin:mariadb'});
	assert.ok(same.ok);
	assert.deepEqual(simulatorUsers(same.value), [{name: 'admin', password: 'mariadb', account: 'basic'}]);
	const other = parseSimulateOptions({basicUser: 'viewer:pw'});
	assert.ok(other.ok);
	assert.deepEqual(simulatorUsers(other.value).map(user => `${user.name}:${user.account}`), ['admin:admin', 'viewer:basic']);
});
