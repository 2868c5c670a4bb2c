import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough, Writable} from 'node:stream';
import {render} from 'ink';
import {App} from '../../source/app.js';
import type {Session} from '../../source/model/session.js';
import {createFakeClient} from '../helpers/fake-client.js';
import {createFakePoller} from '../helpers/fake-poller.js';
import {makeSession} from '../helpers/sessions.js';

const host = '127.0.0.1:8989';
const columns = 120;
const rows = 40;

/** A stdout Ink takes for an interactive 120×40 TTY, keeping everything written to it. */
function countingTerminal() {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Uint8Array | string, _encoding, callback) {
			chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
			callback();
		},
	}) as Writable & {columns: number; rows: number; isTTY: boolean};
	stream.columns = columns;
	stream.rows = rows;
	stream.isTTY = true;
	return {stream, written: () => chunks.join('')};
}

function fakeStdin() {
	const stdin = new PassThrough() as PassThrough & {isTTY: boolean; setRawMode: (mode: boolean) => void; ref: () => void; unref: () => void};
	stdin.isTTY = true;
	stdin.setRawMode = () => undefined;
	stdin.ref = () => undefined;
	stdin.unref = () => undefined;
	return stdin;
}

const sessions = (count: number): Session[] => Array.from({length: count}, (_, index) => makeSession({
	id: String(index + 1), host, memoryBytes: 10_000 + (index * 97), idleSeconds: index % 50, user: `user${index % 7}`,
}));

test('an unchanged snapshot writes nothing to the terminal; a changed row writes only a little', async () => {
	const nowMs = Date.UTC(2026, 10, 23, 8, 0, 0);
	const poller = createFakePoller(host);
	const terminal = countingTerminal();
	let renders = 0;
	let onNextRender: (() => void) | undefined;
	const instance = render(
		<App
			clients={new Map([[host, createFakeClient()]])}
			createPoller={poller.create}
			options={{intervalSeconds: 2, sort: 'memory', readOnly: false}}
			size={{columns, rows}}
			now={() => nowMs}
		/>,
		{
			stdout: terminal.stream as unknown as NodeJS.WriteStream,
			stdin: fakeStdin() as unknown as NodeJS.ReadStream,
			interactive: true,
			incrementalRendering: true,
			exitOnCtrlC: false,
			patchConsole: false,
			onRender() {
				renders++;
				onNextRender?.();
			},
		},
	);

	// Push, then wait for the commit it causes and for Ink's throttled write of that frame.
	const pushAndSettle = async (list: Session[]) => {
		// eslint-disable-next-line unicorn/prefer-promise-with-resolvers -- the project's lib (ES2023) has no Promise.withResolvers
		const rendered = new Promise<void>(resolve => {
			onNextRender = resolve;
		});
		poller.pushSessions(list, host, nowMs - 1000);
		poller.pushStatus({
			host, state: 'ok', versionText: '24.02.3', lastSuccessMs: nowMs - 1000, effectiveIntervalMs: 2000, lastListDurationMs: 10,
		});
		await rendered;
		onNextRender = undefined;
		await instance.waitUntilRenderFlush();
	};

	try {
		const first = sessions(500);
		await pushAndSettle(first);
		await pushAndSettle(first.map(session => ({...session})));
		assert.ok(terminal.written().includes('user1'), 'the table is on screen');

		const before = terminal.written().length;
		const rendersBefore = renders;
		await pushAndSettle(first.map(session => ({...session, services: [...session.services], servers: [...session.servers]})));
		const unchanged = terminal.written().slice(before);
		assert.ok(renders > rendersBefore, 'the snapshot was rendered');
		assert.equal(unchanged, '', `an unchanged snapshot wrote ${unchanged.length} bytes: ${JSON.stringify(unchanged)}`);

		const changedBefore = terminal.written().length;
		await pushAndSettle(first.map((session, index) => index === 499 ? {...session, idleSeconds: 49, state: 'Session stopping'} : session));
		const changed = terminal.written().length - changedBefore;
		assert.ok(changed > 0 && changed < 1800, `one changed row wrote ${changed} bytes`);
	} finally {
		instance.unmount();
	}
});
