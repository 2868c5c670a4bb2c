import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from '../helpers/ink.js';
import {
	checkPollFault,
	startFaultApp,
	stalePattern,
	timeoutMs,
	type FaultApp,
} from './harness.js';

const timedOut = new RegExp(`did not answer within ${timeoutMs} ms`, 'v');

async function withApp(run: (app: FaultApp) => Promise<void>): Promise<void> {
	const app = await startFaultApp();
	try {
		await run(app);
		assert.deepEqual(app.rejections, []);
	} finally {
		await app.close();
	}
}

/**
A restart sent while the fault holds: reported once in the status line, sent exactly once.
*/
async function failedRestart(app: FaultApp, detail: RegExp, lead = (id: string) => `restart of session ${id} failed: `): Promise<void> {
	const id = app.selectedId();
	await app.press('r');
	await app.waitFor(text => text.includes('[y/N]'), 'the restart question');
	await app.press('y');
	const frame = await app.waitFor(text => text.includes(lead(id)), 'the failed restart');
	const status = frame.split('\n').find(line => line.includes(lead(id)))!;
	assert.ok(status.startsWith(`maxtop: ${lead(id)}`), status);
	assert.match(status, detail);
	const requests = app.simulator.requests.length;
	await app.waitFor(() => app.simulator.requests.length > requests + 1, 'two more polls');
	assert.deepEqual(app.writes(), [{method: 'POST', path: `/v1/sessions/${id}/restart`}]);
}

test('latency below the timeout only slows the poll; above it the data goes stale and recovers', async () => {
	await withApp(async app => {
		app.setFaults([{kind: 'latency', latencyMs: 150}]);
		// 150 ms and more, under the timeout (a busy machine adds to it).
		await app.waitFor(text => /poll (?:1[5-9]\d|[2-9]\d\d) ms|poll 1\.\d s/v.test(text), 'the slower poll time');
		assert.doesNotMatch(app.frame(), stalePattern);
		await checkPollFault(app, {kind: 'latency', latencyMs: timeoutMs + 1000}, timedOut);
	});
});

test('a hang (accepted, never answered) is cut by the client timeout, shown stale, and a write is not retried', async () => {
	await withApp(async app => {
		await checkPollFault(app, {kind: 'hang'}, timedOut);
		app.setFaults([{kind: 'hang'}]);
		// No answer is not a failure: the restart may have reached MaxScale.
		await failedRestart(app, /the restart may still happen; watch the row/v, id => `session ${id}: no answer in `);
		// The polls fail too, while the restart failed once and was not sent again.
		assert.match(await app.waitFor(text => stalePattern.test(text), 'stale again'), stalePattern);
	});
});

test('a connection reset marks the data stale and a write is not retried', async () => {
	await withApp(async app => {
		await checkPollFault(app, {kind: 'reset'}, /reset|closed|socket|network|terminated/iv);
		app.setFaults([{kind: 'reset'}]);
		await failedRestart(app, /reset|closed|socket|network|terminated/iv);
		// The polls fail too, while the restart failed once and was not sent again.
		assert.match(await app.waitFor(text => stalePattern.test(text), 'stale again'), stalePattern);
	});
});

test('a MaxScale that went down (connection refused) is shown stale, then picked up again', async () => {
	await withApp(async app => {
		await checkPollFault(app, {kind: 'down'}, /refused|not reachable|down/iv);
		app.setFaults([{kind: 'down'}]);
		await app.waitFor(text => stalePattern.test(text), 'stale again');
		const id = app.selectedId();
		await app.press('k', keys.enter);
		await app.waitFor(text => text.includes('now? [y/N]'), 'the kill question');
		await app.press('y');
		await app.waitFor(text => text.includes(`kill of session ${id} failed`), 'the failed kill');
		// Refused connections never reach the server, so nothing may have been recorded at all.
		assert.deepEqual(app.writes(), []);
		assert.deepEqual(app.rejections, []);
	});
});
