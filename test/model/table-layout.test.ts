import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	columns,
	columnsWithData,
	formatHeaderRow,
	formatRow,
	layoutColumns,
	type ColumnLayout,
} from '../../source/model/columns.js';
import {measureContent} from '../../source/model/content-width.js';
import {displayWidth} from '../../source/model/text.js';
import {pendingKillText} from '../../source/state/selectors.js';
import type {PendingKill} from '../../source/state/types.js';
import {generateSessions} from '../helpers/sessions.js';

const sessions = generateSessions(200);
const available = columnsWithData(sessions, {multiHost: false});
const contentWidths = measureContent(sessions, available, {fromTitle: true});
const sortable = available.filter(column => column.sortKey !== undefined);

for (const width of [40, 30]) {
	test(`at ${width} columns the sorted column is the last to give way, and its title has the arrow`, () => {
		for (const column of sortable) {
			const sortKey = column.sortKey!;
			const layout = layoutColumns(width, available, contentWidths, {sortKey});
			const ids = layout.cells.map(cell => cell.column.id);
			assert.ok(ids.includes(column.id), `${sortKey}: ${ids.join(',')}`);
			assert.deepEqual(ids, available.map(candidate => candidate.id).filter(id => ids.includes(id)), 'column order is kept');
			assert.match(formatHeaderRow(layout, {key: sortKey, descending: true}), new RegExp(`${column.title.replace('/', String.raw`\/`)}▼`, 'v'));
			assert.equal(displayWidth(formatRow(sessions[0]!, layout)), width);
		}
	});
}

test('the sorted column outlasts even the ID column; the other columns still go by priority', () => {
	const narrow = layoutColumns(12, available, contentWidths, {sortKey: 'memory'});
	assert.deepEqual(narrow.cells.map(cell => cell.column.id), ['memory']);
	const unsorted = layoutColumns(40, available, contentWidths);
	assert.ok(unsorted.cells.every(cell => cell.column.id !== 'memory'));
	assert.deepEqual(layoutColumns(40, available, contentWidths, {sortKey: 'idle'}), unsorted);
	// A sort key no column has (a fleet's host column on one MaxScale) changes nothing.
	assert.deepEqual(layoutColumns(40, available, contentWidths, {sortKey: 'host'}), unsorted);
	assert.deepEqual(layoutColumns(120, columns, contentWidths, {sortKey: 'memory'}), layoutColumns(120, columns, contentWidths));
});

function cellSpans(layout: ColumnLayout): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	let start = 1;
	for (const cell of layout.cells) {
		spans.push([start, start + cell.width]);
		start += cell.width + 1;
	}

	return spans;
}

const kill = (graceSeconds: number): PendingKill => ({
	host: '127.0.0.1:8989', id: '1', sentMs: 0, graceSeconds,
});

for (const width of [80, 60]) {
	test(`at ${width} columns a kill countdown fits the STATE cell: every other cell and column stays where it was`, () => {
		const layout = layoutColumns(width, available, contentWidths, {sortKey: 'memory'});
		const stateIndex = layout.cells.findIndex(cell => cell.column.id === 'state');
		const spans = cellSpans(layout);
		for (const session of sessions.slice(0, 20)) {
			const plain = formatRow(session, layout);
			for (const nowMs of [0, 1000, 8500, 30_000]) {
				const countdown = pendingKillText(kill(30), nowMs, false, layout.cells[stateIndex]?.width);
				const row = formatRow(session, layout, {state: countdown});
				assert.equal(displayWidth(row), width);
				for (const [index, [start, end]] of spans.entries()) {
					if (index !== stateIndex) {
						assert.equal(row.slice(start, end), plain.slice(start, end), `${layout.cells[index]!.column.id} moved: ${row}`);
					}
				}

				if (stateIndex === -1) {
					continue;
				}

				const [start, end] = spans[stateIndex]!;
				assert.equal(row.slice(start, end).trimEnd(), countdown, 'the countdown is never cut');
			}
		}
	});
}

test('the countdown takes the words that fit the cell: `✖ kill 7s`, `✖ 7s`, `✖ killing…`, `✖ kill…`', () => {
	for (const width of [6, 7, 8, 9, 10, 12, 16]) {
		for (const graceSeconds of [1, 9, 59, 120, 999]) {
			for (const nowMs of [0, 500, graceSeconds * 1000, (graceSeconds * 1000) + 2000]) {
				for (const ascii of [false, true]) {
					const text = pendingKillText(kill(graceSeconds), nowMs, ascii, width);
					assert.ok(displayWidth(text) <= width, `${text} in ${width}`);
				}
			}
		}
	}

	assert.equal(pendingKillText(kill(7), 0, false, 10), '✖ kill 7s');
	assert.equal(pendingKillText(kill(7), 0, false, 8), '✖ 7s');
	assert.equal(pendingKillText(kill(7), 7000, false, 10), '✖ killing…');
	assert.equal(pendingKillText(kill(7), 7000, false, 7), '✖ kill…');
	assert.equal(pendingKillText(kill(7), 7000, true, 9), 'x kill...');
	assert.equal(pendingKillText(kill(7), 0), '✖ kill 7s');
});
