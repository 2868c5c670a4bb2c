import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseFilter, matchSession} from '../../source/model/filter.js';
import type {Session} from '../../source/model/session.js';
import {createInitialState, reducer} from '../../source/state/reducer.js';
import {filterPickerItems} from '../../source/state/filter-chain.js';
import {leaseTexts} from '../../source/state/lease.js';
import type {State} from '../../source/state/types.js';
import {accessBadge, fleetStatusLines, shownState} from '../../source/state/fleet-lines.js';
import {fitHostKey} from '../../source/model/fleet-host.js';
import {sid} from '../helpers/session-id.js';
import type {HostStatus} from '../../source/model/types.js';

function session(overrides: Partial<Session> & {id: string}): Session {
	return {
		host: 'mx1:8989', services: [], servers: [], filters: [], ...overrides,
	};
}

test('host: matches the client address or the MaxScale a session lives on; mx: only the MaxScale', () => {
	const sessions = [
		session({id: '1', host: '10.1.0.5:8989', remote: '192.168.7.9'}),
		session({id: '2', host: 'mx-east:8989', remote: '10.1.0.77'}),
		session({id: '3', host: 'mx-west:8989', remote: '172.16.0.1'}),
		session({id: '4', host: '[fd00::9]:8989', remote: '::ffff:192.168.7.10'}),
	];
	const ids = (text: string) => {
		const parsed = parseFilter(text);
		assert.ok(parsed.ok, text);
		return sessions.filter(item => matchSession(parsed.filter, item)).map(item => item.id);
	};

	assert.deepEqual(ids('host:10.1.'), ['1', '2'], 'MaxScale 10.1.0.5 and client 10.1.0.77');
	assert.deepEqual(ids('host:mx-'), ['2', '3']);
	assert.deepEqual(ids('host:10.1.0.0/16'), ['1', '2'], 'CIDR covers the MaxScale address too');
	assert.deepEqual(ids('host:10.1.0.5'), ['1'], 'a complete address is the MaxScale 10.1.0.5, not 10.1.0.50');
	assert.deepEqual(ids('host:fd00::/16'), ['4']);
	assert.deepEqual(ids('host:192.168.7.'), ['1', '4']);
	assert.deepEqual(ids('!host:mx-'), ['1', '4']);
	assert.deepEqual(ids('mx:mx-east'), ['2']);
	assert.deepEqual(ids('mx:10.1.'), ['1'], 'mx: never looks at clients');
});

function status(host: string, overrides: Partial<HostStatus>): HostStatus {
	return {
		host, state: 'ok', effectiveIntervalMs: 1000, lastSuccessMs: 1_000_000, ...overrides,
	};
}

test('fleet header: every host on one line when it fits, else counts with the worst named first', () => {
	const nowMs = 1_001_000;
	const few = new Map([
		['a:1', status('a:1', {})],
		['b:1', status('b:1', {state: 'stale', error: 'HTTP 500', lastSuccessMs: 990_000})],
	]);
	const one = fleetStatusLines({
		hosts: ['a:1', 'b:1'], statuses: few, nowMs, width: 100, utc: true,
	});
	assert.deepEqual(one, [{text: 'a:1 ok  b:1 stale since 00:16:30 UTC (HTTP 500)', tone: 'warning'}]);

	const hosts = Array.from({length: 50}, (_, index) => `mx${index}:8989`);
	const statuses = new Map(hosts.map(host => [host, status(host, {})]));
	statuses.set('mx7:8989', status('mx7:8989', {state: 'down', error: 'connection refused', lastSuccessMs: undefined}));
	statuses.set('mx9:8989', status('mx9:8989', {state: 'stale', error: 'HTTP 503', lastSuccessMs: 995_000}));
	statuses.set('mx3:8989', status('mx3:8989', {state: 'stale', error: 'HTTP 500', lastSuccessMs: 990_000}));
	statuses.set('mx4:8989', status('mx4:8989', {lastSuccessMs: 900_000}));
	const lines = fleetStatusLines({
		hosts, statuses, nowMs, width: 80, utc: true,
	});
	assert.deepEqual(lines.map(line => line.text), [
		'50 hosts: 46 ok, 3 stale, 1 down  mx7:8989 down (connection refused)',
		'3 more not ok: mx4:8989 stale, mx3:8989 stale, mx9:8989 stale',
	]);
	assert.equal(lines[0]!.tone, 'error');
	const three = fleetStatusLines({
		hosts, statuses, nowMs, width: 80, utc: true, maxLines: 3,
	});
	assert.equal(three[1]!.text, 'mx4:8989 stale since 00:15:00 UTC (no answer yet)', 'the oldest stale host comes first');
	assert.equal(three.length, 3);
	assert.deepEqual(fleetStatusLines({
		hosts, statuses: new Map(), nowMs, width: 80,
	}).map(line => line.text), ['50 hosts: 50 connecting  mx0:8989 connecting', '49 more not ok: ' + hosts.slice(1).map(host => `${host} connecting`).join(', ')]);
});

