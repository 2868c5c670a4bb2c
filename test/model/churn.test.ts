import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ServiceStats} from '../../source/api/types.js';
import {
	churnSummary,
	createChurnTracker,
	historyValues,
	invisibleChurn,
	isNewSession,
	liveTombstones,
	opensLastMinuteBy,
	otherKey,
	sessionKey,
	updateChurn,
	type ChurnOptions,
	type ChurnState,
} from '../../source/model/churn.js';
import {noneKey} from '../../source/model/group.js';
import type {Session} from '../../source/model/session.js';

const options: ChurnOptions = {
	highlightMs: 3000, tombstoneMs: 10_000, windowMs: 60_000, maxTombstones: 50, historyLength: 20,
};

function session(id: number, overrides: Partial<Session> = {}): Session {
	return {
		id: String(id), host: 'mx1:8989', state: 'Session started', user: 'app', remote: '10.0.0.1', services: ['RW'], servers: ['s1'], filters: [], appName: 'php', ...overrides,
	};
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) {
			deepFreeze(child);
		}
	}

	return value;
}

const t0 = 1_700_000_000_000;

test('the first snapshot learns what exists without births', () => {
	const state = updateChurn(createChurnTracker(options), [session(1), session(2)], t0);
	assert.equal(state.lastInterval.opens, 0);
	assert.equal(state.sessions.size, 2);
	assert.equal(isNewSession(state, sessionKey(session(1)), t0), false);
	assert.deepEqual(historyValues(state, 'sessions'), [2]);
});

test('births are marked new for highlightMs; deaths become tombstones until tombstoneMs', () => {
	let state = updateChurn(createChurnTracker(options), [session(1), session(2, {ageSeconds: 100})], t0);
	state = updateChurn(state, [session(1), session(3, {user: 'batch', remote: '10.0.9.7'})], t0 + 2000);
	assert.deepEqual({opens: state.lastInterval.opens, closes: state.lastInterval.closes, durationMs: state.lastInterval.durationMs}, {opens: 1, closes: 1, durationMs: 2000});
	assert.equal(isNewSession(state, 'mx1:8989/3', t0 + 2000), true);
	assert.equal(isNewSession(state, 'mx1:8989/3', t0 + 4999), true);
	assert.equal(isNewSession(state, 'mx1:8989/3', t0 + 5000), false);
	assert.equal(isNewSession(state, 'mx1:8989/1', t0 + 2000), false);

	const [tombstone] = liveTombstones(state, t0 + 2000);
	assert.deepEqual(tombstone, {
		key: 'mx1:8989/2', host: 'mx1:8989', id: '2', user: 'app', remote: '10.0.0.1', services: ['RW'], appName: 'php', lifetimeSeconds: 101, diedMs: t0 + 2000,
	});
	assert.equal(liveTombstones(state, t0 + 11_999).length, 1);
	assert.equal(liveTombstones(state, t0 + 12_000).length, 0);

	state = updateChurn(state, [session(1), session(3)], t0 + 13_000);
	assert.equal(state.tombstones.length, 0);
	assert.equal(isNewSession(state, 'mx1:8989/3', t0 + 13_000), false);
});

test('updateChurn never changes the state it was given', () => {
	const first = deepFreeze(updateChurn(createChurnTracker(options), [session(1), session(2)], t0));
	const second = updateChurn(first, [session(2), session(3)], t0 + 1000);
	assert.equal(first.sessions.size, 2);
	assert.ok(first.sessions.has('mx1:8989/1'));
	assert.equal(first.tombstones.length, 0);
	assert.equal(first.lastInterval.opens, 0);
	assert.equal(second.lastInterval.opens, 1);
	// Freezing does not stop Map#set: compare the maps' contents before and after instead.
	deepFreeze(second);
	const mapsOf = (state: ChurnState) => JSON.stringify([[...state.sessions.keys()], state.buckets.map(bucket => bucket && Object.values(bucket.byKey).map(map => [...map]))]);
	const before = mapsOf(second);
	const third = updateChurn(second, [session(4)], t0 + 1500);
	assert.equal(mapsOf(second), before);
	assert.equal(churnSummary(second, t0 + 1500).opens, 1);
	assert.equal(churnSummary(third, t0 + 1500).opens, 2);
	assert.equal(churnSummary(third, t0 + 1500).closes, 3);
});

