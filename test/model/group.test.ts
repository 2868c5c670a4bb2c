import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyFilter, parseFilter} from '../../source/model/filter.js';
import {
	groupFilterTerm,
	groupSessions,
	noneKey,
} from '../../source/model/group.js';
import type {Session} from '../../source/model/session.js';
import type {GroupBy} from '../../source/model/types.js';
import {generateSessions} from './generate-sessions.js';

function session(overrides: Partial<Session>): Session {
	return {
		id: '1', host: 'mx1:8989', services: [], servers: [], filters: [], ...overrides,
	};
}

const sessions = [
	session({
		id: '1', user: 'batch', remote: '10.0.9.7', servers: ['s1', 's2'], memoryBytes: 100, idleSeconds: 5, ageSeconds: 50, thread: 0,
	}),
	session({
		id: '2', user: 'batch', remote: '::ffff:10.0.9.7', servers: ['s1'], memoryBytes: 50, idleSeconds: 900, ageSeconds: 10, thread: 1,
	}),
	session({
		id: '3', user: 'app', remote: '10.0.9.8', servers: ['s2'], idleSeconds: 1,
	}),
	session({id: '4', remote: '10.0.9.9', state: 'Session created'}),
];

test('groups count sessions, sum memory, keep the longest idle and the newest age', () => {
	const groups = groupSessions(sessions, 'user');
	assert.deepEqual(groups, [
		{
			key: 'batch', missing: false, count: 2, memoryBytes: 150, maxIdleSeconds: 900, newestAgeSeconds: 10,
		},
		{
			key: noneKey, missing: true, count: 1, maxIdleSeconds: undefined, newestAgeSeconds: undefined,
		},
		{
			key: 'app', missing: false, count: 1, maxIdleSeconds: 1, newestAgeSeconds: undefined,
		},
	].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)));
});

test('a session with several servers counts in each server group; none goes to (none)', () => {
	const groups = groupSessions(sessions, 'server');
	assert.deepEqual(groups.map(group => [group.key, group.count]), [['s1', 2], ['s2', 2], [noneKey, 1]]);
});

test('client groups use the address without ::ffff: so one client is one group', () => {
	assert.deepEqual(groupSessions(sessions, 'client').map(group => [group.key, group.count]), [['10.0.9.7', 2], ['10.0.9.8', 1], ['10.0.9.9', 1]]);
});

test('opens in the last minute are attached per key', () => {
	const groups = groupSessions(sessions, 'user', new Map([['batch', 7], [noneKey, 3]]));
	assert.deepEqual(groups.map(group => [group.key, group.opensLastMinute]), [['batch', 7], [noneKey, 3], ['app', 0]]);
	assert.equal(groupSessions(sessions, 'user')[0]!.opensLastMinute, undefined);
});

test('groupFilterTerm builds the filter that selects a group', () => {
	assert.equal(groupFilterTerm('user', 'batch'), 'user=batch');
	assert.equal(groupFilterTerm('client', '10.0.9.7'), 'host=10.0.9.7');
	assert.equal(groupFilterTerm('service', 'RW Split'), 'svc="RW Split"');
	assert.equal(groupFilterTerm('host', 'mx1:8989'), 'mx=mx1:8989');
	assert.equal(groupFilterTerm('user', noneKey), 'user:""');
	assert.equal(groupFilterTerm('thread', noneKey), '!thread>=0');
	assert.equal(groupFilterTerm('user', '(none)', false), 'user=(none)');
});

test('50,000 sessions: every group filter selects exactly the group, for every grouping', () => {
	const generated = generateSessions(50_000, 11);
	const byAll: GroupBy[] = ['user', 'client', 'app', 'service', 'server', 'thread', 'host'];
	for (const by of byAll) {
		const groups = groupSessions(generated, by);
		assert.ok(groups.length > 1, by);
		for (let index = 1; index < groups.length; index++) {
			assert.ok(groups[index - 1]!.count >= groups[index]!.count);
		}

		for (const group of groups) {
			const parsed = parseFilter(groupFilterTerm(by, group.key, group.missing));
			assert.ok(parsed.ok, `${by} ${group.key}`);
			assert.equal(applyFilter(generated, parsed.filter).length, group.count, `${by} ${group.key}`);
		}

		if (by !== 'server' && by !== 'service') {
			assert.equal(groups.reduce((sum, group) => sum + group.count, 0), generated.length);
		}
	}
});
