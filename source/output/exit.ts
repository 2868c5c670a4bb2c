import {constants} from 'node:os';

/** What a shell reports for a program SIGPIPE ended; Node ignores SIGPIPE, so maxtop sees EPIPE and exits so itself. */
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

/** True once all written to `stream` is in the kernel's hands (a pipe holds 64 KiB; `process.exit()` drops the rest), false if the reader left. */
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

/** A reader that stops (`| head -1`) ends maxtop quietly, exit 141; a closed stderr only costs the messages. */
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
