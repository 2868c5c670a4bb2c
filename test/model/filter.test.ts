import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	applyFilter,
	matchSession,
	parseAddress,
	parseDuration,
	parseFilter,
	parseSize,
	type SessionFilter,
} from '../../source/model/filter.js';
import type {Session} from '../../source/model/session.js';
import {generateSessions} from './generate-sessions.js';

function filterOf(text: string): SessionFilter {
	const result = parseFilter(text);
	if (!result.ok) {
		throw new Error(result.error);
	}

	return result.filter;
}

function errorOf(text: string): string {
	const result = parseFilter(text);
	assert.equal(result.ok, false, `'${text}' should not parse`);
	return result.ok ? '' : result.error;
}

function session(overrides: Partial<Session>): Session {
	return {
		id: '1', host: 'mx1:8989', services: [], servers: [], filters: [], ...overrides,
	};
}

const batch = session({
	id: '42', user: 'batch', remote: '10.0.9.7', state: 'Session started', services: ['RW-Split-Router'], servers: ['server1', 'server2'],
	appName: 'php', idleSeconds: 700, ageSeconds: 3600, memoryBytes: 2 * 1024 * 1024, ioActivity: 12, thread: 3,
});
const pending = session({
	id: '43', host: 'mx2:8989', remote: '10.0.9.70', state: 'Session created',
});
const mapped = session({
	id: '44', user: 'app', remote: '::ffff:10.0.9.12', services: ['Read-Only'], servers: ['server3'], idleSeconds: 2, ageSeconds: 5,
});
const v6 = session({
	id: '45', user: 'a b', remote: 'fd00::5', idleSeconds: 0, ageSeconds: 20, appName: 'JDBC',
});
const all = [batch, pending, mapped, v6];

function ids(text: string, sessions: readonly Session[] = all): string[] {
	return applyFilter(sessions, filterOf(text)).map(item => item.id);
}

test('an empty filter matches everything', () => {
	assert.deepEqual(filterOf(' '.repeat(3)).terms, []);
	assert.deepEqual(ids(''), ['42', '43', '44', '45']);
});

test('plain words are case-insensitive substrings of the main attributes', () => {
	assert.deepEqual(ids('BATCH'), ['42']);
	assert.deepEqual(ids('server2'), ['42']);
	assert.deepEqual(ids('read-only'), ['44']);
	assert.deepEqual(ids('created'), ['43']);
	assert.deepEqual(ids('mx2'), ['43']);
	assert.deepEqual(ids('jdbc'), ['45']);
	assert.deepEqual(ids('10.0.9.7'), ['42', '43']);
	assert.deepEqual(ids('"a b"'), ['45']);
	assert.deepEqual(ids('nothing-like-this'), []);
});

test('field terms: `:` is a substring, `=` an exact value, `""` a missing value', () => {
	assert.deepEqual(ids('user:bat'), ['42']);
	assert.deepEqual(ids('user=bat'), []);
	assert.deepEqual(ids('user=batch'), ['42']);
	assert.deepEqual(ids('user:"a b"'), ['45']);
	assert.deepEqual(ids('user:""'), ['43']);
	assert.deepEqual(ids('svc:rw-split'), ['42']);
	assert.deepEqual(ids('service=Read-Only'), ['44']);
	assert.deepEqual(ids('server:server2'), ['42']);
	assert.deepEqual(ids('server:""'), ['43', '45']);
	assert.deepEqual(ids('app:PHP'), ['42']);
	assert.deepEqual(ids('state:started'), ['42']);
	assert.deepEqual(ids('mx:mx2'), ['43']);
	assert.deepEqual(ids('maxscale=mx1:8989'), ['42', '44', '45']);
	assert.deepEqual(ids('id:42'), ['42']);
	assert.deepEqual(ids('id>43'), ['44', '45']);
	assert.deepEqual(ids('thread=3'), ['42']);
});

