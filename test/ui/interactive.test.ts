import {PassThrough, Writable} from 'node:stream';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runInteractive} from '../../source/interactive.js';
import {createFakeClient} from '../helpers/fake-client.js';
import {createFakePoller} from '../helpers/fake-poller.js';
import {waitFor} from '../helpers/ink.js';
import {makeSession} from '../helpers/sessions.js';

/** A stdin Ink accepts as a terminal: a real stream (its `read()` drains to null) with raw mode. */
function fakeTerminalInput(): PassThrough {
	const stdin = new PassThrough();
	return Object.assign(stdin, {
		isTTY: true,
		setRawMode: () => stdin,
	});
}

function fakeTerminalOutput(): Writable & {output: string} {
	const stdout = Object.assign(new Writable({
		write(chunk: Uint8Array | string, _encoding, callback) {
			stdout.output += String(chunk);
			callback();
		},
	}), {
		isTTY: true, columns: 80, rows: 24, output: '',
	});
	return stdout;
}

test('runInteractive renders the app and resolves 0 when the operator quits', async () => {
	const poller = createFakePoller();
	const stdin = fakeTerminalInput();
	const stdout = fakeTerminalOutput();
	const done = runInteractive({
		clients: new Map([['127.0.0.1:8989', createFakeClient()]]),
		createPoller: poller.create,
		options: {intervalSeconds: 1, sort: 'memory', readOnly: false},
		stdin,
		stdout,
	});
	await waitFor(() => poller.calls.start === 1);
	poller.pushSessions([makeSession({id: '4242', user: 'carol'})]);
	stdin.write('q');
	assert.equal(await done, 0);
	assert.equal(poller.calls.stop, 1);
	assert.match(stdout.output, /carol/v);
});
