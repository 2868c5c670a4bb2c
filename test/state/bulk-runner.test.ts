import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {runBulk, type BulkClock, type BulkItemReport} from '../../source/hooks/bulk-runner.js';
import {applyFilter, parseFilter} from '../../source/model/filter.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {BulkRequest} from '../../source/state/types.js';
import {createFakeClient} from '../helpers/fake-client.js';
import {sid} from '../helpers/session-id.js';

/**
A clock that only moves when the runner sleeps: the pacing is read off the start times.
*/
function fakeClock(startMs = 1_000_000): BulkClock & {sleeps: number[]} {
	let nowMs = startMs;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => nowMs,
		async sleep(ms) {
			sleeps.push(ms);
			nowMs += ms;
		},
	};
}

test('bulk kill against the simulator: 200 filtered sessions die at 20/s and no other', async t => {
	const simulator = await startSimulator({sessions: 100, seed: 3, manualClock: true});
	t.after(async () => simulator.close());
	simulator.addSessions(200, {remote: '192.168.77.7'});
	const client = createClient({
		baseUrl: simulator.url, user: 'admin', password: 'mariadb', timeoutMs: 3000,
	});
	const {sessions} = await client.listSessions();
	const parsed = parseFilter('host:192.168.77.0/24');
	assert.ok(parsed.ok);
	const chosen = applyFilter(sessions, parsed.filter);
	assert.equal(chosen.length, 200);
	const others = sessions.filter(session => !chosen.includes(session)).map(session => session.id).toSorted();

	const clock = fakeClock();
	const reports: BulkItemReport[] = [];
	const request: BulkRequest = {
		kind: 'kill', graceSeconds: 0, targets: chosen.map(session => ({host: 'sim', id: sid(session.id), services: session.services})),
	};
	const startMs = clock.now();
	const result = await runBulk(request, {
		clientFor: () => client,
		ratePerSecond: 20,
		clock,
		signal: new AbortController().signal,
		onItem(report) {
			reports.push(report);
		},
	});
	assert.deepEqual(result, {stopped: false});
	assert.equal(reports.filter(report => report.outcome === 'done').length, 200);
	// 200 requests at most 20 per second: the last one starts 199 × 50 ms after the first.
	assert.ok(clock.now() - startMs >= 199 * 50, `took ${clock.now() - startMs} ms of paced time`);
	assert.ok(clock.sleeps.every(ms => ms <= 50));
	simulator.advance(3000);
	const after = await client.listSessions();
	assert.deepEqual(after.sessions.map(session => session.id).toSorted(), others);
});

test('404 counts as already gone, other errors as failed with MaxScale\'s reason; abort stops between requests', async () => {
	const client = createFakeClient();
	client.failNext('killSession', new ApiError('http', 'not found', {status: 404}));
	const clock = fakeClock();
	const reports: BulkItemReport[] = [];
	const controller = new AbortController();
	const targets = ['1', '2', '3', '4'].map(id => ({host: 'h', id: sid(id), services: []}));
	const result = await runBulk({
		kind: 'kill', graceSeconds: 10, targets,
	}, {
		clientFor: () => client,
		ratePerSecond: 20,
		clock,
		signal: controller.signal,
		onItem(report) {
			reports.push(report);
			if (report.sessionId === '2') {
				client.failNext('killSession', new ApiError('http', 'Forbidden', {status: 403, details: ['the account may not kill sessions']}));
			} else if (report.sessionId === '3') {
				controller.abort();
			}
		},
	});
	assert.deepEqual(result, {stopped: true});
	assert.deepEqual(reports.map(report => [report.sessionId, report.outcome, report.reason]), [
		['1', 'gone', undefined],
		['2', 'done', undefined],
		['3', 'failed', 'the account may not kill sessions'],
	]);
	assert.deepEqual(client.calls.map(call => call.args), [['1', {graceSeconds: 10}], ['2', {graceSeconds: 10}], ['3', {graceSeconds: 10}]]);
});
