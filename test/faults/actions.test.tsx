import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keys} from '../helpers/ink.js';
import {startFaultApp} from './harness.js';

test('a session that vanished between the list and the kill: the 404 is reported once, never retried', async () => {
	const app = await startFaultApp();
	try {
		const id = app.selectedId();
		const lists = app.simulator.requests.filter(request => request.path === '/v1/sessions').length;
		app.setFaults([{kind: 'vanish'}]);
		// The next list still shows the sessions; right after it they are gone from the server.
		await app.waitFor(() => app.simulator.requests.filter(request => request.path === '/v1/sessions').length > lists, 'the list that makes them vanish');
		assert.equal(app.simulator.sessions().length, 0);
		await app.press('k', keys.enter);
		await app.waitFor(text => text.includes('now? [y/N]'), 'the kill question');
		await app.press('y');
		const frame = await app.waitFor(text => text.includes(`session ${id}`) && (text.includes('failed') || text.includes('gone')), 'the kill outcome');
		const status = frame.split('\n').find(line => line.includes(`kill of session ${id}`) || line.includes(`session ${id} is gone`));
		assert.ok(status, frame);
		assert.match(status, /404|not found|gone/v);
		const polls = app.simulator.requests.length;
		await app.waitFor(() => app.simulator.requests.length > polls + 1, 'two more polls');
		assert.deepEqual(app.writes(), [{method: 'DELETE', path: `/v1/sessions/${id}`}]);
		await app.waitFor(text => text.includes('0 sessions') || text.includes('no sessions'), 'the empty list');
		assert.deepEqual(app.rejections, []);
	} finally {
		await app.close();
	}
});

test('a ttl kill that succeeds but the session outlives its grace: reported once the landing window passed, never sent again', async () => {
	const app = await startFaultApp({manualClock: false});
	try {
		app.setFaults([{kind: 'outlive-ttl'}]);
		const id = app.selectedId();
		await app.press('k', '1', keys.enter);
		await app.waitFor(text => text.includes('in 1s? [y/N]'), 'the kill question');
		await app.press('y');
		await app.waitFor(text => text.includes(`session ${id} will be killed in 1s`), 'the kill acknowledged');
		// MaxScale lands a ttl kill N+1 to N+2 s later; the app gives it a few seconds more (about
		// 5 s in all; the bound leaves room for busy cores).
		const frame = await app.waitFor(text => text.includes(`session ${id} outlived its kill deadline`), 'the kill reported as not landed', 20_000);
		const status = frame.split('\n').find(line => line.includes('outlived'))!;
		assert.equal(status, `maxtop: session ${id} outlived its kill deadline: the kill did not land (k to try again)`);
		assert.ok(app.simulator.sessions().some(session => session.id === id), 'the simulated session should still be alive');
		assert.ok(frame.includes(` ${id} `), frame);
		assert.doesNotMatch(frame, /[x✖] kill/v);
		const polls = app.simulator.requests.length;
		await app.waitFor(() => app.simulator.requests.length > polls + 1, 'two more polls');
		assert.deepEqual(app.writes(), [{method: 'DELETE', path: `/v1/sessions/${id}`}]);
		assert.equal(app.simulator.requests.find(request => request.method === 'DELETE')?.query['ttl'], '1');
		assert.deepEqual(app.rejections, []);
	} finally {
		await app.close();
	}
});
