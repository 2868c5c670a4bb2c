import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clientSubnet} from '../../source/model/filter-address.js';
import {
	churnSteps,
	createChurnTracker,
	otherKey,
	updateChurn,
	type ChurnOptions,
	type ChurnState,
} from '../../source/model/churn.js';
import {noneKey} from '../../source/model/group.js';
import type {Session} from '../../source/model/session.js';
import type {ServiceStats} from '../../source/model/types.js';
import {
	addListSample,
	addServicesSample,
	churnSummary,
	connectionsGrowth,
	createInvisibleHistory,
	historyValues,
	invisibleEstimate,
	type InvisibleHistory,
	isNewSession,
	liveTombstones,
	opensLastMinuteBy,
} from '../../source/model/churn-summary.js';

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
/** The host's first list was empty: what comes next is born. */
const firstEmptyList = {hosts: ['mx1:8989']};

test('the first snapshot learns what exists without births', () => {
	const state = updateChurn(createChurnTracker(options), [session(1), session(2)], t0);
	assert.equal(state.lastInterval.opens, 0);
	assert.equal(state.trackedCount, 2);
	assert.equal(isNewSession(state, session(1), t0), false);
	assert.deepEqual(historyValues(state, 'sessions'), [2]);
});

test('births are marked new for highlightMs; deaths become tombstones until tombstoneMs', () => {
	let state = updateChurn(createChurnTracker(options), [session(1), session(2, {ageSeconds: 100})], t0);
	state = updateChurn(state, [session(1), session(3, {user: 'batch', remote: '10.0.9.7'})], t0 + 2000);
	assert.deepEqual({opens: state.lastInterval.opens, closes: state.lastInterval.closes, durationMs: state.lastInterval.durationMs}, {opens: 1, closes: 1, durationMs: 2000});
	assert.equal(isNewSession(state, {host: 'mx1:8989', id: '3'}, t0 + 2000), true);
	assert.equal(isNewSession(state, {host: 'mx1:8989', id: '3'}, t0 + 4999), true);
	assert.equal(isNewSession(state, {host: 'mx1:8989', id: '3'}, t0 + 5000), false);
	assert.equal(isNewSession(state, {host: 'mx1:8989', id: '1'}, t0 + 2000), false);

	const [tombstone] = liveTombstones(state, t0 + 2000);
	assert.deepEqual(tombstone, {
		key: 'mx1:8989\u{0}2', host: 'mx1:8989', id: '2', user: 'app', remote: '10.0.0.1', services: ['RW'], appName: 'php', lifetimeSeconds: 101, diedMs: t0 + 2000,
	});
	assert.equal(liveTombstones(state, t0 + 11_999).length, 1);
	assert.equal(liveTombstones(state, t0 + 12_000).length, 0);

	state = updateChurn(state, [session(1), session(3)], t0 + 13_000);
	assert.equal(state.tombstones.length, 0);
	assert.equal(isNewSession(state, {host: 'mx1:8989', id: '3'}, t0 + 13_000), false);
});

test('updateChurn never changes the state it was given', () => {
	const first = deepFreeze(updateChurn(createChurnTracker(options), [session(1), session(2)], t0));
	const second = updateChurn(first, [session(2), session(3)], t0 + 1000);
	assert.equal(first.trackedCount, 2);
	assert.ok(first.sessions.get('mx1:8989')?.sessions.some(({id}) => id === '1'));
	assert.equal(first.tombstones.length, 0);
	assert.equal(first.lastInterval.opens, 0);
	assert.equal(second.lastInterval.opens, 1);
	// Freezing does not stop Map#set: compare the maps' contents before and after instead.
	deepFreeze(second);
	const mapsOf = (state: ChurnState) => JSON.stringify([[...state.sessions].map(([host, tracked]) => [host, tracked.sessions.map(({id}) => id), tracked.firstSeenMs, [...tracked.recent]]), state.buckets.map(bucket => bucket && Object.values(bucket.byKey).map(map => [...map]))]);
	const before = mapsOf(second);
	const third = updateChurn(second, [session(4)], t0 + 1500);
	assert.equal(mapsOf(second), before);
	assert.equal(churnSummary(second, t0 + 1500).opens, 1);
	assert.equal(churnSummary(third, t0 + 1500).opens, 2);
	assert.equal(churnSummary(third, t0 + 1500).closes, 3);
});

test('the churn summary ranks clients, users, apps and services and counts short-lived sessions', () => {
	let state = updateChurn(createChurnTracker(options), [], t0, firstEmptyList);
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
	const twice = updateChurn(updateChurn(scaled, [], t0, firstEmptyList), [session(1)], t0 + 1000);
	assert.equal(churnSummary(twice, t0 + 1000).opensPerMinute, 2);
});

