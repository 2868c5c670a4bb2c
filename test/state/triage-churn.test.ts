import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ServiceStats} from '../../source/api/types.js';
import type {Session} from '../../source/model/session.js';
import type {Action} from '../../source/state/actions.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {invisibleTotal} from '../../source/state/triage.js';
import type {State} from '../../source/state/types.js';
import {churnPanelLines} from '../../source/ui/triage-lines.js';
import {makeSession} from '../helpers/sessions.js';

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
		assert.deepEqual(invisibleTotal(state.triage), {count: 120, spanMs: 60_000}, `lists every ${listEveryMs} ms`);
		const lines = churnPanelLines(state.triage, t0 + 120_000, 80, 18);
		assert.ok(lines.includes('Too brief for polling to see: 120 in the last 60 s (total_connections - births)'), lines.join('\n'));
	}
});

test('no short-lived sessions: the invisible figure is 0', () => {
	const state = run({
		seenPerSecond: 4, briefPerSecond: 0, listEveryMs: 2000, seconds: 90,
	});
	assert.deepEqual(invisibleTotal(state.triage), {count: 0, spanMs: 60_000});
});

test('the first services snapshot alone tells nothing yet', () => {
	const state = run({
		seenPerSecond: 3, briefPerSecond: 2, listEveryMs: 2000, seconds: 0,
	});
	assert.equal(invisibleTotal(state.triage), undefined);
	assert.match(churnPanelLines(state.triage, t0, 80, 18)[1]!, /not known yet/v);
});