test('the churn summary ranks clients, users, apps and services and counts short-lived sessions', () => {
	let state = updateChurn(createChurnTracker(options), [], t0);
	const wave = Array.from({length: 6}, (_, index) => session(100 + index, {
		user: 'batch', remote: '::ffff:10.0.9.7', appName: undefined, ageSeconds: 1,
	}));
	state = updateChurn(state, [...wave, session(200, {user: 'report', remote: '10.0.0.2', ageSeconds: 1})], t0 + 1000);
	state = updateChurn(state, [session(200, {user: 'report', remote: '10.0.0.2', ageSeconds: 600})], t0 + 3000);
	const summary = churnSummary(state, t0 + 3000, 2);
	assert.equal(summary.opens, 7);
	assert.equal(summary.closes, 6);
	assert.equal(summary.shortLived, 6);
	assert.equal(summary.opensPerMinute, 7);
	assert.deepEqual(summary.top.client, [{
		key: '10.0.9.7', opened: 6, closed: 6, shortLived: 6,
	}, {
		key: '10.0.0.2', opened: 1, closed: 0, shortLived: 0,
	}]);
	assert.deepEqual(summary.top.user[0], {
		key: 'batch', opened: 6, closed: 6, shortLived: 6,
	});
	assert.deepEqual(summary.top.app[0], {
		key: noneKey, opened: 6, closed: 6, shortLived: 6,
	});
	assert.deepEqual(summary.top.service, [{
		key: 'RW', opened: 7, closed: 6, shortLived: 6,
	}]);
	assert.deepEqual(opensLastMinuteBy(state, t0 + 3000, 'user'), new Map([['batch', 6], ['report', 1]]));
	assert.equal(opensLastMinuteBy(state, t0 + 3000, 'server'), undefined);

	const later = churnSummary(state, t0 + 61_000);
	assert.equal(later.opens, 0);
	assert.deepEqual(later.top.client, []);
	const scaled = createChurnTracker({...options, windowMs: 30_000});
	const twice = updateChurn(updateChurn(scaled, [], t0), [session(1)], t0 + 1000);
	assert.equal(churnSummary(twice, t0 + 1000).opensPerMinute, 2);
});

test('handshakes are told apart from sessions seen started, for invisible churn', () => {
	let state = updateChurn(createChurnTracker(options), [], t0);
	state = updateChurn(state, [session(1, {state: 'Session created', user: undefined}), session(2)], t0 + 1000);
	assert.deepEqual([state.lastInterval.handshakes, state.lastInterval.seenStarted], [1, 1]);
	state = updateChurn(state, [session(1), session(2)], t0 + 2000);
	assert.deepEqual([state.lastInterval.opens, state.lastInterval.handshakes, state.lastInterval.seenStarted], [0, 0, 1]);
});

test('fleet: sessions of an unreachable host are carried over, not buried', () => {
	const other = session(1, {host: 'mx2:8989'});
	let state = updateChurn(createChurnTracker(options), [session(1), other], t0);
	state = updateChurn(state, [session(1)], t0 + 1000, {unreachableHosts: new Set(['mx2:8989'])});
	assert.equal(state.lastInterval.closes, 0);
	assert.ok(state.sessions.has('mx2:8989/1'));
	state = updateChurn(state, [session(1)], t0 + 2000);
	assert.equal(state.lastInterval.closes, 1);
	assert.equal(state.tombstones[0]!.key, 'mx2:8989/1');
});

