import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatTime} from '../../source/model/format.js';
import type {Session} from '../../source/model/session.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {churnPanelLines, invisibleTotal} from '../../source/state/churn-panel.js';
import type {State} from '../../source/state/types.js';
import {makeSession} from '../helpers/sessions.js';
import type {ServiceStats} from '../../source/model/types.js';
import {churnSummary} from '../../source/model/churn-summary.js';

const host = '127.0.0.1:8989';
const t0 = Date.UTC(2024, 0, 5, 12, 0, 0);

function services(total: number): ServiceStats[] {
	return [
		{
			id: 'RW-Split-Router', totalConnections: total, hasListeners: true, filters: [],
		},
		{
			id: 'Inner', totalConnections: 7, hasListeners: false, filters: [],
		},
	];
}

type Pace = {
	seenPerSecond: number;
	briefPerSecond: number;
	listEveryMs: number;
	seconds: number;
};

/**
The reducer fed as the live poller feeds it: counters with services every second, the session
list at its slower adaptive pace. Seen sessions live 30 s; brief ones never reach a list.
*/
function run(pace: Pace): State {
	let state = createInitialState({
		hosts: [host], sort: 'memory', readOnly: false, intervalSeconds: 1, pageSize: 20,
	});
	let total = 500;
	let nextId = 1;
	let live: Array<{session: Session; diesMs: number}> = [];
	const dispatch = (action: Action) => {
		state = reducer(state, action);
	};

	for (let ms = 0; ms <= pace.seconds * 1000; ms += 250) {
		if (ms % 1000 === 0) {
			dispatch({type: 'counters', snapshot: {host, atMs: t0 + ms, services: services(total)}});
		}

		if (ms % 1000 === 250) {
			total += pace.seenPerSecond + pace.briefPerSecond;
			for (let index = 0; index < pace.seenPerSecond; index++) {
				live.push({session: makeSession({id: String(nextId++), host}), diesMs: ms + 30_000});
			}
		}

		if (ms % pace.listEveryMs !== 500) {
			continue;
		}

		live = live.filter(entry => entry.diesMs > ms);
		dispatch({type: 'sessions', snapshot: {host, atMs: t0 + ms, sessions: live.map(entry => entry.session)}});
	}

	return state;
}

test('steady churn: the invisible figure is Δtotal_connections minus births over the last minute, not 0', () => {
	for (const listEveryMs of [2000, 5000]) {
		const state = run({
			seenPerSecond: 3, briefPerSecond: 2, listEveryMs, seconds: 120,
		});
		assert.deepEqual(invisibleTotal(state), {count: 120, spanMs: 60_000}, `lists every ${listEveryMs} ms`);
		const lines = churnPanelLines(state, t0 + 120_000, 80, 18);
		assert.ok(lines.includes('Too brief for polling to see: 120 in the last 60 s (total_connections - births)'), lines.join('\n'));
	}
});

test('no short-lived sessions: the invisible figure is 0', () => {
	const state = run({
		seenPerSecond: 4, briefPerSecond: 0, listEveryMs: 2000, seconds: 90,
	});
	assert.deepEqual(invisibleTotal(state), {count: 0, spanMs: 60_000});
});

test('the first services snapshot alone tells nothing yet', () => {
	const state = run({
		seenPerSecond: 3, briefPerSecond: 2, listEveryMs: 2000, seconds: 0,
	});
	assert.equal(invisibleTotal(state), undefined);
	assert.match(churnPanelLines(state, t0, 80, 18)[1]!, /not known yet/v);
});

test('a fleet start shows no churn: each host\'s first list is its baseline', () => {
	const hosts = ['127.0.0.1:8989', '127.0.0.1:8990'];
	let state = createInitialState({
		hosts, sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 20,
	});
	for (const [index, each] of hosts.entries()) {
		const sessions = Array.from({length: 100}, (_, id) => makeSession({id: String(id + 1), host: each}));
		state = reducer(state, {type: 'sessions', snapshot: {host: each, atMs: t0 + (index * 300), sessions}});
	}

	const summary = churnSummary(state.churn, t0 + 300);
	assert.deepEqual([summary.opens, summary.closes, summary.opensPerMinute], [0, 0, 0]);
	const panel = churnPanelLines(state, t0 + 300, 80, 20);
	assert.ok(panel.every(line => !/\b(?:100|200)\b/v.test(line)), panel.join('\n'));
});

test('a MaxScale restart is said once with its time, and its sessions are neither closes nor opens', () => {
	let state = createInitialState({
		hosts: [host], sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 20,
	});
	const before = Array.from({length: 40}, (_, id) => makeSession({id: String(id + 1), host}));
	const after = Array.from({length: 36}, (_, id) => makeSession({id: String(id + 1), host, user: 'again'}));
	state = reducer(state, {type: 'sessions', snapshot: {host, atMs: t0, sessions: before}});
	const startedMs = t0 + 1500;
	state = reducer(state, {
		type: 'sessions', snapshot: {
			host, atMs: t0 + 2000, sessions: after, restart: {startedMs},
		},
	});
	const summary = churnSummary(state.churn, t0 + 2000);
	assert.deepEqual([summary.opens, summary.closes], [0, 0]);
	assert.deepEqual(state.churn.tombstones, []);
	assert.equal(state.status?.text, `MaxScale restarted at ${formatTime(startedMs).slice(11)}: churn counts start afresh`);
	assert.equal(state.status?.error, false);
	state = reducer(state, {type: 'sessions', snapshot: {host, atMs: t0 + 4000, sessions: [...after, makeSession({id: '37', host})]}});
	assert.equal(churnSummary(state.churn, t0 + 4000).opens, 1);
});
