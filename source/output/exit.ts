import {constants} from 'node:os';

/**
What a shell reports for a program that SIGPIPE ended (`seq 100000 | head -1`): 128 + 13. Node
ignores SIGPIPE, so maxtop sees EPIPE instead and exits with the same code itself.
*/
export const brokenPipeExitCode = 128 + constants.signals.SIGPIPE;

export type OutputStream = {
	readonly writableLength: number;
	readonly destroyed: boolean;
	write(chunk: string, callback: (error?: unknown) => void): boolean;
	on(event: 'error', listener: (error: Error) => void): unknown;
};

export function isBrokenPipe(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/**
Resolves once everything written to `stream` is in the kernel's hands (true), or false when the
reader went away first. A pipe holds 64 KiB; Node queues the rest and `process.exit()` drops it:
`--once --format json | wc -c` counted 65,536 of 6 MB.
*/
export async function written(stream: OutputStream): Promise<boolean> {
	if (stream.destroyed || stream.writableLength === 0) {
		return true;
	}

	// Writes complete in order, so this empty one completes after all the earlier ones.
	return new Promise(resolve => {
		stream.write('', error => {
			resolve(!isBrokenPipe(error));
		});
	});
}

/**
A reader that stops reading (`| head -1`) ends maxtop quietly, as SIGPIPE ends `cat`: no stack
trace, exit 141. On stderr, a closed reader only costs the messages: an interactive session (or
its terminal) must not end because a `2>` pipe closed.
*/
export function exitQuietlyOnBrokenPipe(stdout: OutputStream, stderr: OutputStream, exit: (code: number) => void): void {
	stdout.on('error', error => {
		if (isBrokenPipe(error)) {
			exit(brokenPipeExitCode);
			return;
		}

		throw error;
	});
	stderr.on('error', error => {
		if (!isBrokenPipe(error)) {
			throw error;
		}
	});
}

/** Exits with `code` once stdout and stderr are written out (141 if stdout's reader went away first). */
export async function exitWhenWritten(code: number, streams: {stdout: OutputStream; stderr: OutputStream}, exit: (code: number) => void): Promise<void> {
	const [isStdoutWritten] = await Promise.all([written(streams.stdout), written(streams.stderr)]);
	exit(isStdoutWritten ? code : brokenPipeExitCode);
}
