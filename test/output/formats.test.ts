import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Session} from '../../source/model/session.js';
import {selectColumns} from '../../source/output/columns.js';
import {
	escapeTsv,
	formatJson,
	formatTable,
	formatTsv,
} from '../../source/output/formats.js';

const sessions: Session[] = [
	{
		id: '7', host: 'mx:8989', user: 'appuser', remote: '10.0.1.5', port: 40_664, state: 'Session started', services: ['RW-Split-Router'], servers: ['server1', 'server2'], filters: [], idleSeconds: 75, ageSeconds: 3700, memoryBytes: 1536, appName: 'Node-MySQL-2',
	},
	{
		id: '12', host: 'mx:8989', user: 'batch', remote: '10.0.9.7', port: 5000, state: 'Session started', services: ['RW-Split-Router'], servers: [], filters: [], idleSeconds: 0, ageSeconds: 5, memoryBytes: 300_000,
	},
];

test('table: aligned, header row, widths from the data, missing values as -', () => {
	const columns = selectColumns(sessions, {multiHost: false});
	assert.deepEqual(columns.map(column => column.id), ['id', 'user', 'client', 'service', 'servers', 'state', 'age', 'idle', 'memory', 'app']);
	assert.equal(formatTable(sessions, columns), [
		'ID  USER     CLIENT          SERVICE          SERVERS          STATE      AGE   IDLE   MEMORY  APP',
		' 7  appuser  10.0.1.5:40664  RW-Split-Router  server1,server2  started  1h01m  1m15s  1.5 KiB  Node-MySQL-2',
		'12  batch    10.0.9.7:5000   RW-Split-Router  -                started     5s     0s  293 KiB  -',
		'',
	].join('\n'));
});

test('table: chosen columns, host column for a fleet', () => {
	assert.equal(formatTable(sessions, selectColumns(sessions, {columns: ['host', 'id', 'idle'], multiHost: true})), 'HOST     ID   IDLE\nmx:8989   7  1m15s\nmx:8989  12     0s\n');
	assert.equal(selectColumns(sessions, {multiHost: true}).map(column => column.id)[0], 'host');
});

test('table: hostile values are sanitized and long ones cut', () => {
	const hostile: Session[] = [{
		id: '1', host: 'h', user: 'evil\u{1B}]52;c;cHduZWQ=\u{7}\u{1B}[2J', remote: 'x'.repeat(500), services: [], servers: [], filters: [],
	}];
	const text = formatTable(hostile, selectColumns(hostile, {columns: ['id', 'user', 'client'], multiHost: false}));
	assert.doesNotMatch(text, /[\u{0}-\u{8}\u{B}-\u{1F}\u{7F}-\u{9F}]/v, 'no control characters survive');
	assert.match(text, /evil\\x1b/v);
	assert.ok(text.split('\n').every(line => line.length < 120));
	assert.ok(text.includes('…'));
	const ascii = formatTable(hostile, selectColumns(hostile, {columns: ['client'], multiHost: false}), {ascii: true});
	assert.ok(ascii.includes('~'));
	assert.ok(!ascii.includes('…'));
});

test('tsv: ids as header, raw numbers, tabs and newlines escaped', () => {
	const columns = selectColumns(sessions, {columns: ['id', 'user', 'state', 'idle', 'memory', 'servers'], multiHost: false});
	assert.equal(formatTsv(sessions, columns), [
		'id\tuser\tstate\tidle\tmemory\tservers',
		'7\tappuser\tSession started\t75\t1536\tserver1,server2',
		'12\tbatch\tSession started\t0\t300000\t',
		'',
	].join('\n'));
	const odd: Session[] = [{
		id: '1', host: 'h', user: 'a\tb\nc\\d\u{1B}', services: [], servers: [], filters: [],
	}];
	assert.equal(formatTsv(odd, selectColumns(odd, {columns: ['user'], multiHost: false})), 'user\na\\tb\\nc\\\\d\\x1b\n');
	assert.equal(escapeTsv('x\ry'), String.raw`x\ry`);
});

test('json: the normalized sessions, terminal-safe', () => {
	assert.deepEqual(JSON.parse(formatJson(sessions)), sessions);
	const hostile: Session[] = [{
		id: '1', host: 'h', user: 'a\u{9B}2Jb\u{202E}c\u{1B}', services: [], servers: [], filters: [],
	}];
	const text = formatJson(hostile);
	assert.doesNotMatch(text, /[\u{0}-\u{9}\u{B}-\u{1F}\u{7F}-\u{9F}\u{202E}]/v);
	assert.equal((JSON.parse(text) as Array<{user: string}>)[0]!.user, 'a\u{9B}2Jb\u{202E}c\u{1B}');
	assert.equal(formatJson([]), '[]\n');
});
