import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	columns,
	columnsWithData,
	formatHeaderRow,
	formatRow,
	layoutColumns,
} from '../../source/model/columns.js';
import {displayWidth} from '../../source/model/text.js';
import {generateSessions, legacySession, makeSession} from '../helpers/sessions.js';

const mustKeep = ['id', 'user', 'client', 'idle', 'memory'];

for (const width of [120, 80, 60]) {
	test(`layout at ${width} columns keeps id, user, client, idle and memory and fills the width`, () => {
		const layout = layoutColumns(width, columns.filter(column => column.id !== 'host'));
		const ids = layout.cells.map(cell => cell.column.id);
		assert.deepEqual(mustKeep.filter(id => !ids.includes(id as never)), [], ids.join(','));

		const used = 1 + layout.cells.reduce((sum, cell) => sum + cell.width, 0) + layout.cells.length - 1;
		assert.ok(used <= width);
		assert.deepEqual(new Set(generateSessions(20).map(session => displayWidth(formatRow(session, layout)))), new Set([width]));

		assert.equal(displayWidth(formatHeaderRow(layout, {key: 'memory', descending: true})), width);
	});
}

test('narrow screens drop low-priority columns first and keep column order', () => {
	const wide = layoutColumns(160, columns).cells.map(cell => cell.column.id);
	assert.deepEqual(wide, columns.map(column => column.id));
	const narrow = layoutColumns(60, columns.filter(column => column.id !== 'host')).cells.map(cell => cell.column.id);
	assert.ok(!narrow.includes('thread'));
	assert.ok(!narrow.includes('io'));
	const order = columns.map(column => column.id).filter(id => narrow.includes(id));
	assert.deepEqual(narrow, order);
});

test('rows sanitize values and mark the cursor; the state cell can be replaced', () => {
	const layout = layoutColumns(100, columns.filter(column => column.id !== 'host'));
	const session = makeSession({id: '42', user: 'a\u{1B}b'});
	const row = formatRow(session, layout, {selected: true, ascii: true});
	assert.ok(!row.includes('\u{1B}'));
	assert.ok(row.includes(String.raw`a\x1bb`));
	assert.ok(row.startsWith('>'));
	assert.ok(formatRow(session, layout, {state: 'x kill 7s'}).includes('x kill 7s'));
	assert.ok(formatRow(session, layout).includes('started'));
	assert.ok(!formatRow(session, layout).includes('Session started'));
});

test('wide characters are cut by cells, never past the width', () => {
	const layout = layoutColumns(80, columns.filter(column => column.id !== 'host'));
	const row = formatRow(makeSession({id: '1', user: '用户用户用户用户用户', services: ['服务服务服务服务服务服务']}), layout);
	assert.equal(displayWidth(row), 80);
});

test('the header marks the sort column with ▲/▼, or ^/v in ASCII mode', () => {
	const layout = layoutColumns(100, columns.filter(column => column.id !== 'host'));
	assert.match(formatHeaderRow(layout, {key: 'memory', descending: true}), /MEMORY▼/v);
	assert.match(formatHeaderRow(layout, {key: 'idle', descending: false}), /IDLE▲/v);
	assert.match(formatHeaderRow(layout, {key: 'idle', descending: true}, {ascii: true}), /IDLEv/v);
	assert.match(formatHeaderRow(layout, {key: 'user', descending: false}, {ascii: true}), /USER\^/v);
});

test('columns no session has a value for are hidden (a 2.2-style session set)', () => {
	const ids = columnsWithData([legacySession('1'), legacySession('2')], {multiHost: false}).map(column => column.id);
	assert.deepEqual(ids, ['id', 'user', 'client', 'service', 'state', 'idle']);
	const full = columnsWithData([makeSession({id: '1'})], {multiHost: true}).map(column => column.id);
	assert.deepEqual(full, columns.map(column => column.id));
	assert.ok(columnsWithData([makeSession({id: '1'})], {multiHost: false}).every(column => column.id !== 'host'));
});

test('a narrow HOST cell keeps the port, so two MaxScales on one address stay apart', () => {
	const host = columns.find(column => column.id === 'host')!;
	const id = columns.find(column => column.id === 'id')!;
	const layout = {width: 20, cells: [{column: host, width: 11}, {column: id, width: 6}]};
	const first = formatRow(makeSession({id: '7', host: '127.0.0.1:18991'}), layout);
	const second = formatRow(makeSession({id: '7', host: '127.0.0.1:18992'}), layout);
	assert.match(first, /127\.…:18991/v);
	assert.notEqual(first, second);
});
