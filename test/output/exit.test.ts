import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	brokenPipeExitCode,
	exitQuietlyOnBrokenPipe,
	exitWhenWritten,
	type OutputStream,
} from '../../source/output/exit.js';

class FakeStream implements OutputStream {
	writableLength = 0;
	destroyed = false;
	readonly pending: Array<(error?: unknown) => void> = [];
	readonly errorListeners: Array<(error: Error) => void> = [];

	on(_event: 'error', listener: (error: Error) => void): void {
		this.errorListeners.push(listener);
	}

	emitError(error: Error): void {
		for (const listener of this.errorListeners) {
			listener(error);
		}
	}

	write(chunk: string, callback: (error?: unknown) => void): boolean {
		this.writableLength += chunk.length;
		this.pending.push(callback);
		return false;
	}

	/** The kernel took everything (or the reader went away). */
	settle(error?: Error): void {
		this.writableLength = 0;
		for (const callback of this.pending.splice(0)) {
			callback(error);
		}
	}
}

const epipe = Object.assign(new Error('write EPIPE'), {code: 'EPIPE'});

test('the exit waits until stdout and stderr have taken every byte', async () => {
	const stdout = new FakeStream();
	const stderr = new FakeStream();
	stdout.writableLength = 6_000_000;
	stderr.writableLength = 10;
	const exits: number[] = [];
	const exited = exitWhenWritten(1, {stdout, stderr}, code => exits.push(code));
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	assert.deepEqual(exits, []);
	stdout.settle();
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	assert.deepEqual(exits, [], 'stderr is not written yet');
	stderr.settle();
	await exited;
	assert.deepEqual(exits, [1]);
});

test('nothing queued: the exit comes at once; a reader gone while waiting: 141', async () => {
	const exits: number[] = [];
	await exitWhenWritten(0, {stdout: new FakeStream(), stderr: new FakeStream()}, code => exits.push(code));
	const stdout = new FakeStream();
	stdout.writableLength = 1;
	const exited = exitWhenWritten(0, {stdout, stderr: new FakeStream()}, code => exits.push(code));
	stdout.settle(epipe);
	await exited;
	assert.deepEqual(exits, [0, brokenPipeExitCode]);
	assert.equal(brokenPipeExitCode, 141);
});

test('EPIPE on stdout exits 141; on stderr it is swallowed; other errors still throw', () => {
	const stdout = new FakeStream();
	const stderr = new FakeStream();
	const exits: number[] = [];
	exitQuietlyOnBrokenPipe(stdout, stderr, code => exits.push(code));
	stderr.emitError(epipe);
	assert.deepEqual(exits, []);
	stdout.emitError(epipe);
	assert.deepEqual(exits, [141]);
	assert.throws(() => {
		stdout.emitError(new Error('EIO'));
	}, /EIO/v);
	assert.throws(() => {
		stderr.emitError(new Error('EIO'));
	}, /EIO/v);
});
