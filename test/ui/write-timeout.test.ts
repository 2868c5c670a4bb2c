import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {createElement} from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {createClient} from '../../source/api/client.js';
import {startStub} from '../api/stub-server.js';
import {createFakePoller} from '../helpers/fake-poller.js';
import {keys, press, waitForText} from '../helpers/ink.js';
import {makeSession} from '../helpers/sessions.js';

afterEach(() => {
	cleanup();
});

test('a kill that gets no answer is not reported as failed: it may still happen; the row stays to watch', async t => {
	const stub = await startStub({version: '24.02.3', handler: request => (request.method === 'DELETE' ? {hang: true} : {status: 200, json: {data: []}})});
	t.after(async () => stub.close());
	const host = `127.0.0.1:${stub.port}`;
	const client = createClient({
		baseUrl: stub.url, user: 'admin', password: 'pw', timeoutMs: 1500,
	}, {host});
	await client.getServerInfo();
	const poller = createFakePoller(host);
	const app = render(createElement(App, {
		clients: new Map([[host, client]]),
		createPoller: poller.create,
		options: {intervalSeconds: 1, sort: 'memory', readOnly: false},
		size: {columns: 160, rows: 24},
	}));
	poller.pushStatus({versionText: '24.02.3'});
	poller.pushSessions([makeSession({id: '123', host, user: 'app'})]);
	await waitForText(app, '123');
	await press(app, 'k', keys.enter);
	await waitForText(app, 'now? [y/N]');
	await press(app, 'y');
	const frame = await waitForText(app, `maxtop: session 123: no answer in 1.5 s: the kill may still happen; watch the row (MaxScale at ${host})`, 10_000);
	assert.doesNotMatch(frame, /failed/v);
	assert.deepEqual(stub.calls().map(request => `${request.method} ${request.path}`), ['DELETE /v1/sessions/123']);
});