test('handshakes are told apart from sessions seen started, for invisible churn', () => {
	let state = updateChurn(createChurnTracker(options), [], t0, firstEmptyList);
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
	assert.ok(state.sessions.get('mx2:8989')?.sessions.some(({id}) => id === '1'));
	state = updateChurn(state, [session(1)], t0 + 2000);
	assert.equal(state.lastInterval.closes, 1);
	assert.equal(state.tombstones[0]!.key, 'mx2:8989\u{0}1');
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
		...options, maxTombstones: 100, historyLength: 60,
	};
	let state = updateChurn(createChurnTracker(capped), [], t0, firstEmptyList);
	let next = 0;
	let live: Session[] = [];
	for (let step = 1; step <= 500; step++) {
		const firstId = next + 1;
		const born = Array.from({length: 200}, (_, index) => bornSession(firstId + index));
		next += born.length;
		live = [...live.slice(100), ...born].slice(-300);
		state = updateChurn(state, live, t0 + (step * 2000));
		assert.ok(state.tombstones.length <= 100);
		assert.ok(state.trackedCount <= 300);
		assert.ok(state.history.items.length <= 60);
		assert.equal(state.buckets.length, 12);
		for (const bucket of state.buckets) {
			for (const map of Object.values(bucket?.byKey ?? {})) {
				assert.ok(map.size <= 201);
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
	assert.equal(state.trackedCount, 0);
});

function services(...totals: Array<[string, number | undefined, boolean?]>): ServiceStats[] {
	return totals.map(([id, totalConnections, hasListeners = true]) => ({
		id, totalConnections, hasListeners, filters: [],
	}));
}

test('connectionsGrowth: Δtotal_connections of client-facing services; undefined when it cannot be trusted', () => {
	const before = services(['RW', 100], ['RO', 50], ['Inner', 1000, false]);
	assert.equal(connectionsGrowth(before, services(['RW', 130], ['RO', 55], ['Inner', 5000, false])), 35);
	assert.equal(connectionsGrowth(before, services(['RW', 90], ['RO', 60], ['Inner', 1000, false])), undefined, 'a counter reset');
	assert.equal(connectionsGrowth(before, services(['RW', 130], ['RO', undefined])), undefined, 'missing counter');
	assert.equal(connectionsGrowth(before, services(['RW', 130])), undefined, 'a service vanished');
	assert.equal(connectionsGrowth(before, services(['RW', 130], ['RO', 50], ['New', 3])), undefined, 'a service appeared');
});

const windowMs = 60_000;

type Pace = {
	/**
	Connections per second that live long enough for every list to see them.
	*/
	seenPerSecond: number;
	/**
	Connections per second that are gone before any list.
	*/
	briefPerSecond: number;
	listEveryMs: number;
	seconds: number;
};

/**
A MaxScale polled like the live app: services every second, the list at its own slower pace and
offset. Connections arrive once a second, a quarter second after the services poll.
*/
function simulate(pace: Pace, history: InvisibleHistory = createInvisibleHistory()): {history: InvisibleHistory; total: number} {
	let total = 1000;
	let seenSinceList = 0;
	for (let ms = 0; ms <= pace.seconds * 1000; ms += 250) {
		if (ms % 1000 === 0) {
			history = addServicesSample(history, t0 + ms, services(['RW', total]), 0, windowMs);
		}

		if (ms % 1000 === 250) {
			total += pace.seenPerSecond + pace.briefPerSecond;
			seenSinceList += pace.seenPerSecond;
		}

		if (ms % pace.listEveryMs !== 500) {
			continue;
		}

		history = addListSample(history, t0 + ms, seenSinceList, windowMs);
		seenSinceList = 0;
	}

	return {history, total};
}

test('invisible churn: steady churn with lists every 2 s or 5 s is counted over the last minute, not lost to mismatched intervals', () => {
	for (const listEveryMs of [2000, 5000]) {
		const {history} = simulate({
			seenPerSecond: 3, briefPerSecond: 2, listEveryMs, seconds: 120,
		});
		assert.deepEqual(invisibleEstimate(history, windowMs), {count: 120, spanMs: windowMs}, `lists every ${listEveryMs} ms`);
	}
});

test('invisible churn: before a minute is known, the figure covers the time that is', () => {
	const {history} = simulate({
		seenPerSecond: 3, briefPerSecond: 2, listEveryMs: 2000, seconds: 20,
	});
	// Known from the first list (0.5 s) to the newest (18.5 s).
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 36, spanMs: 18_000});
	assert.equal(invisibleEstimate(createInvisibleHistory(), windowMs), undefined);
});

