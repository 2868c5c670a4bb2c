import assert from 'node:assert/strict';
import {test} from 'node:test';
import {otherValue, sessionBreakdown} from '../../source/metrics/breakdown.js';
import {families, isServed} from '../../source/metrics/families.js';
import {
	createHostView,
	withCounters,
	withSessions,
	withStatus,
} from '../../source/metrics/host-view.js';
import type {ServiceStats} from '../../source/model/types.js';
import {generateSessions, makeSession} from '../helpers/sessions.js';

const sum = (values: Array<{sessions: number}>) => values.reduce((total, value) => total + value.sessions, 0);

test('each dimension keeps the top N by sessions and sums the rest under other, so 50,000 sessions of 5,000 users give N + 1 series', () => {
	const sessions = generateSessions(50_000).map((session, index) => ({...session, user: `user${index % 5000}`, appName: `app${index % 3}`}));
	const breakdown = sessionBreakdown(sessions, 20);
	assert.equal(breakdown.user.length, 21);
	assert.equal(breakdown.user.at(-1)!.value, otherValue);
	assert.equal(breakdown.user.at(-1)!.sessions, 50_000 - (20 * 10));
	assert.equal(sum(breakdown.user), 50_000);
	assert.deepEqual(breakdown.app.map(tally => tally.value).toSorted(), ['app0', 'app1', 'app2']);
	assert.ok(breakdown.network.length <= 21);
	assert.equal(sum(breakdown.network), 50_000);
	assert.equal(breakdown.user.reduce((total, tally) => total + tally.memoryBytes, 0), sessions.reduce((total, session) => total + session.memoryBytes!, 0));
});

test('client networks are /24 for IPv4 (mapped addresses too) and /64 for IPv6; sessions without the attribute count under (none)', () => {
	const breakdown = sessionBreakdown([
		makeSession({id: '1', remote: '10.1.2.3'}),
		makeSession({id: '5', remote: '10.1.2.4'}),
		makeSession({id: '2', remote: '::ffff:10.1.2.200'}),
		makeSession({id: '3', remote: '2001:db8:1:2:3:4:5:6'}),
		makeSession({
			id: '4', user: undefined, remote: undefined, state: 'Session created', servers: [],
		}),
	], 20);
	assert.deepEqual(breakdown.network.map(tally => [tally.value, tally.sessions]), [['10.1.2.0/24', 3], ['(none)', 1], ['2001:db8:1:2::/64', 1]]);
	assert.deepEqual(breakdown.user.map(tally => [tally.value, tally.sessions]), [['app', 4], ['(none)', 1]]);
	assert.deepEqual(breakdown.byServiceState.map(tally => [tally.value, tally.sessions]), [['RW-Split-Router\u{0}Session started', 4], ['RW-Split-Router\u{0}Session created', 1]]);
});

test('user names with terminal escapes, quotes and line breaks become inert label values; a real user called other adds into other', () => {
	const hostile = 'x\u{1B}]52;c;ZWNobw==\u{7}"\n\u{202E}';
	const sessions = [
		...Array.from({length: 3}, (_, index) => makeSession({id: String(index + 1), user: hostile})),
		makeSession({id: '10', user: 'other'}),
		makeSession({id: '11', user: 'rare'}),
	];
	const breakdown = sessionBreakdown(sessions, 1);
	assert.deepEqual(breakdown.user.map(tally => [tally.value, tally.sessions]), [[String.raw`x\x1b]52;c;ZWNobw==\x07"\n\u202e`, 3], ['other', 2]]);
	assert.ok(breakdown.user.every(tally => !/[\u{0}-\u{1F}\u{7F}-\u{9F}\u{202E}]/v.test(tally.value)));
});

const listener = (totalConnections: number, connections: number): ServiceStats[] => [
	{
		id: 'rw', hasListeners: true, totalConnections, connections, failedAuths: 2, filters: [],
	},
	// Nested service: it sees every session again and must not be counted.
	{
		id: 'inner', hasListeners: false, totalConnections: totalConnections * 5, connections, filters: [],
	},
];

