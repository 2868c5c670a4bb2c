import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {FaultKind} from '../../source/simulator/types.js';
import {keys} from '../helpers/ink.js';
import {checkPollFault, startFaultApp, stalePattern} from './harness.js';

type Case = {kind: FaultKind; detail: RegExp; name: string};

const cases: Case[] = [
	{kind: 'http-500', detail: /Internal error/v, name: '500 with MaxScale\'s error body'},
	{kind: 'http-500-empty', detail: /500/v, name: '500 without a body'},
	{kind: 'http-503', detail: /MaxScale is shutting down/v, name: '503 with MaxScale\'s error body'},
	{kind: 'http-503-empty', detail: /503/v, name: '503 without a body'},
];
// A 401 mid-run is not a fault that clears by itself within an interval: the poller backs off to
// one probe a minute (test/poller/auth-backoff.test.ts).

for (const {kind, detail, name} of cases) {
	test(`${name}: stale with the detail, a kill reported once and not retried, then recovery`, async t => {
		const app = await startFaultApp();
		try {
			const {line, recoveryMs} = await checkPollFault(app, {kind}, detail);
			t.diagnostic(`${line} (recovered in ${recoveryMs} ms)`);
			app.setFaults([{kind}]);
			await app.waitFor(text => stalePattern.test(text), 'stale again');
			const id = app.selectedId();
			await app.press('k', keys.enter);
			await app.waitFor(text => text.includes('now? [y/N]'), 'the kill question');
			await app.press('y');
			const frame = await app.waitFor(text => text.includes(`kill of session ${id} failed`), 'the failed kill');
			const status = frame.split('\n').find(text => text.startsWith(`maxtop: kill of session ${id} failed: `));
			assert.ok(status, frame);
			assert.match(status, detail);
			// The row is still there and not marked as being killed.
			assert.doesNotMatch(frame, /kill \d+s|killing/v);
			// Another poll cycle must not send the kill again.
			const polls = app.simulator.requests.length;
			await app.waitFor(() => app.simulator.requests.length > polls + 1, 'two more polls');
			assert.deepEqual(app.writes(), [{method: 'DELETE', path: `/v1/sessions/${id}`}]);
			assert.deepEqual(app.rejections, []);
		} finally {
			await app.close();
		}
	});
}