test('host: prefix, exact address, CIDR, IPv6 and ::ffff:-mapped IPv4', () => {
	assert.deepEqual(ids('host:10.0.9.'), ['42', '43', '44']);
	assert.deepEqual(ids('host:10.0.9.7'), ['42'], 'a complete address does not match 10.0.9.70');
	assert.deepEqual(ids('host:10.0.9.0/24'), ['42', '43', '44']);
	assert.deepEqual(ids('host:10.0.9.64/26'), ['43']);
	assert.deepEqual(ids('host:10.0.9.12'), ['44']);
	assert.deepEqual(ids('host:::ffff:10.0.9.12'), ['44']);
	assert.deepEqual(ids('host:::ffff:10.0.9.0/120'), ['42', '43', '44']);
	assert.deepEqual(ids('host:0.0.0.0/0'), ['42', '43', '44']);
	assert.deepEqual(ids('host:fd00::/8'), ['45']);
	assert.deepEqual(ids('host:fd00:0:0::5'), ['45']);
	assert.deepEqual(ids('host:fd00:'), ['45']);
	assert.deepEqual(ids('client=10.0.9.7'), ['42']);
	assert.deepEqual(ids('host:""'), []);
	assert.deepEqual(ids('!host:10.0.0.0/8'), ['45']);
});

