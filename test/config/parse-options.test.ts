import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseOptions, type ConfigFiles, type Env} from '../../source/config/parse-options.js';
import type {Config} from '../../source/config/types.js';

const utf8: Env = {LANG: 'en_US.UTF-8'};

function ok(flags: Record<string, unknown>, env: Env = utf8, files?: ConfigFiles): Config {
	const result = parseOptions(flags, env, files);
	if (!result.ok) {
		assert.fail(`expected ok, got: ${result.error}`);
	}

	return result.config;
}

/** What is wrong with the answer to bad input: undefined when it is a one-line error matching `pattern`. */
function problem(flags: Record<string, unknown>, pattern: RegExp, env: Env = utf8, files?: ConfigFiles): string | undefined {
	const result = parseOptions(flags, env, files);
	const label = JSON.stringify(flags);
	if (result.ok) {
		return `${label}: accepted`;
	}

	return !pattern.test(result.error) || result.error.includes('\n') ? `${label}: ${result.error}` : undefined;
}

test('defaults', () => {
	const config = ok({});
	assert.equal(config.mode, 'interactive');
	assert.deepEqual(config.hosts, [{
		host: '127.0.0.1:8989', connection: {
			baseUrl: 'http://127.0.0.1:8989', user: 'admin', password: 'mariadb', timeoutMs: 10_000, useTokens: true,
		},
	}]);
	assert.equal(config.intervalSeconds, 2);
	assert.equal(config.maxServerShare, 0.1);
	assert.equal(config.sort, 'memory');
	assert.equal(config.sortDescending, undefined);
	assert.equal(config.readOnly, false);
	assert.equal(config.sparseFields, false);
	assert.equal(config.bulkRate, 20);
	assert.equal(config.format, 'table');
	assert.equal(config.count, undefined);
	assert.equal(config.color, 'auto');
	assert.equal(config.theme, 'dark');
	assert.equal(config.ascii, false);
	assert.equal(config.utc, false);
	assert.equal(config.save, true);
	assert.equal(config.verbose, false);
	assert.equal(config.demo, undefined);
	assert.equal(config.passwordPrompt, undefined);
});

test('every connection flag', () => {
	const config = ok({
		hosts: '10.0.0.5:8989,mx2.example.com:9000,[::1]:8989,https://mx3:443',
		user: 'bob',
		password: 's3cret',
		timeout: '2m',
		secure: true,
		tlsCaCert: '/ca.pem',
		tlsCert: '/c.pem',
		tlsKey: '/k.pem',
		tlsPassphrase: 'pp',
		tlsVerifyServerCert: false,
		readOnly: true,
		tokens: true,
	});
	assert.deepEqual(config.hosts.map(entry => [entry.host, entry.connection.baseUrl]), [
		['10.0.0.5:8989', 'https://10.0.0.5:8989'],
		['mx2.example.com:9000', 'https://mx2.example.com:9000'],
		['[::1]:8989', 'https://[::1]:8989'],
		['mx3:443', 'https://mx3:443'],
	]);
	const {connection} = config.hosts[0]!;
	assert.equal(connection.user, 'bob');
	assert.equal(connection.password, 's3cret');
	assert.equal(connection.timeoutMs, 120_000);
	assert.equal(connection.useTokens, true);
	assert.deepEqual(connection.tls, {
		caCert: '/ca.pem', cert: '/c.pem', key: '/k.pem', passphrase: 'pp', verifyServerCert: false,
	});
	assert.equal(config.readOnly, true);
});

test('credentials inside a host URL are used for that host and kept out of its name', () => {
	const config = ok({hosts: 'http://ops:S3cret%2Fpw@mx1:8989,mx2:8989', user: 'admin', password: 'mariadb'});
	assert.deepEqual(config.hosts.map(entry => [entry.host, entry.connection.baseUrl, entry.connection.user, entry.connection.password]), [
		['mx1:8989', 'http://mx1:8989', 'ops', 'S3cret/pw'],
		['mx2:8989', 'http://mx2:8989', 'admin', 'mariadb'],
	]);
});

test('an http:// URL keeps its scheme even with --secure', () => {
	const config = ok({hosts: 'http://mx:8989', secure: true});
	assert.equal(config.hosts[0]!.connection.baseUrl, 'http://mx:8989');
});

test('every display, action and output flag', () => {
	const config = ok({
		interval: '0.5',
		maxServerShare: '25',
		sort: 'idle:asc',
		filter: 'user:batch idle>10m',
		columns: 'id,user,idle',
		color: 'never',
		theme: 'mono',
		ascii: true,
		utc: true,
		save: false,
		verbose: true,
		bulkRate: '5',
		once: true,
		format: 'tsv',
		count: '3',
		record: '/tmp/rec.ndjson',
		fields: true,
	});
	assert.equal(config.mode, 'once');
	assert.equal(config.intervalSeconds, 0.5);
	assert.equal(config.maxServerShare, 0.25);
	assert.equal(config.sort, 'idle');
	assert.equal(config.sortDescending, false);
	assert.equal(config.filter, 'user:batch idle>10m');
	assert.deepEqual(config.columns, ['id', 'user', 'idle']);
	assert.equal(config.color, 'never');
	assert.equal(config.theme, 'mono');
	assert.equal(config.ascii, true);
	assert.equal(config.utc, true);
	assert.equal(config.save, false);
	assert.equal(config.verbose, true);
	assert.equal(config.bulkRate, 5);
	assert.equal(config.format, 'tsv');
	assert.equal(config.count, 3);
	assert.equal(config.record, '/tmp/rec.ndjson');
	assert.equal(config.sparseFields, true);
	assert.equal(ok({sort: 'memory:desc'}).sortDescending, true);
});

