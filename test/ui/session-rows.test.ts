import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {cleanup, render} from 'ink-testing-library';
import {columns, layoutColumns} from '../../source/model/columns.js';
import type {Session} from '../../source/model/session.js';
import {createLook, LookContext, type Look} from '../../source/ui/look.js';
import type {RowView} from '../../source/state/screen.js';
import {SessionTable} from '../../source/ui/session-table.js';
import {generateSessions} from '../helpers/sessions.js';

afterEach(() => {
	cleanup();
});

/**
A look that counts how often lines read it: every SessionRow (and TextLine) render reads `colors` once.
*/
function countingLook(): {look: Look; renders: () => number} {
	const base = createLook('dark');
	let reads = 0;
	const look: Look = {
		...base,
		get colors() {
			reads++;
			return base.colors;
		},
	};
	return {look, renders: () => reads};
}

function table(look: Look, sessions: readonly Session[]) {
	const layout = layoutColumns(120, columns.filter(column => column.id !== 'host'));
	const rows: RowView[] = sessions.map((session, index) => ({key: `${session.host}\u{0}${session.id}`, session, selected: index === 0}));
	return createElement(LookContext.Provider, {value: look}, createElement(SessionTable, {
		rows, layout, sort: {key: 'memory', descending: true}, height: 21, emptyText: 'no sessions',
	}));
}

test('an unchanged snapshot in new objects renders no row again; a changed row renders alone', () => {
	const {look, renders} = countingLook();
	const sessions = generateSessions(20);
	const app = render(table(look, sessions));
	const first = renders();
	assert.equal(first, 21, 'the column titles and 20 rows');

	app.rerender(table(look, sessions.map(session => ({...session, services: [...session.services], servers: [...session.servers]}))));
	assert.equal(renders(), first);

	app.rerender(table(look, sessions.map((session, index) => index === 3 ? {...session, user: 'changed'} : session)));
	assert.equal(renders(), first + 1);
	assert.match(app.lastFrame() ?? '', /changed/v);
});

test('row marks are told apart on an ASCII terminal too: a tombstone is not a session being killed', () => {
	const sessions = generateSessions(4);
	const marks = ['tag', 'new', 'tombstone', 'kill'] as const;
	const layout = layoutColumns(120, columns.filter(column => column.id !== 'host'));
	const firstCells = [false, true].map(ascii => {
		const rows: RowView[] = sessions.map((session, index) => ({
			key: session.id, session, selected: false, mark: marks[index],
		}));
		const app = render(createElement(LookContext.Provider, {value: createLook('dark')}, createElement(SessionTable, {
			rows, layout, sort: {key: 'memory', descending: true}, height: 6, ascii, emptyText: 'no sessions',
		})));
		return (app.lastFrame() ?? '').split('\n').slice(1).map(line => line[0]);
	});
	assert.deepEqual(firstCells, [['●', '+', '†', '✖'], ['*', '+', 'x', '!']]);
});
