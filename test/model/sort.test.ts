import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Session} from '../../source/model/session.js';
import {
	isDescendingByDefault,
	sortKeyOrder,
	sortSessions,
	sortValue,
} from '../../source/model/sort.js';
import {generateSessions, makeSession, seededRandom} from '../helpers/sessions.js';
import type {SortKey} from '../../source/model/types.js';

test('sorts by a numeric key in both directions, ties broken by id', () => {
	const sessions = [
		makeSession({id: '3', idleSeconds: 5}),
		makeSession({id: '1', idleSeconds: 10}),
		makeSession({id: '2', idleSeconds: 5}),
		makeSession({id: '10', idleSeconds: 1}),
	];
	assert.deepEqual(sortSessions(sessions, 'idle', true).map(session => session.id), ['1', '2', '3', '10']);
	assert.deepEqual(sortSessions(sessions, 'idle', false).map(session => session.id), ['10', '2', '3', '1']);
});

test('ids sort numerically, not as text', () => {
	const sessions = ['100', '9', '20'].map(id => makeSession({id}));
	assert.deepEqual(sortSessions(sessions, 'id', false).map(session => session.id), ['9', '20', '100']);
});

test('sessions without the value go last in either direction', () => {
	const sessions = [
		makeSession({id: '1', memoryBytes: undefined}),
		makeSession({id: '2', memoryBytes: 10}),
		makeSession({id: '3', memoryBytes: 30}),
	];
	assert.deepEqual(sortSessions(sessions, 'memory', true).map(session => session.id), ['3', '2', '1']);
	assert.deepEqual(sortSessions(sessions, 'memory', false).map(session => session.id), ['2', '3', '1']);
	const users = [makeSession({id: '1', user: undefined}), makeSession({id: '2', user: 'bob'}), makeSession({id: '3', user: 'Alice'})];
	assert.deepEqual(sortSessions(users, 'user', false).map(session => session.id), ['3', '2', '1']);
	assert.deepEqual(sortSessions(users, 'user', true).map(session => session.id), ['2', '3', '1']);
});

test('client sorts by address, then port as a number', () => {
	const sessions = [
		makeSession({id: '1', remote: '10.0.0.2', port: 9}),
		makeSession({id: '2', remote: '10.0.0.1', port: 10}),
		makeSession({id: '3', remote: '10.0.0.1', port: 9}),
	];
	assert.deepEqual(sortSessions(sessions, 'client', false).map(session => session.id), ['3', '2', '1']);
});

test('equal values keep a stable order by id then host across hosts', () => {
	const sessions = [
		makeSession({id: '5', host: 'b:8989', idleSeconds: 1}),
		makeSession({id: '5', host: 'a:8989', idleSeconds: 1}),
		makeSession({id: '4', host: 'b:8989', idleSeconds: 1}),
	];
	const sorted = sortSessions(sessions, 'idle', true).map(session => `${session.host}/${session.id}`);
	assert.deepEqual(sorted, ['b:8989/4', 'a:8989/5', 'b:8989/5']);
	assert.deepEqual(sortSessions(sessions.toReversed(), 'idle', true).map(session => `${session.host}/${session.id}`), sorted);
});

test('does not change its input', () => {
	const sessions = generateSessions(50);
	const before = sessions.map(session => session.id);
	sortSessions(sessions, 'memory', true);
	assert.deepEqual(sessions.map(session => session.id), before);
});

test('50,000 sessions sort correctly, ties by id', () => {
	const sessions = generateSessions(50_000, {seed: 7});
	const sorted = sortSessions(sessions, 'memory', true);
	assert.equal(sorted.length, 50_000);
	const outOfOrder = sorted.filter((current, index) => {
		const previous = sorted[index - 1];
		return previous !== undefined && !(previous.memoryBytes! > current.memoryBytes! || (previous.memoryBytes === current.memoryBytes && Number(previous.id) < Number(current.id)));
	});
	assert.deepEqual(outOfOrder, []);

	const byUser = sortSessions(sessions, 'user', false);
	assert.equal(new Set(byUser.map(session => session.id)).size, 50_000);
});

test('numbers default to largest first, names to A→Z', () => {
	assert.equal(isDescendingByDefault('memory'), true);
	assert.equal(isDescendingByDefault('idle'), true);
	assert.equal(isDescendingByDefault('user'), false);
	assert.equal(isDescendingByDefault('id'), false);
});

/** The sort's contract, written the plain way: one comparator, every key recomputed. */
function referenceSort(sessions: readonly Session[], key: SortKey, isDescending: boolean): Session[] {
	const idNumber = (id: string) => Number.isFinite(Number(id)) ? Number(id) : undefined;
	const compare = (a: number | string, b: number | string) => a === b ? 0 : (a < b ? -1 : 1);
	return sessions.toSorted((left, right) => {
		const a = sortValue(left, key);
		const b = sortValue(right, key);
		if (a === undefined || b === undefined) {
			if (a !== b) {
				return a === undefined ? 1 : -1;
			}
		} else if (compare(a, b) !== 0) {
			return compare(a, b) * (isDescending ? -1 : 1);
		}

		const idA = idNumber(left.id);
		const idB = idNumber(right.id);
		return (idA !== undefined && idB !== undefined ? compare(idA, idB) : 0) || compare(left.id, right.id) || compare(left.host, right.host);
	});
}

test('every key in both directions matches the plain comparator sort, odd data included', () => {
	const random = seededRandom(11);
	const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
	const sessions = generateSessions(3000, {seed: 3}).map((session, index) => {
		switch (index % 13) {
			case 0: {
				return {
					...session, memoryBytes: undefined, user: undefined, remote: undefined, idleSeconds: undefined,
				};
			}

			case 1: {
				return {...session, memoryBytes: pick([0, -0, -5, 2 ** 40, 0.5, 1e300]), idleSeconds: pick([-0, 0, 1.25, -3])};
			}

			case 2: {
				return {...session, user: pick(['Bob', 'bob', 'ÄRGER', 'zoë', '']), port: pick([99_999, 100_000, 7.5, -1, undefined])};
			}

			case 3: {
				return {...session, id: pick(['x1', '007', '7', '', ' 8 ', '1e3'])};
			}

			case 4: {
				return {...session, host: pick(['b:8989', 'A:8989']), id: String(index % 40)};
			}

			default: {
				return {...session, thread: index % 3, state: pick(['Session started', 'session Started', 'Session created'])};
			}
		}
	});
	const clean = generateSessions(3000, {seed: 4});
	for (const data of [sessions, clean, clean.filter(session => session.thread === 0)]) {
		for (const key of sortKeyOrder) {
			for (const isDescending of [true, false]) {
				const expected = referenceSort(data, key, isDescending).map(session => `${session.host}/${session.id}`);
				assert.deepEqual(sortSessions(data, key, isDescending).map(session => `${session.host}/${session.id}`), expected, `${key} ${isDescending ? 'descending' : 'ascending'}`);
			}
		}
	}
});
