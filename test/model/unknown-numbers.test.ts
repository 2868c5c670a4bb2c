import {test} from 'node:test';
import assert from 'node:assert/strict';
import {normalizeSession} from '../../source/model/normalize.js';
import {columns} from '../../source/model/columns.js';
import {formatBytes, formatDuration} from '../../source/model/format.js';
import type {Session} from '../../source/model/session.js';
import {selectColumns} from '../../source/output/columns.js';
import {formatJson, formatTable, formatTsv} from '../../source/output/formats.js';
import {detailLines} from '../../source/state/detail-lines.js';

const now = Date.UTC(2026, 10, 23, 8, 0, 0);

// What the issue saw: `1.1574074074074072e+303d08h`, `909494701772928300 TiB`, negative memory and
// I/O, port 99999999.
const session = normalizeSession({
	id: '7',
	type: 'sessions',
	attributes: {
		user: 'u', remote: '10.0.0.5', port: 99_999_999, seconds_alive: 60, idle: 1e308, memory: {total: 1e30}, io_activity: -4, thread: -1,
	},
}, 'mx:8989', now)!;

function cell(id: string): string | undefined {
	return columns.find(column => column.id === id)?.value(session);
}

test('the table shows ? for every number out of sense', () => {
	assert.equal(cell('idle'), '?');
	assert.equal(cell('memory'), '?');
	assert.equal(cell('io'), '?');
	assert.equal(cell('thread'), '?');
	assert.equal(cell('client'), '10.0.0.5:?');
	assert.equal(cell('age'), '1m00s');
});

test('the detail pane shows ? too, and never the raw number', () => {
	const text = detailLines(session, {nowMs: now, rdns: false}).join('\n');
	assert.match(text, /idle +\?$/mv);
	assert.match(text, /thread +\?$/mv);
	assert.match(text, /I\/O \(30s\) +\?$/mv);
	assert.match(text, /total +\?$/mv);
	assert.match(text, /client +10\.0\.0\.5:\?$/mv);
	assert.doesNotMatch(text, /e\+|TiB|99999999|-4/v);
});

test('--once: ? in the table and tsv, and the JSON names the unknown fields', () => {
	const chosen = selectColumns([session], {multiHost: false});
	const table = formatTable([session], chosen);
	assert.doesNotMatch(table, /e\+|TiB|99999999|-4/v);
	assert.match(table, /10\.0\.0\.5:\?/v);
	const [header, row] = formatTsv([session], chosen).trimEnd().split('\n', 2);
	const values = Object.fromEntries(header!.split('\t').map((id, index) => [id, row!.split('\t')[index]]));
	assert.equal(values['idle'], '?');
	assert.equal(values['memory'], '?');
	assert.equal(values['io'], '?');
	assert.equal(values['thread'], '?');
	assert.equal(values['client'], '10.0.0.5:?');
	const [json] = JSON.parse(formatJson([session])) as Session[];
	assert.deepEqual(json?.unknown, ['port', 'idleSeconds', 'memoryBytes', 'ioActivity', 'thread']);
	assert.equal(json?.idleSeconds, undefined);
});

test('the formatters themselves never print an unbelievable figure', () => {
	assert.equal(formatDuration(1e308), '?');
	assert.equal(formatDuration(100 * 365.25 * 86_400), '36525d00h');
	assert.equal(formatBytes(1e30), '?');
	assert.equal(formatBytes(-1), '?');
	assert.equal(formatBytes(2048), '2.0 KiB');
});

test('a recorded session with a malformed unknown list or lengths is shown, not crashed on', () => {
	const odd = {
		id: '1', host: 'h', services: [], servers: [], filters: [], remote: '10.0.0.5', unknown: 5, fullLengths: 'x',
	} as unknown as Session;
	assert.equal(columns.find(column => column.id === 'idle')?.value(odd), undefined);
	assert.equal(columns.find(column => column.id === 'client')?.value(odd), '10.0.0.5');
	assert.ok(detailLines(odd, {nowMs: now, rdns: false}).length > 0);
});