test('invisible churn: no short-lived sessions gives 0, whatever the list pace', () => {
	for (const listEveryMs of [2000, 5000]) {
		const {history} = simulate({
			seenPerSecond: 7, briefPerSecond: 0, listEveryMs, seconds: 90,
		});
		assert.deepEqual(invisibleEstimate(history, windowMs), {count: 0, spanMs: windowMs});
	}
});

test('invisible churn: growth after the newest list waits for the list that can show its births', () => {
	let history = addServicesSample(createInvisibleHistory(), t0, services(['RW', 100]), 0, windowMs);
	history = addListSample(history, t0 + 100, 0, windowMs);
	history = addServicesSample(history, t0 + 1000, services(['RW', 110]), 0, windowMs);
	history = addListSample(history, t0 + 1100, 4, windowMs);
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 6, spanMs: 1000});
	// Ten connections the list has not had a chance to see yet.
	history = addServicesSample(history, t0 + 2000, services(['RW', 120]), 0, windowMs);
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 6, spanMs: 1000});
	history = addListSample(history, t0 + 2100, 10, windowMs);
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 6, spanMs: 2000});
});

test('invisible churn: sessions maxtop restarted itself are not counted', () => {
	let history = addServicesSample(createInvisibleHistory(), t0, services(['RW', 100]), 0, windowMs);
	history = addListSample(history, t0 + 100, 0, windowMs);
	history = addServicesSample(history, t0 + 1000, services(['RW', 110]), 3, windowMs);
	history = addListSample(history, t0 + 1100, 4, windowMs);
	assert.equal(invisibleEstimate(history, windowMs)?.count, 3);
});

test('invisible churn: a fleet member\'s first list (all births to the churn tracker) is not counted', () => {
	let history = addServicesSample(createInvisibleHistory(), t0, services(['RW', 100]), 0, windowMs);
	history = addServicesSample(history, t0 + 1000, services(['RW', 101]), 0, windowMs);
	history = addListSample(history, t0 + 1500, 250, windowMs);
	history = addServicesSample(history, t0 + 2000, services(['RW', 105]), 0, windowMs);
	history = addListSample(history, t0 + 2500, 1, windowMs);
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 3, spanMs: 1000});
});

test('invisible churn: a counter going down (MaxScale restarted) drops the history', () => {
	let {history, total} = simulate({
		seenPerSecond: 3, briefPerSecond: 2, listEveryMs: 2000, seconds: 90,
	});
	assert.equal(invisibleEstimate(history, windowMs)?.count, 120);
	history = addServicesSample(history, t0 + 91_000, services(['RW', 5]), 0, windowMs);
	assert.ok(total > 5);
	assert.equal(invisibleEstimate(history, windowMs), undefined);
	assert.equal(history.growth.items.length + history.births.items.length, 0);
	history = addServicesSample(history, t0 + 92_000, services(['RW', 12]), 0, windowMs);
	history = addListSample(history, t0 + 92_500, 4, windowMs);
	assert.deepEqual(invisibleEstimate(history, windowMs), {count: 3, spanMs: 1500});
});

test('invisible churn: a replay stepping back starts over', () => {
	let {history} = simulate({
		seenPerSecond: 3, briefPerSecond: 2, listEveryMs: 2000, seconds: 30,
	});
	history = addListSample(history, t0 + 10_000, 0, windowMs);
	assert.equal(invisibleEstimate(history, windowMs), undefined);
});

test('invisible churn: memory stays bounded; a ring too short for the minute shortens the span it claims', () => {
	const capacity = 40;
	let history = createInvisibleHistory(capacity);
	let total = 0;
	for (let step = 0; step < 50_000; step++) {
		const ms = step * 500;
		total += 3;
		history = addServicesSample(history, t0 + ms, services(['RW', total]), 0, windowMs);
		history = addListSample(history, t0 + ms + 100, 2, windowMs);
		assert.ok(history.growth.items.length <= capacity);
		assert.ok(history.births.items.length <= capacity);
	}

	// 40 samples half a second apart: 20 s known, one invisible connection per sample.
	const estimate = invisibleEstimate(history, windowMs);
	assert.ok(estimate && estimate.spanMs <= 20_000 && estimate.spanMs >= 19_000, JSON.stringify(estimate));
	assert.ok(Math.abs(estimate.count - (estimate.spanMs / 500)) <= 1, JSON.stringify(estimate));
});

