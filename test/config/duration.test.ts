import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseDuration} from '../../source/config/duration.js';
import {parseHosts} from '../../source/config/hosts.js';

test('parseDuration reads maxctrl timeouts, with h as an hour', () => {
	const cases: Array<[string, number]> = [['10s', 10_000], ['500ms', 500], ['2m', 120_000], ['1h', 3_600_000], ['1500', 1500], ['1.5s', 1500], [' 3S ', 3000]];
	for (const [text, ms] of cases) {
		assert.deepEqual(parseDuration(text), {ok: true, ms}, text);
	}
});

test('parseDuration refuses garbage', () => {
	for (const text of ['', 'abc', '10x', '-5s', '1e3', 's', '10 s s', '99999999h']) {
		assert.equal(parseDuration(text).ok, false, text);
	}
});

test('parseHosts', () => {
	assert.deepEqual(parseHosts('a:1, mxtwo:2', false), {ok: true, hosts: [{host: 'a:1', baseUrl: 'http://a:1'}, {host: 'mxtwo:2', baseUrl: 'http://mxtwo:2'}]});
	assert.deepEqual(parseHosts('http://a', false), {ok: true, hosts: [{host: 'a:80', baseUrl: 'http://a:80'}]});
	assert.deepEqual(parseHosts('https://a/', false), {ok: true, hosts: [{host: 'a:443', baseUrl: 'https://a:443'}]});
	assert.deepEqual(parseHosts('[fe80::1]:8989', true), {ok: true, hosts: [{host: '[fe80::1]:8989', baseUrl: 'https://[fe80::1]:8989'}]});
	for (const text of ['a', 'a:', ':1', 'a:0', 'a b:1', 'http://a/v1', 'http://a:1?x=1', 'under_score:1']) {
		const result = parseHosts(text, false);
		assert.equal(result.ok, false, text);
		assert.match((result as {error: string}).error, /bad host|no host/v);
	}
});