test('history keeps session counts and opens per interval, at most historyLength samples', () => {
	let state: ChurnState = createChurnTracker(options);
	for (let step = 0; step < 30; step++) {
		state = updateChurn(state, Array.from({length: step}, (_, index) => session(index)), t0 + (step * 1000));
	}

	assert.equal(state.history.items.length, 20);
	assert.deepEqual(historyValues(state, 'sessions'), Array.from({length: 20}, (_, index) => index + 10));
	assert.deepEqual(historyValues(state, 'opens'), Array.from({length: 20}, () => 1));
});

function bornSession(id: number): Session {
	return session(id, {
		user: `user${id % 997}`, remote: `10.${id % 200}.${id % 250}.${id % 251}`, appName: `app${id % 89}`, services: [`svc${id % 61}`], ageSeconds: id % 20,
	});
}

test('100,000 births and deaths keep every part of the state under its cap', () => {
	const capped: ChurnOptions = {
		...options, maxTombstones: 100, historyLength: 60, maxKeysPerBucket: 50,
	};
	let state = updateChurn(createChurnTracker(capped), [], t0);
	let next = 0;
	let live: Session[] = [];
	for (let step = 1; step <= 500; step++) {
		const firstId = next + 1;
		const born = Array.from({length: 200}, (_, index) => bornSession(firstId + index));
		next += born.length;
		live = [...live.slice(100), ...born].slice(-300);
		state = updateChurn(state, live, t0 + (step * 2000));
		assert.ok(state.tombstones.length <= 100);
		assert.ok(state.sessions.size <= 300);
		assert.ok(state.history.items.length <= 60);
		assert.equal(state.buckets.length, 12);
		for (const bucket of state.buckets) {
			for (const map of Object.values(bucket?.byKey ?? {})) {
				assert.ok(map.size <= 51);
			}
		}
	}

	assert.equal(next, 100_000);
	const summary = churnSummary(state, t0 + (500 * 2000));
	assert.ok(summary.opens > 0);
	assert.ok(summary.closes > 0);
	assert.ok(summary.top.user.some(entry => entry.key === otherKey));
	assert.ok(summary.shortLived > 0);
});

test('a mass death (MaxScale restart) creates at most maxTombstones tombstones', () => {
	const many = Array.from({length: 50_000}, (_, index) => session(index));
	let state = updateChurn(createChurnTracker(options), many, t0);
	state = updateChurn(state, [], t0 + 1000);
	assert.equal(state.lastInterval.closes, 50_000);
	assert.equal(state.tombstones.length, 50);
	assert.equal(state.sessions.size, 0);
});

function services(...totals: Array<[string, number | undefined, boolean?]>): ServiceStats[] {
	return totals.map(([id, totalConnections, hasListeners = true]) => ({
		id, totalConnections, hasListeners, filters: [],
	}));
}

test('invisibleChurn: Δtotal_connections of client-facing services minus seen births and our restarts', () => {
	const before = services(['RW', 100], ['RO', 50], ['Inner', 1000, false]);
	assert.equal(invisibleChurn(before, services(['RW', 130], ['RO', 55], ['Inner', 5000, false]), 20, 2), 13);
	assert.equal(invisibleChurn(before, services(['RW', 101], ['RO', 50], ['Inner', 1000, false]), 5, 0), 0, 'clamped at 0');
	assert.equal(invisibleChurn(before, services(['RW', 90], ['RO', 60], ['Inner', 1000, false]), 0, 0), undefined, 'a counter reset');
	assert.equal(invisibleChurn(before, services(['RW', 130], ['RO', undefined]), 0, 0), undefined, 'missing counter');
	assert.equal(invisibleChurn(before, services(['RW', 130]), 0, 0), undefined, 'a service vanished');
	assert.equal(invisibleChurn(before, services(['RW', 130], ['RO', 50], ['New', 3]), 0, 0), undefined, 'a service appeared');
	assert.equal(invisibleChurn(undefined, before, 0, 0), undefined);
	assert.equal(invisibleChurn(before, undefined, 0, 0), undefined);
});
