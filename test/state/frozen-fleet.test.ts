import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyFilter} from '../../source/model/filter.js';
import {sortSessions} from '../../source/model/sort.js';
import type {Session} from '../../source/model/session.js';
import {prepareChurn} from '../../source/state/churn-panel.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {prepareList} from '../../source/state/table.js';
import type {State} from '../../source/state/types.js';
import {generateSessions} from '../helpers/sessions.js';

const hosts = ['10.0.0.1:8989', '10.0.0.2:8989'];

function list(host: string, seed: number, firstId: number, count: number): Session[] {
	return generateSessions(count, {host, seed, firstId});
}

/**
What a frozen table shows, worked out the plain way: every host's sessions sorted and filtered,
the rows already shown kept in their order (with their new values), the others after them.
*/
function expectedRows(before: State, after: State): Session[] {
	const all = hosts.flatMap(host => after.sessionsByHost.get(host) ?? []);
	const sorted = sortSessions(all, after.sort.key, after.sort.descending);
	const matching = after.filter ? applyFilter(sorted, after.filter, after.clockMs) : sorted;
	const shown = new Map(before.rows.map((session, index) => [`${session.host} ${session.id}`, index]));
	const kept = matching.filter(session => shown.has(`${session.host} ${session.id}`));
	kept.sort((a, b) => shown.get(`${a.host} ${a.id}`)! - shown.get(`${b.host} ${b.id}`)!);
	return [...kept, ...matching.filter(session => !shown.has(`${session.host} ${session.id}`))];
}

for (const filterText of ['', 'user=app']) {
	test(`a frozen fleet table keeps its order across either host's refresh${filterText ? ' with a filter' : ''}`, () => {
		let state = createInitialState({
			hosts, sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 10, filter: filterText || undefined,
		});
		state = reducer(state, {type: 'sessions', snapshot: {host: hosts[0]!, atMs: 1000, sessions: list(hosts[0]!, 1, 1, 300)}});
		state = reducer(state, {type: 'sessions', snapshot: {host: hosts[1]!, atMs: 1100, sessions: list(hosts[1]!, 2, 1, 200)}});
		state = reducer(state, {
			type: 'key', input: '', key: {downArrow: true}, atMs: 1200,
		});
		// Each refresh: some sessions gone, some new, the others with new values (new objects).
		const refreshes: Array<[string, Session[]]> = [
			[hosts[0]!, list(hosts[0]!, 3, 41, 300)],
			[hosts[1]!, list(hosts[1]!, 4, 21, 220)],
			[hosts[0]!, list(hosts[0]!, 5, 61, 290)],
		];
		for (const [index, [host, sessions]] of refreshes.entries()) {
			const before = state;
			state = reducer(state, {type: 'sessions', snapshot: {host, atMs: 1300 + (index * 100), sessions}});
			assert.ok(state.frozenUntilMs !== undefined && state.clockMs < state.frozenUntilMs, 'still frozen');
			assert.deepEqual(state.rows, expectedRows(before, state));
		}
	});
}

test('lists worked out ahead (even from a state that another list then changed) reduce as lists that were not', () => {
	const start = reducer(reducer(reducer(createInitialState({
		hosts, sort: 'memory', readOnly: false, intervalSeconds: 2, pageSize: 10,
	}), {type: 'sessions', snapshot: {host: hosts[0]!, atMs: 1000, sessions: list(hosts[0]!, 1, 1, 300)}}),
	{type: 'sessions', snapshot: {host: hosts[1]!, atMs: 1100, sessions: list(hosts[1]!, 2, 1, 200)}}),
	{
		type: 'key', input: '', key: {downArrow: true}, atMs: 1200,
	});
	const snapshots = [
		{host: hosts[0]!, atMs: 1300, sessions: list(hosts[0]!, 3, 41, 300)},
		{host: hosts[1]!, atMs: 1400, sessions: list(hosts[1]!, 4, 21, 220)},
		{host: hosts[0]!, atMs: 1500, sessions: list(hosts[0]!, 5, 61, 290)},
	];
	// The widest user in the first part of a list measured in parts.
	snapshots[2]!.sessions[0] = {...snapshots[2]!.sessions[0]!, user: 'a-user-wider-than-any-other'};
	let plain = start;
	let prepared = start;
	for (const [index, snapshot] of snapshots.entries()) {
		plain = reducer(plain, {type: 'sessions', snapshot: {...snapshot, sessions: [...snapshot.sessions]}});
		// The second list is worked out from the state before the first: stale by the time it lands.
		const from = index === 1 ? start : prepared;
		for (const part of prepareList) {
			part(from, snapshot);
		}

		while (prepareChurn(from, snapshot)) {
			// Each call is one step of the churn walk.
		}

		prepared = reducer(prepared, {type: 'sessions', snapshot});
		assert.deepEqual(prepared.rows, plain.rows);
		assert.deepEqual(prepared.content, plain.content);
		assert.deepEqual(prepared.churn, plain.churn);
	}
});
