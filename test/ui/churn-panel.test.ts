import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {sectionRows} from '../../source/state/churn-panel.js';
import {makeSession} from '../helpers/sessions.js';
import {press, waitForText} from '../helpers/ink.js';
import type {ServiceStats} from '../../source/model/types.js';
import {
	frame,
	frameLines,
	host,
	renderApp,
} from './harness.js';

afterEach(() => {
	cleanup();
});

test('sectionRows: one line each at least, the rest in turns to the sections that have more', () => {
	assert.deepEqual(sectionRows([30, 1, 3, 4, 1], 11), [3, 1, 3, 3, 1]);
	assert.deepEqual(sectionRows([30, 1, 3, 4, 1], 30), [21, 1, 3, 4, 1]);
	assert.deepEqual(sectionRows([0, 0, 2, 0, 0], 20), [1, 1, 2, 1, 1]);
	assert.deepEqual(sectionRows([9, 9, 9, 9, 9], 3), [1, 1, 1, 1, 1], 'never fewer than one: the pane cuts what does not fit');
});

function services(total: number): ServiceStats[] {
	return [{
		id: 'RW-Split-Router', totalConnections: total, hasListeners: true, filters: [],
	}];
}

test('80×24: a storm spread over many 10.0.9.x hosts is one "10.0.9.0/24" line in the churn panel', async () => {
	const app = renderApp({size: {columns: 80, rows: 24}});
	app.poller.pushStatus({
		versionText: '24.02.3', version: {
			major: 24, minor: 2, patch: 3, text: '24.02.3',
		},
	});
	const steady = [makeSession({id: '1', user: 'web', remote: '10.0.1.5'}), makeSession({id: '2', user: 'web', remote: '10.0.1.6'})];
	app.poller.listener.counters({host, atMs: app.clock.ms, services: services(100)});
	app.poller.pushSessions(steady, host, app.clock.ms);
	await waitForText(app, '2 sessions');
	app.clock.ms += 1000;
	const storm = Array.from({length: 40}, (_, index) => makeSession({
		id: String(100 + index), user: 'batch', remote: `10.0.9.${index + 2}`, ageSeconds: 1,
	}));
	app.poller.listener.counters({host, atMs: app.clock.ms, services: services(145)});
	app.poller.pushSessions([...steady, ...storm], host, app.clock.ms);
	app.clock.ms += 2000;
	app.poller.pushSessions(steady, host, app.clock.ms);
	await waitForText(app, 'churn +0 -40');
	await press(app, 'c');
	await waitForText(app, 'Client subnets');
	const lines = frameLines(app);
	assert.ok(lines.length <= 24, frame(app));
	assert.ok(lines.every(line => line.length <= 80), frame(app));
	assert.ok(lines.some(line => /^ {2}10\.0\.9\.0\/24 +40 +40 +40$/v.test(line)), frame(app));
	for (const title of ['Client hosts', 'Client subnets', 'Users', 'Applications', 'Services']) {
		assert.ok(lines.some(line => line.startsWith(title)), `${title}\n${frame(app)}`);
	}

	// 45 connections, 40 of them seen born: five came and went between polls.
	assert.match(frame(app), /Too brief for polling to see: 5 in the last 3 s/v);
});
