import {test} from 'node:test';
import assert from 'node:assert/strict';
import {columns, type ColumnId, type ContentWidths} from '../../source/model/columns.js';
import {
	measureContent,
	resetContentWidths,
	shrinkAfterRefreshes,
	trackContentWidths,
	type ContentWidthTracker,
} from '../../source/model/content-width.js';
import {sanitize} from '../../source/model/sanitize.js';
import type {Session} from '../../source/model/session.js';
import {displayWidth} from '../../source/model/text.js';
import {generateSessions, legacySession, makeSession} from '../helpers/sessions.js';

/** What the table shows: the formatted text, sanitized, measured. */
function shownWidth(session: Session, id: ColumnId): number | undefined {
	const value = columns.find(column => column.id === id)!.value(session);
	return value === undefined ? undefined : displayWidth(sanitize(value));
}

const kib = 1024;
const odd: Session[] = [
	makeSession({
		id: '1', user: '用户', remote: 'fe80::1', port: 3306,
	}),
	makeSession({
		id: '2', user: 'a\u{1B}[31mred', remote: '[::1]', port: undefined,
	}),
	makeSession({
		id: '3', user: 'e\u{301}e\u{301}', remote: '', port: 40_000,
	}),
	makeSession({
		id: '4', user: '👩‍👩‍👧', remote: 'host\u{200B}name', services: ['服务', 'b\u{7}'], servers: [],
	}),
	makeSession({
		id: '5', user: 'Zoë', remote: undefined, port: undefined, services: [], servers: ['s1', 's2', 's3'],
	}),
	makeSession({id: 'x\u{9B}y', state: 'Session stopping', user: undefined}),
	makeSession({id: '7', state: 'Started', host: 'maxscale-ü:8989'}),
	makeSession({
		id: '8', state: undefined, remote: 'client.example.com', port: 123_456,
	}),
	makeSession({id: '9', port: -1, remote: '10.0.0.1'}),
	makeSession({id: '10', port: 1.5}),
];
const numbers = [
	0, -0, 0.4, 1, 9, 59.99, 60, 599, 600, 3599, 3600, 35_999, 36_000, 86_399, 86_400, 863_999, 864_000, 8_640_000, -5, 1e21, 12.5, 1_000_001, Infinity, -Infinity,
	1023, 1024, 9.94 * kib, 9.96 * kib, 99.94 * kib, 99.96 * kib, 999.4 * kib, 999.6 * kib, 1023.4 * kib, 1023.6 * kib, kib * kib, 999.9 * kib * kib,
	kib ** 3, 999.6 * (kib ** 3), 1000 * (kib ** 3), kib ** 4, kib ** 5, 2 * (kib ** 5), -2048, 2 ** 31, 2 ** 53,
];
for (const [index, value] of numbers.entries()) {
	odd.push(makeSession({
		id: String(100 + index), ageSeconds: value, idleSeconds: value, memoryBytes: value, ioActivity: value, thread: value,
	}));
}

test('every cell is measured as wide as the table shows it, odd values included', () => {
	const sessions = [...odd, ...generateSessions(200, {seed: 5}), legacySession('300')];
	for (const column of columns) {
		for (const session of sessions) {
			const expected = Math.min(shownWidth(session, column.id) ?? 0, column.maxWidth);
			assert.equal(measureContent([session], [column]).get(column.id), expected, `${column.id} of ${JSON.stringify(column.value(session))}`);
		}
	}
});

test('the widest value counts, capped at the column maximum; columns not asked for are left out', () => {
	const sessions = [makeSession({id: '1', user: 'bob'}), makeSession({id: '12345', user: 'a-rather-long-user-name'})];
	const wanted = columns.filter(column => column.id === 'id' || column.id === 'user');
	assert.deepEqual([...measureContent(sessions, wanted)], [['id', 5], ['user', 16]]);
	assert.deepEqual([...measureContent([], wanted)], [['id', 0], ['user', 0]]);
});

test('fromTitle: never narrower than the title and its sort arrow, which the layout treats alike', () => {
	const sessions = [makeSession({id: '7', user: 'al', thread: 1})];
	const measured = measureContent(sessions, columns, {fromTitle: true});
	assert.equal(measured.get('id'), 3);
	assert.equal(measured.get('user'), 5);
	assert.equal(measured.get('thread'), 4);
	assert.equal(measured.get('client'), '10.0.0.5:40000'.length);
});

function widths(entries: Record<string, number>): ContentWidths {
	return new Map(Object.entries(entries)) as ContentWidths;
}

function refresh(tracker: ContentWidthTracker, user: number): ContentWidthTracker {
	return trackContentWidths(tracker, widths({id: 5, user}));
}

test('a column grows at once but shrinks only after it stayed narrower for several refreshes', () => {
	let tracker = trackContentWidths(undefined, widths({id: 5, user: 8}));
	tracker = refresh(tracker, 14);
	assert.equal(tracker.widths.get('user'), 14, 'grows at once');
	const grown = tracker.widths;
	for (let count = 1; count < shrinkAfterRefreshes; count++) {
		tracker = refresh(tracker, count === 2 ? 10 : 9);
		assert.equal(tracker.widths, grown, `still the same widths after ${count} narrower refreshes`);
	}

	tracker = refresh(tracker, 9);
	assert.equal(tracker.widths.get('user'), 10, 'shrinks to the widest measured while narrower');
	assert.equal(tracker.narrowing.size, 0);
});

test('a refresh at full width starts the count again; a new column and an unchanged one need no waiting', () => {
	let tracker = trackContentWidths(undefined, widths({id: 5, user: 14}));
	for (let count = 1; count < shrinkAfterRefreshes; count++) {
		tracker = refresh(tracker, 9);
	}

	tracker = refresh(tracker, 14);
	for (let count = 1; count < shrinkAfterRefreshes; count++) {
		tracker = refresh(tracker, 9);
		assert.equal(tracker.widths.get('user'), 14);
	}

	const before = tracker.widths;
	const withHost = trackContentWidths(tracker, widths({host: 12, id: 5, user: 14}));
	assert.equal(withHost.widths.get('host'), 12);
	assert.notEqual(withHost.widths, before);
	const withoutHost = trackContentWidths(withHost, widths({id: 5, user: 14}));
	assert.equal(withoutHost.widths.has('host'), false);
});

test('unchanged widths keep their map, so the layout is not recomputed; a reset takes new widths at once', () => {
	const first = trackContentWidths(undefined, widths({id: 5, user: 14}));
	const same = trackContentWidths(first, widths({id: 5, user: 14}));
	assert.equal(same.widths, first.widths);
	assert.equal(resetContentWidths(same, widths({id: 5, user: 14})).widths, first.widths);
	const reset = resetContentWidths(same, widths({id: 5, user: 6}));
	assert.equal(reset.widths.get('user'), 6);
	assert.equal(reset.narrowing.size, 0);
});