test('--replay needs no hosts', () => {
	const config = ok({replay: 'rec.ndjson'});
	assert.equal(config.replay, 'rec.ndjson');
	assert.deepEqual(config.hosts, []);
});

test('ascii follows the locale unless forced', () => {
	assert.equal(ok({}, {LANG: 'C'}).ascii, true);
	assert.equal(ok({}, {}).ascii, true);
	assert.equal(ok({}, {LC_ALL: 'de_DE.utf8'}).ascii, false);
	assert.equal(ok({unicode: true}, {LANG: 'C'}).ascii, false);
});

test('demo flags', () => {
	const config = ok({
		demo: true, demoSessions: '500', demoVersion: '22.08', demoChurn: '5', demoSeed: '42', demoCost: true,
	});
	assert.deepEqual(config.demo, {
		version: '22.08', sessions: 500, churnPerSecond: 5, port: 0, seed: 42, costModel: true, faults: [], adminSecureGui: true,
	});
	assert.equal(config.hosts.length, 1);
	assert.equal(ok({demo: true, tlsKey: 'k.pem', tlsCert: 'c.pem'}).demo!.tls, undefined, '--tls-key and --tls-cert are the client\'s');
	assert.equal(ok({demo: true}).demo!.sessions, 200);
	assert.equal(ok({demo: true}).demo!.version, '24.02');
	assert.equal(ok({demo: true}).demo!.churnPerSecond, 2);
});

test('-p \'\' asks for the password', () => {
	assert.equal(ok({password: ''}).passwordPrompt, true);
	assert.equal(ok({password: 'x'}).passwordPrompt, undefined);
});

test('precedence: flag > env > cnf > default', () => {
	const env = {...utf8, MAXTOP_USER: 'envuser', MAXTOP_PASSWORD: 'envpass'};
	const files: ConfigFiles = {
		cnf: {
			user: 'cnfuser', password: 'cnfpass', hosts: 'cnfhost:1', timeout: '5s', secure: true,
		}, cnfPath: '/h/.maxctrl.cnf',
	};
	const fromFlags = ok({
		user: 'flaguser', password: 'flagpass', hosts: 'flaghost:2', timeout: '1s', secure: false,
	}, env, files);
	assert.equal(fromFlags.hosts[0]!.connection.user, 'flaguser');
	assert.equal(fromFlags.hosts[0]!.connection.password, 'flagpass');
	assert.equal(fromFlags.hosts[0]!.connection.baseUrl, 'http://flaghost:2');
	assert.equal(fromFlags.hosts[0]!.connection.timeoutMs, 1000);

	const fromEnv = ok({}, env, files);
	assert.equal(fromEnv.hosts[0]!.connection.user, 'envuser');
	assert.equal(fromEnv.hosts[0]!.connection.password, 'envpass');
	assert.equal(fromEnv.hosts[0]!.connection.baseUrl, 'https://cnfhost:1');
	assert.equal(fromEnv.hosts[0]!.connection.timeoutMs, 5000);

	const fromCnf = ok({}, utf8, files);
	assert.equal(fromCnf.hosts[0]!.connection.user, 'cnfuser');
	assert.equal(fromCnf.hosts[0]!.connection.password, 'cnfpass');
});

test('a host sort saved from a fleet run gives one host the default sort; --sort host with one host is an error', () => {
	const files: ConfigFiles = {preferences: {sort: 'host', sortDescending: false}};
	const single = ok({}, utf8, files);
	assert.equal(single.sort, 'memory');
	assert.equal(single.sortDescending, undefined);
	const fleet = ok({hosts: '127.0.0.1:8989,127.0.0.1:8990'}, utf8, files);
	assert.equal(fleet.sort, 'host');
	assert.equal(fleet.sortDescending, false);
	assert.equal(problem({sort: 'host'}, /^--sort host: there is one host/v), undefined);
	assert.equal(ok({sort: 'host:desc', hosts: '127.0.0.1:8989,127.0.0.1:8990'}).sort, 'host');
});

