import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {PassThrough, Writable} from 'node:stream';
import {runInteractive} from '../../source/interactive.js';
import {
	exitInProgress,
	installExitGuards,
	internalErrorText,
	InternalError,
	onCleanup,
	onTerminalRestore,
	runCleanups,
	signalExitCode,
} from '../../source/lifecycle.js';
import {createFakeClient} from '../helpers/fake-client.js';
import {waitFor} from '../helpers/ink.js';

test('signal exit codes follow the shell: 128 + the signal number', () => {
	assert.deepEqual([signalExitCode('SIGHUP'), signalExitCode('SIGINT'), signalExitCode('SIGTERM')], [129, 130, 143]);
});

/**
A cleanup stuck on a dead MaxScale; the tests that use it mock the timers, so it never settles.
*/
async function stuck(): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, 60_000);
	});
}

test('runCleanups waits for every cleanup but never past the deadline', async t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const done: string[] = [];
	let settled = false;
	const running = runCleanups(1500, [
		() => {
			done.push('sync');
		},
		async () => {
			throw new Error('a failing cleanup does not stop the others');
		},
		stuck,
	]).then(() => {
		settled = true;
	});
	await waitFor(() => done.length === 1);
	t.mock.timers.tick(1499);
	await Promise.resolve();
	assert.equal(settled, false);
	t.mock.timers.tick(1);
	await running;
	assert.equal(settled, true);
	assert.deepEqual(done, ['sync']);
});

function guardHarness(options: {deadlineMs?: number} = {}) {
	// `process` is an EventEmitter, so the stand-in is one too.
	// eslint-disable-next-line unicorn/prefer-event-target
	const target = new EventEmitter();
	const events: string[] = [];
	const exits: number[] = [];
	const uninstall = installExitGuards({
		target,
		cleanupDeadlineMs: options.deadlineMs ?? 1500,
		stderr: {
			write(text: string) {
				events.push(`stderr:${text}`);
			},
		},
		stdout: {
			write(text: string) {
				events.push(`stdout:${JSON.stringify(text)}`);
			},
		},
		stdin: {
			isTTY: true,
			isRaw: true,
			setRawMode(mode: boolean) {
				events.push(`raw:${mode}`);
			},
		},
		exit(code) {
			exits.push(code);
		},
	});
	return {
		target, events, exits, uninstall,
	};
}

test('a signal restores the terminal first, then says why, runs the cleanups and exits with 128+n', async () => {
	const guard = guardHarness();
	const releaseTerminal = onTerminalRestore(() => {
		guard.events.push('unmount');
	});
	const unregister = onCleanup(async () => {
		guard.events.push('cleanup');
	});
	try {
		guard.target.emit('SIGTERM', 'SIGTERM');
		assert.ok(exitInProgress() instanceof Promise);
		await waitFor(() => guard.exits.length > 0);
		assert.deepEqual(guard.events, ['unmount', 'raw:false', 'stderr:maxtop: terminated by SIGTERM\n', 'cleanup']);
		assert.deepEqual(guard.exits, [143]);
	} finally {
		unregister();
		releaseTerminal();
		guard.uninstall();
	}

	assert.equal(exitInProgress(), undefined);
});

test('a second signal during the cleanups exits at once; errors during the exit are ignored', t => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const guard = guardHarness();
	const unregister = onCleanup(stuck);
	try {
		guard.target.emit('SIGHUP', 'SIGHUP');
		guard.target.emit('uncaughtException', new Error('write EIO'));
		assert.deepEqual(guard.exits, []);
		guard.target.emit('SIGINT', 'SIGINT');
		assert.deepEqual(guard.exits, [130]);
		assert.deepEqual(guard.events.filter(event => event.startsWith('stderr')), ['stderr:maxtop: terminated by SIGHUP\n']);
		t.mock.timers.tick(1500);
	} finally {
		unregister();
		guard.uninstall();
	}
});

test('an uncaught error exits 1 with one line; a failing Ink unmount still leaves the alternate screen', async () => {
	const guard = guardHarness();
	const releaseTerminal = onTerminalRestore(() => {
		throw new Error('ink broke');
	});
	try {
		guard.target.emit('uncaughtException', new Error('Cannot read properties of undefined\n    at somewhere'));
		await waitFor(() => guard.exits.length > 0);
		assert.deepEqual(guard.events, [
			`stdout:${JSON.stringify('\u{1B}[?1049l\u{1B}[?25h')}`,
			'raw:false',
			'stderr:maxtop: internal error: Cannot read properties of undefined\n',
		]);
		assert.deepEqual(guard.exits, [1]);
	} finally {
		releaseTerminal();
		guard.uninstall();
	}
});

test('internalErrorText: the first line, and the stack only when verbose', () => {
	const error = new Error('boom\nmore');
	assert.equal(internalErrorText(error, false), 'maxtop: internal error: boom\n');
	assert.equal(internalErrorText(error, true), `maxtop: internal error: boom\n${error.stack}\n`);
	assert.equal(internalErrorText('plain', true), 'maxtop: internal error: plain\n');
});

function fakeTerminal() {
	const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin});
	const stdout = Object.assign(new Writable({
		write(_chunk, _encoding, callback) {
			callback();
		},
	}), {isTTY: true, columns: 80, rows: 24});
	return {stdin, stdout};
}

test('an error thrown inside the app rejects runInteractive with an InternalError carrying its stack', async () => {
	const {stdin, stdout} = fakeTerminal();
	const cause = new Error('poller exploded');
	const running = runInteractive({
		clients: new Map([['127.0.0.1:8989', createFakeClient()]]),
		createPoller() {
			throw cause;
		},
		options: {intervalSeconds: 1, sort: 'memory', readOnly: false},
		stdin,
		stdout,
	});
	await assert.rejects(running, (error: unknown) => {
		assert.ok(error instanceof InternalError);
		assert.equal(error.message, 'internal error: poller exploded');
		assert.equal(error.stack, cause.stack);
		assert.equal(error.cause, cause);
		return true;
	});
});