test('opened and closed come from the client-facing services\' counters; unseen is what they grew by beyond the births the lists saw', () => {
	const host = '127.0.0.1:8989';
	let view = withStatus(createHostView(host), {host, state: 'ok', effectiveIntervalMs: 2000});
	view = withCounters(view, {host, atMs: 0, services: listener(100, 10)});
	view = withSessions(view, generateSessions(10, {host}), 1000, {top: 20, restarted: false});
	// Five births seen in the next list, while total_connections grew by 12 (7 sessions came and went between polls).
	view = withCounters(view, {host, atMs: 1500, services: listener(112, 15)});
	view = withSessions(view, generateSessions(15, {host}), 2000, {top: 20, restarted: false});
	const value = (name: string) => families.find(family => family.name === name)!.samples(view)[0]?.value;
	assert.equal(value('maxscale_sessions_opened_total'), 112);
	assert.equal(value('maxscale_sessions_closed_total'), 97);
	assert.equal(value('maxscale_failed_logins_total'), 2);
	assert.equal(value('maxscale_sessions_unseen_total'), 7);

	// MaxScale restarted: its counters start again, and the new list is a baseline, not births.
	view = withCounters(view, {host, atMs: 2500, services: listener(3, 3)});
	view = withSessions(view, generateSessions(3, {host, firstId: 1}), 3000, {top: 20, restarted: true});
	assert.equal(value('maxscale_sessions_unseen_total'), 7);
	view = withCounters(view, {host, atMs: 3500, services: listener(9, 4)});
	view = withSessions(view, generateSessions(4, {host, firstId: 1}), 4000, {top: 20, restarted: false});
	assert.equal(value('maxscale_sessions_unseen_total'), 12);
	assert.equal(value('maxscale_sessions_opened_total'), 9);
});

test('a host that is down serves only maxscale_up and maxscale_info', () => {
	const host = '127.0.0.1:8989';
	let view = withSessions(createHostView(host), generateSessions(5, {host}), 1000, {top: 20, restarted: false});
	view = withStatus(view, {
		host, state: 'down', effectiveIntervalMs: 2000, versionText: '24.02.3',
	});
	const served = families.filter(family => isServed(family, view) && family.samples(view).length > 0).map(family => family.name);
	assert.deepEqual(served, ['maxscale_up', 'maxscale_info']);
	assert.equal(families[0]!.samples(view)[0]!.value, 0);
});

test('sessions opened by app count the births each list shows, not its baseline; labels stick so each series stays a counter', () => {
	const host = '127.0.0.1:8989';
	const session = (id: number, appName: string) => makeSession({id: String(id), host, appName});
	const opens = (view: ReturnType<typeof createHostView>): Record<string, number> => Object.fromEntries(families.find(family => family.name === 'maxscale_app_sessions_opened_total')!.samples(view).map(sample => [sample.labels['app']!, sample.value] as const));
	let view = withSessions(createHostView(host), [session(1, 'web'), session(2, 'web')], 1000, {top: 2, restarted: false});
	assert.deepEqual(opens(view), {});
	view = withSessions(view, [session(1, 'web'), session(3, 'batch'), session(4, 'batch'), session(5, 'web')], 2000, {top: 2, restarted: false});
	assert.deepEqual(opens(view), {batch: 2, web: 1});
	// A third app, with more sessions than the others, still counts under other: web and batch keep their series.
	view = withSessions(view, [session(6, 'etl'), session(7, 'etl'), session(8, 'etl'), session(9, 'web')], 3000, {top: 2, restarted: false});
	assert.deepEqual(opens(view), {batch: 2, web: 2, other: 3});
	// After a MaxScale restart the new list is a baseline.
	view = withSessions(view, [session(1, 'web')], 4000, {top: 2, restarted: true});
	assert.deepEqual(opens(view), {batch: 2, web: 2, other: 3});
});
