import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {generateSessions} from '../helpers/sessions.js';
import {waitFor, waitForText} from '../helpers/ink.js';
import {renderApp} from './harness.js';

const realGc = globalThis.gc;

afterEach(() => {
	cleanup();
	// eslint-disable-next-line unicorn/no-global-object-property-assignment -- V8's gc is a global; the test stands in for it.
	globalThis.gc = realGc;
});

test('after a large list the old one is collected in the background: one major collection, without a pause', async () => {
	const calls: unknown[] = [];
	// eslint-disable-next-line unicorn/no-global-object-property-assignment -- as above.
	globalThis.gc = ((options: unknown) => {
		calls.push(options);
	}) as typeof globalThis.gc;
	const app = renderApp({size: {columns: 80, rows: 24}});
	app.poller.pushSessions(generateSessions(6000));
	await waitForText(app, '6,000 sessions');
	await waitFor(() => calls.length > 0, () => 'no collection was started', 10_000);
	assert.deepEqual(calls, [{type: 'major', execution: 'async'}]);
});