test('address parsing', () => {
	assert.deepEqual(parseAddress('10.1.2.3'), [0, 0, 0, 0, 0, 0xFF_FF, 0x0A_01, 0x02_03]);
	assert.deepEqual(parseAddress('::ffff:10.1.2.3'), parseAddress('10.1.2.3'));
	assert.deepEqual(parseAddress('[2001:db8::1]'), [0x20_01, 0xD_B8, 0, 0, 0, 0, 0, 1]);
	assert.deepEqual(parseAddress('fe80::1%eth0'), [0xFE_80, 0, 0, 0, 0, 0, 0, 1]);
	assert.deepEqual(parseAddress('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
	assert.equal(parseAddress('10.0.0.256'), undefined);
	assert.equal(parseAddress('1:2:3:4:5:6:7:8:9'), undefined);
	assert.equal(parseAddress('1::2::3'), undefined);
	assert.equal(parseAddress('db1.example.com'), undefined);
});

test('numeric comparisons with durations and sizes', () => {
	assert.deepEqual(ids('idle>600'), ['42']);
	assert.deepEqual(ids('idle>10m'), ['42']);
	assert.deepEqual(ids('idle>=700s'), ['42']);
	assert.deepEqual(ids('idle<=5'), ['44', '45']);
	assert.deepEqual(ids('age<10'), ['44']);
	assert.deepEqual(ids('age>=1h'), ['42']);
	assert.deepEqual(ids('age<59m60s'), ['44', '45']);
	assert.deepEqual(ids('mem>1M'), ['42']);
	assert.deepEqual(ids('mem>=2MiB'), ['42']);
	assert.deepEqual(ids('mem>2M'), []);
	assert.deepEqual(ids('io>10'), ['42']);
	assert.equal(parseDuration('1h30m'), 5400);
	assert.equal(parseDuration('1.5s'), 1.5);
	assert.equal(parseDuration('250ms'), 0.25);
	assert.equal(parseDuration('2d'), 172_800);
	assert.equal(parseDuration(''), undefined);
	assert.equal(parseDuration('10x'), undefined);
	assert.equal(parseSize('1K'), 1024);
	assert.equal(parseSize('1.5M'), 1_572_864);
	assert.equal(parseSize('2g'), 2 * (1024 ** 3));
	assert.equal(parseSize('3KiB'), 3072);
	assert.equal(parseSize('512'), 512);
	assert.equal(parseSize('M'), undefined);
});

test('a session without the attribute fails a comparison and passes its negation', () => {
	assert.deepEqual(ids('idle>=0'), ['42', '44', '45']);
	assert.deepEqual(ids('!idle>=0'), ['43']);
	assert.deepEqual(ids('!mem<1G'), ['43', '44', '45']);
	assert.deepEqual(ids('!thread>=0'), ['43', '44', '45']);
	assert.deepEqual(ids('!user:batch'), ['43', '44', '45']);
	assert.deepEqual(ids('!user:""'), ['42', '44', '45']);
});

test('age falls back to connectedMs when seconds_alive was not sent', () => {
	const old = session({connectedMs: 1_000_000});
	assert.equal(matchSession(filterOf('age>50'), old, 1_000_000 + 60_000), true);
	assert.equal(matchSession(filterOf('age>50'), old, 1_000_000 + 40_000), false);
	assert.equal(matchSession(filterOf('age>50'), old), false);
});

test('terms combine with AND', () => {
	assert.deepEqual(ids('host:10.0.9.0/24 !user:batch'), ['43', '44']);
	assert.deepEqual(ids('host:10.0.9.0/24 !user:batch idle<1m'), ['44']);
	assert.deepEqual(ids('svc:read user:app state:started'), []);
});

test('quoted values may hold spaces and escaped quotes', () => {
	const quoted = session({user: 'say "hi"'});
	assert.equal(matchSession(filterOf(String.raw`user="say \"hi\""`), quoted), true);
	assert.equal(matchSession(filterOf(String.raw`user:"\"hi"`), quoted), true);
});

test('malformed expressions give one-line errors naming the problem and its position', () => {
	assert.equal(errorOf('foo:bar'), 'unknown field \'foo\' in \'foo:bar\' at column 1');
	assert.equal(errorOf('user:a mem>'), '\'mem>\' needs a number like 1M at column 8');
	assert.equal(errorOf('host:10.0.0.0/40'), 'bad CIDR 10.0.0.0/40 at column 1');
	assert.match(errorOf('host:fd00::/129'), /^bad CIDR fd00::\/129 at column 1$/v);
	assert.match(errorOf('host:10.0.0.300/8'), /^bad CIDR/v);
	assert.match(errorOf('idle>soon'), /'soon' is not a duration like 10m at column 1$/v);
	assert.match(errorOf('mem>lots'), /is not a number like 1M/v);
	assert.match(errorOf('user:"open'), /^unterminated quote at column 6$/v);
	assert.match(errorOf('user:"a"b'), /^expected a space after the closing quote at column 9$/v);
	assert.match(errorOf('user>batch'), /^'user>batch': user takes ':' or '=', not '>' at column 1$/v);
	assert.match(errorOf('user:'), /^'user:' needs a value/v);
	assert.match(errorOf('! user:x'), /^'!' needs a term right after it at column 1$/v);
	assert.match(errorOf('id:abc'), /session id/v);
	for (const text of ['foo:bar', 'mem>', 'user:"open', 'idle>x y']) {
		assert.ok(!errorOf(text).includes('\n'));
	}
});

test('50,000 generated sessions: each kind of term agrees with a direct check', () => {
	const sessions = generateSessions(50_000, 3);
	const checks: Array<[string, (item: Session) => boolean]> = [
		['idle>600', item => item.idleSeconds !== undefined && item.idleSeconds > 600],
		['!idle>600', item => item.idleSeconds === undefined || !(item.idleSeconds > 600)],
		['mem>=1M', item => item.memoryBytes !== undefined && item.memoryBytes >= 1024 * 1024],
		['user=batch', item => item.user === 'batch'],
		['user:batch', item => item.user?.toLowerCase() === 'batch'],
		['user:""', item => item.user === undefined],
		['host:10.0.9.0/24', item => item.remote !== undefined && /^(?:::ffff:)?10\.0\.9\.\d+$/v.test(item.remote)],
		['host:10.0.9.7', item => item.remote === '10.0.9.7'],
		['server:server2 thread<2', item => item.servers.includes('server2') && item.thread !== undefined && item.thread < 2],
		['php', item => [item.user, item.remote, item.state, item.appName, item.host, ...item.services, ...item.servers].some(value => value?.toLowerCase().includes('php'))],
	];
	for (const [text, check] of checks) {
		const expected = sessions.filter(item => check(item)).map(item => item.id);
		assert.deepEqual(ids(text, sessions), expected, text);
		assert.ok(expected.length > 0 && expected.length < sessions.length, `${text} should split the data`);
	}
});

test('a pass over many sessions that share values decides each session as alone', () => {
	const remotes = ['10.0.9.7', '10.0.10.7', 'fe80::1', '::ffff:10.0.9.8', '[fd00::5]', '', 'App-Host.example', ' 10.0.9.9 '];
	const sessions = generateSessions(400, 9).map((generated, index) => ({
		...generated, remote: index % 9 === 8 ? undefined : remotes[index % remotes.length], host: index % 2 ? 'b:8989' : '10.0.9.1:8989', appName: index % 3 ? 'batch-loader' : undefined,
	}));
	for (const text of ['host:10.0.9.0/24', 'host=10.0.9.7', 'host:app-host', '!host:fe80::/10', 'batch', 'host:""', 'user:app svc:rw', '!app:"" idle>10m', 'mx:b host:10.0.9']) {
		const filter = filterOf(text);
		assert.deepEqual(applyFilter(sessions, filter).map(({id}) => id), sessions.filter(candidate => matchSession(filter, candidate)).map(({id}) => id), text);
	}
});
