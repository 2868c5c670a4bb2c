import assert from 'node:assert/strict';
import {test} from 'node:test';
import {metricsFlags} from '../../source/config/flags.js';
import {renderMetricsHelp} from '../../source/config/help.js';
import {isLoopback, parseListenAddress, parseMetricsOptions} from '../../source/metrics/options.js';
import {displayWidth} from '../../source/model/text.js';

test('--web.listen-address reads as the Go exporters read it; the default is loopback', () => {
	assert.deepEqual(parseListenAddress('127.0.0.1:9765'), {host: '127.0.0.1', port: 9765});
	assert.deepEqual(parseListenAddress('[::1]:0'), {host: '::1', port: 0});
	assert.deepEqual(parseListenAddress(':9765'), {port: 9765});
	for (const bad of ['9765', '127.0.0.1', 'host:99999', '[::1]', 'a b:1', '']) {
		assert.equal(parseListenAddress(bad), undefined, bad);
	}

	const parsed = parseMetricsOptions({hosts: 'mx:8989'});
	assert.ok(parsed.ok);
	assert.deepEqual(parsed.options, {listen: {host: '127.0.0.1', port: 9765}, top: 20});
	assert.deepEqual(parsed.rest, {hosts: 'mx:8989'});
	assert.ok(isLoopback(parsed.options.listen.host));
	assert.ok(!isLoopback(undefined));
	assert.ok(!isLoopback('0.0.0.0'));
	// Yargs nests dotted names.
	const given = parseMetricsOptions({web: {listenAddress: ':1', config: {file: 'web.yml'}}, metricsTop: '5'});
	assert.ok(given.ok);
	assert.deepEqual(given.options, {listen: {port: 1}, top: 5, webConfigFile: 'web.yml'});
	// Meow gives '' to a string flag typed without its value.
	assert.deepEqual(parseMetricsOptions({web: {listenAddress: ''}}), {ok: false, error: '--web.listen-address needs HOST:PORT'});
	assert.deepEqual(parseMetricsOptions({web: {config: {file: ''}}}), {ok: false, error: '--web.config.file needs a file name'});
});

test('maxtop metrics --help fits 80 columns', () => {
	const lines = renderMetricsHelp(metricsFlags).trimEnd().split('\n');
	assert.ok(lines.length > 20);
	for (const line of lines) {
		assert.ok(displayWidth(line) <= 80, line);
	}
});
