import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {press, waitForText} from '../helpers/ink.js';
import {makeSession} from '../helpers/sessions.js';
import {renderApp} from './harness.js';

afterEach(() => {
	cleanup();
});

const ctrlR = '\u{12}';

test('Ctrl-R polls every host now (after a refused login: the retry the operator asks for)', async () => {
	const app = renderApp();
	app.poller.pushStatus({state: 'stale', error: 'access denied (401): check the password; retrying every 60 s (Ctrl-R: now)', lastSuccessMs: app.clock.ms});
	app.poller.pushSessions([makeSession({id: '1'})]);
	await waitForText(app, 'access denied (401)');
	await press(app, ctrlR);
	await waitForText(app, 'polling now');
	assert.deepEqual(app.poller.calls.refreshNow, [undefined]);
	await press(app, 'r');
	assert.deepEqual(app.poller.calls.refreshNow, [undefined], 'plain r is still the restart question');
	await waitForText(app, '[y/N]');
});