test('a host whose poll hangs turns stale after three intervals (at least 5 s) before its timeout', () => {
	const ok = status('a', {lastSuccessMs: 0, effectiveIntervalMs: 2000});
	assert.equal(shownState(ok, 5000), 'ok');
	assert.equal(shownState(ok, 6001), 'stale');
	assert.equal(shownState(undefined, 0), 'connecting');
	assert.equal(accessBadge({readOnly: false, hosts: ['a', 'b'], statuses: new Map([['b', status('b', {readOnly: true})]])}), '[RO on b]');
	assert.equal(accessBadge({readOnly: true, hosts: ['a'], statuses: new Map()}), '[RO]');
	assert.equal(accessBadge({readOnly: false, hosts: ['a'], statuses: new Map()}), '');
});

function pickerState(chain: string[], available: string[]): State {
	const state = createInitialState({
		hosts: ['h'], sort: 'id', readOnly: false, intervalSeconds: 1,
	});
	return {
		...state,
		statuses: new Map([['h', status('h', {
			version: {
				major: 24, minor: 2, patch: 3, text: '24.02.3',
			},
		})]]),
		mode: {
			kind: 'filters', key: 'h\u{0}1', host: 'h', id: sid('1'), label: '1', chain, serverChain: chain, available, cursor: 0, busy: false,
		},
	};
}

function key(state: State, input: string, flags: Record<string, boolean> = {}): State {
	return reducer(state, {type: 'key', input, key: flags});
}

test('filter picker: add at the end, remove, reorder, empty; apply queues exactly the chain', () => {
	let state = pickerState(['b'], ['a', 'b', 'c']);
	assert.deepEqual(filterPickerItems(state.mode as never), [{name: 'b', position: 1}, {name: 'a'}, {name: 'c'}]);
	state = key(key(state, '', {downArrow: true}), ' ');
	assert.deepEqual((state.mode as {chain: string[]}).chain, ['b', 'a']);
	state = key(state, '[');
	assert.deepEqual((state.mode as {chain: string[]}).chain, ['a', 'b']);
	state = key(state, '[');
	assert.deepEqual((state.mode as {chain: string[]}).chain, ['a', 'b'], 'the first stays first');
	state = key(key(state, '', {downArrow: true}), ' ');
	assert.deepEqual((state.mode as {chain: string[]}).chain, ['a']);
	state = key(state, '', {return: true});
	assert.deepEqual(state.commands.map(command => ({...command, id: 0})), [{
		id: 0, kind: 'applyFilters', host: 'h', sessionId: '1', filters: ['a'],
	}]);
	state = key(state, 'x');
	assert.deepEqual((state.mode as {chain: string[]}).chain, []);

	const readOnly = key({...pickerState(['a'], ['a']), readOnly: true}, '', {return: true});
	assert.deepEqual(readOnly.commands, []);
	assert.match(readOnly.status?.text ?? '', /^read-only/v);
});

test('leases end when the clock passes them: one leaseEnd request each, the others stay', () => {
	let state = createInitialState({
		hosts: ['h'], sort: 'id', readOnly: false, intervalSeconds: 1,
	});
	state = reducer(state, {
		type: 'leaseStarted', host: 'h', id: sid('1'), level: 'log_info', untilMs: 60_000,
	});
	state = reducer(state, {
		type: 'leaseStarted', host: 'h', id: sid('1'), level: 'log_debug', untilMs: 120_000,
	});
	state = reducer(state, {
		type: 'leaseStarted', host: 'h', id: sid('1'), level: 'log_info', untilMs: 90_000,
	});
	assert.equal(state.leases.length, 2, 'a new lease of the same level replaces the old one');
	assert.deepEqual(leaseTexts(state.leases, 'h', '1', 30_000, true), ['log_debug on until 00:02:00 UTC (1m 30s left)', 'log_info on until 00:01:30 UTC (1m 00s left)']);
	assert.equal(reducer(state, {type: 'leaseTick', nowMs: 89_999}), state);
	state = reducer(state, {type: 'leaseTick', nowMs: 90_000});
	assert.deepEqual(state.leases.map(lease => lease.level), ['log_debug']);
	assert.deepEqual(state.commands.map(command => command.kind === 'leaseEnd' && command.level), ['log_info']);
});

test('g cycles through host only when there are several hosts', () => {
	const cycle = (hosts: string[]) => {
		let state = createInitialState({
			hosts, sort: 'id', readOnly: false, intervalSeconds: 1,
		});
		const seen: string[] = [];
		for (let index = 0; index < 9; index++) {
			state = key(state, 'g');
			seen.push(state.grouping);
		}

		return seen;
	};

	assert.ok(cycle(['a', 'b']).includes('host'));
	assert.ok(!cycle(['a']).includes('host'));
});

test('a narrow HOST column keeps the port and the start of the name', () => {
	assert.equal(fitHostKey('127.0.0.1:18991', 11), '127.…:18991');
	assert.equal(fitHostKey('127.0.0.1:18991', 11, true), '127.~:18991');
	assert.equal(fitHostKey('mx-east.example.com:8989', 14), 'mx-east.…:8989');
	assert.equal(fitHostKey('mx1:8989', 10), 'mx1:8989');
	assert.equal(fitHostKey('a-very-long-name', 8), 'a-very-…', 'no port: cut at the end');
});