test('clientSubnet: IPv4 /24, IPv6 /64, names as themselves', () => {
	assert.equal(clientSubnet('10.0.9.77'), '10.0.9.0/24');
	assert.equal(clientSubnet('::ffff:10.0.9.77'), '10.0.9.0/24');
	assert.equal(clientSubnet('::ffff:a00:94d'), '10.0.9.0/24');
	assert.equal(clientSubnet('fd00:1:2:3:4:5:6:7'), 'fd00:1:2:3::/64');
	assert.equal(clientSubnet('2001:db8:0:1::9'), '2001:db8:0:1::/64');
	assert.equal(clientSubnet('fd00::1'), 'fd00::/64');
	assert.equal(clientSubnet('fe80::1%eth0'), 'fe80::/64');
	assert.equal(clientSubnet('::1'), '::/64');
	assert.equal(clientSubnet('app-7.internal'), 'app-7.internal');
	assert.equal(clientSubnet('localhost'), 'localhost');
});

test('the churn summary rolls client hosts up into subnets: a storm over many addresses is one line', () => {
	let state = updateChurn(createChurnTracker(options), [], t0, firstEmptyList);
	const storm = Array.from({length: 240}, (_, index) => session(1000 + index, {remote: `10.0.9.${index + 2}`, ageSeconds: 1}));
	const steady = [session(1, {remote: '10.0.1.5'}), session(2, {remote: '10.0.1.6'}), session(3, {remote: 'fd00::5'}), session(4, {remote: undefined})];
	state = updateChurn(state, [...storm, ...steady], t0 + 1000);
	state = updateChurn(state, steady, t0 + 3000);
	const summary = churnSummary(state, t0 + 3000, 3);
	assert.deepEqual(summary.top.subnet, [
		{
			key: '10.0.9.0/24', opened: 240, closed: 240, shortLived: 240,
		},
		{
			key: '10.0.1.0/24', opened: 2, closed: 0, shortLived: 0,
		},
		{
			key: noneKey, opened: 1, closed: 0, shortLived: 0,
		},
	]);
	// Per host the storm is lost: two events per address, the rest over the key cap in `(other)`.
	assert.ok(summary.top.client.every(entry => entry.key === otherKey || entry.opened + entry.closed <= 2), JSON.stringify(summary.top.client));
	assert.ok(churnSummary(state, t0 + 3000, 10).top.subnet.some(entry => entry.key === 'fd00::/64'));
});

test('polls within one history slot add up into one sample; an unchanged repeat leaves the history as it was', () => {
	let state: ChurnState = createChurnTracker(options);
	state = updateChurn(state, [session(1)], t0);
	state = updateChurn(state, [session(1), session(2)], t0 + 1000);
	const before = state.history;
	state = updateChurn(state, [session(1), session(2)], t0 + 1000);
	assert.equal(state.history, before, 'the same list again in the same slot: no new sample');
	state = updateChurn(state, [session(1), session(2), session(3)], t0 + 1400);
	assert.deepEqual(historyValues(state, 'sessions'), [1, 3]);
	assert.deepEqual(historyValues(state, 'opens'), [0, 2]);
});

test('sessions matched by walking the last snapshot: reordered, repeated, or one host in two runs give the same births and deaths as matching by id', () => {
	const ids = Array.from({length: 20}, (_, index) => index + 1);
	let state = updateChurn(createChurnTracker(options), ids.map(id => session(id)), t0);
	// Reversed (every session far from where the walk expects it), 5 twice, 21 new and twice, 3 gone.
	const reordered = [...ids.filter(id => id !== 3).toReversed(), 5, 21, 21].map(id => session(id));
	state = updateChurn(state, reordered, t0 + 1000);
	assert.deepEqual({opens: state.lastInterval.opens, closes: state.lastInterval.closes, tracked: state.trackedCount}, {opens: 1, closes: 1, tracked: 20});
	assert.equal(state.tombstones[0]!.id, '3');
	assert.equal(isNewSession(state, session(21), t0 + 1000), true);
	assert.equal(isNewSession(state, session(20), t0 + 1000), false);

	// Back to the first order, and the born session stays new until highlightMs.
	state = updateChurn(state, [...ids.filter(id => id !== 3), 21].map(id => session(id)), t0 + 2000);
	assert.deepEqual({opens: state.lastInterval.opens, closes: state.lastInterval.closes}, {opens: 0, closes: 0});
	assert.equal(isNewSession(state, session(21), t0 + 2000), true);

	// Two hosts, one of them in two runs; ids that are not numbers.
	const other = (id: string) => session(0, {id, host: 'mx2:8989'});
	state = updateChurn(createChurnTracker(options), [session(1), session(2), other('b'), other('a')], t0);
	state = updateChurn(state, [session(1), other('a'), session(2), other('b'), other('c')], t0 + 1000);
	assert.deepEqual({opens: state.lastInterval.opens, closes: state.lastInterval.closes, tracked: state.trackedCount}, {opens: 1, closes: 0, tracked: 5});
	assert.equal(isNewSession(state, other('c'), t0 + 1000), true);
	assert.equal(isNewSession(state, other('a'), t0 + 1000), false);
});