test('precedence: flag > preferences > default for display settings', () => {
	const files: ConfigFiles = {
		preferences: {
			sort: 'age', sortDescending: false, columns: ['id', 'idle'], intervalSeconds: 7, theme: 'light', groupBy: 'user',
		},
	};
	const fromPrefs = ok({}, utf8, files);
	assert.equal(fromPrefs.sort, 'age');
	assert.equal(fromPrefs.sortDescending, false);
	assert.deepEqual(fromPrefs.columns, ['id', 'idle']);
	assert.equal(fromPrefs.intervalSeconds, 7);
	assert.equal(fromPrefs.theme, 'light');
	assert.equal(fromPrefs.groupBy, 'user');

	const fromFlags = ok({
		sort: 'id', interval: '3', theme: 'dark', once: true, columns: 'user',
	}, utf8, files);
	assert.equal(fromFlags.sort, 'id');
	assert.equal(fromFlags.sortDescending, undefined, 'the saved direction belonged to the saved key');
	assert.equal(fromFlags.intervalSeconds, 3);
	assert.equal(fromFlags.theme, 'dark');
	assert.deepEqual(fromFlags.columns, ['user']);
});

test('empty env values do not override the cnf file', () => {
	const config = ok({}, {...utf8, MAXTOP_USER: '', MAXTOP_PASSWORD: ''}, {cnf: {user: 'c', password: 'p'}});
	assert.equal(config.hosts[0]!.connection.user, 'c');
	assert.equal(config.hosts[0]!.connection.password, 'p');
});

test('warnings from the caller are kept', () => {
	assert.deepEqual(ok({}, utf8, {warnings: ['w']}).warnings, ['w']);
});

test('bad input is a one-line error naming the problem', () => {
	const problems = [
		problem({interval: 'abc'}, /--interval .*'abc'/v),
		problem({interval: '0'}, /--interval/v),
		problem({interval: '-1'}, /--interval/v),
		problem({interval: ''}, /--interval/v),
		problem({interval: 'Infinity'}, /--interval/v),
		problem({maxServerShare: '0'}, /--max-server-share/v),
		problem({maxServerShare: '101'}, /--max-server-share/v),
		problem({bulkRate: 'fast'}, /--bulk-rate/v),
		problem({bulkRate: '0'}, /--bulk-rate/v),
		problem({timeout: '10 parsecs'}, /--timeout.*not a duration/v),
		problem({timeout: '0'}, /--timeout must be longer than 0/v),
		problem({hosts: 'nohostport'}, /bad host 'nohostport'/v),
		problem({hosts: 'a:1,,b:2'}, /empty entry/v),
		problem({hosts: 'a:99999'}, /port 99999 is out of range/v),
		problem({hosts: 'ftp://a:1'}, /only http/v),
		problem({hosts: 'http://u:S3cret@a:99999'}, /^bad host 'http:\/\/u:\*\*\*@a:99999': not a valid URL$/v),
		problem({hosts: 'http://u:S3cret@a:1,,b:2'}, /^empty entry in --hosts 'http:\/\/u:\*\*\*@a:1,,b:2'$/v),
		problem({hosts: 'http://u:S3 cret/x@a:1/v1'}, /^bad host 'http:\/\/u:\*\*\*@a:1\/v1': not a valid URL$/v),
		problem({hosts: 'a:1,a:1'}, /listed twice/v),
		problem({sort: 'bogus'}, /--sort: 'bogus' is not one of/v),
		problem({sort: 'idle:sideways'}, /KEY:asc/v),
		problem({count: '2'}, /--count only applies to --once/v),
		problem({format: 'json'}, /--format only applies to --once/v),
		problem({count: '0', once: true}, /--count/v),
		problem({count: '1.5', once: true}, /--count/v),
		problem({columns: 'id,bogus', once: true}, /unknown column 'bogus'/v),
		problem({columns: 'id,id', once: true}, /listed twice/v),
		problem({filter: 'foo:bar'}, /--filter: unknown field 'foo'/v),
		problem({ascii: true, unicode: true}, /contradict/v),
		problem({demoSessions: '5'}, /--demo-sessions needs --demo/v),
		problem({demoCost: true}, /--demo-cost needs --demo/v),
		problem({demo: true, demoSessions: 'many'}, /--demo-sessions/v),
		problem({demo: true, demoSeed: '-3'}, /--demo-seed/v),
		problem({demo: true, hosts: 'a:1'}, /leave out --hosts/v),
		problem({replay: 'r', demo: true}, /leave out --demo/v),
		problem({replay: 'r', record: 'w'}, /cannot be used together/v),
		problem({record: ' '}, /--record needs a file name/v),
		problem({tlsCert: 'c.pem'}, /go together/v),
		problem({user: ''}, /--user must not be empty/v),
		problem({}, /maxctrl.cnf: bad host/v, utf8, {cnf: {hosts: 'broken'}, cnfPath: '/h/.maxctrl.cnf'}),
		problem({}, /maxctrl.cnf: timeout/v, utf8, {cnf: {timeout: 'soon'}, cnfPath: '/h/.maxctrl.cnf'}),
	].filter(item => item !== undefined);
	assert.deepEqual(problems, []);
});

test('the password never appears in an error', () => {
	for (const flags of [{password: 'hunter2', interval: 'x'}, {password: 'hunter2', hosts: 'bad'}]) {
		const result = parseOptions(flags, utf8);
		assert.equal(result.ok, false);
		assert.ok(!(result as {error: string}).error.includes('hunter2'));
	}
});