test('a fleet member\'s first list is its baseline: no storm of openings when a second host starts reporting', () => {
	const other = (id: number) => session(id, {host: 'mx2:8989'});
	const first = Array.from({length: 100}, (_, index) => session(index + 1));
	const second = Array.from({length: 100}, (_, index) => other(index + 1));
	let state = updateChurn(createChurnTracker(options), first, t0, {hosts: ['mx1:8989']});
	state = updateChurn(state, [...first, ...second], t0 + 300, {hosts: ['mx1:8989', 'mx2:8989']});
	assert.deepEqual([state.lastInterval.opens, state.lastInterval.closes], [0, 0]);
	assert.equal(churnSummary(state, t0 + 300).opensPerMinute, 0);
	assert.equal(state.sessions.get('mx2:8989')?.recent.size, 0);
	// Births after the baseline still count.
	state = updateChurn(state, [...first, ...second, other(101)], t0 + 2300, {hosts: ['mx1:8989', 'mx2:8989']});
	assert.equal(state.lastInterval.opens, 1);
});

test('a host known with no sessions stays known: its first sessions later are births', () => {
	let state = updateChurn(createChurnTracker(options), [session(1)], t0);
	state = updateChurn(state, [], t0 + 1000);
	assert.equal(state.lastInterval.closes, 1);
	state = updateChurn(state, [session(2)], t0 + 2000);
	assert.equal(state.lastInterval.opens, 1);
});

test('a MaxScale restart ends the old sessions and starts a baseline: no churn either way, no tombstones', () => {
	const before = Array.from({length: 40}, (_, index) => session(500 + index));
	const after = Array.from({length: 36}, (_, index) => session(index + 1));
	let state = updateChurn(createChurnTracker(options), before, t0);
	state = updateChurn(state, after, t0 + 2000, {restartedHosts: new Set(['mx1:8989'])});
	assert.deepEqual([state.lastInterval.opens, state.lastInterval.closes], [0, 0]);
	assert.deepEqual(state.tombstones, []);
	assert.equal(state.trackedCount, 36);
	const summary = churnSummary(state, t0 + 2000);
	assert.deepEqual([summary.opens, summary.closes], [0, 0]);
	// After the baseline, churn counts again.
	state = updateChurn(state, [...after.slice(1), session(37)], t0 + 4000);
	assert.deepEqual([state.lastInterval.opens, state.lastInterval.closes], [1, 1]);
});

test('a restart of one fleet member leaves the other\'s churn alone', () => {
	const other = (id: number) => session(id, {host: 'mx2:8989'});
	let state = updateChurn(createChurnTracker(options), [session(10), session(11), other(10), other(11)], t0);
	state = updateChurn(state, [session(1), other(11), other(12)], t0 + 2000, {restartedHosts: new Set(['mx1:8989'])});
	assert.deepEqual([state.lastInterval.opens, state.lastInterval.closes], [1, 1]);
	assert.deepEqual(state.tombstones.map(tombstone => tombstone.key), ['mx2:8989\u{0}10']);
});

test('the churn walk in steps pauses between them and ends where the walk at once ends', () => {
	const before = Array.from({length: 30}, (_, index) => session(index + 1));
	const after = [...before.filter(({id}) => Number(id) % 4 !== 0), session(31), session(32, {user: 'batch'})];
	const start = updateChurn(createChurnTracker(options), before, t0);
	const steps = churnSteps(start, after, t0 + 2000, {}, 5);
	let pauses = 0;
	let step = steps.next();
	while (!step.done) {
		pauses++;
		step = steps.next();
	}

	// The 25 sessions listed, then the last list's 30 looked over for those gone: a pause every 5 of 55.
	assert.equal(pauses, 11);
	assert.deepEqual(step.value, updateChurn(start, after, t0 + 2000));
	assert.deepEqual([step.value.lastInterval.opens, step.value.lastInterval.closes], [2, 7]);
});
