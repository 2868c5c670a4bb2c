import {constants} from 'node:os';

export type Cleanup = () => Promise<void> | void;

const exitSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type ExitSignal = typeof exitSignals[number];

/** Shell convention: 128 + the signal number (SIGHUP 129, SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: ExitSignal): number {
	return 128 + constants.signals[signal];
}

const cleanups = new Set<Cleanup>();
const noop = () => undefined;
let terminalRestore: (() => void) | undefined;
let exiting: Promise<never> | undefined;

/** Work before exiting on a signal or an internal error (leased log levels); copied when the exit starts, so an unregister during the unmount does not cancel it. */
export function onCleanup(cleanup: Cleanup): () => void {
	cleanups.add(cleanup);
	return () => {
		cleanups.delete(cleanup);
	};
}

/** All cleanups at once, at most `deadlineMs` in all: one that throws or hangs never holds up the exit. */
export async function runCleanups(deadlineMs = 1500, pending: readonly Cleanup[] = [...cleanups]): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<void>(resolve => {
		timer = setTimeout(resolve, deadlineMs);
	});
	const all = Promise.allSettled(pending.map(async cleanup => cleanup()));
	await Promise.race([all, deadline]);
	clearTimeout(timer);
}

/** How the exit guard gives the terminal back (unmounting Ink leaves the alternate screen and raw mode). */
export function onTerminalRestore(restoreTerminal: () => void): () => void {
	terminalRestore = restoreTerminal;
	return () => {
		if (terminalRestore === restoreTerminal) {
			terminalRestore = undefined;
		}
	};
}

/** During a guarded exit, a promise that never settles, so code the restore woke up does not exit 0 first. */
export function exitInProgress(): Promise<never> | undefined {
	return exiting;
}

/** The first line of an error's message that says anything. */
export function firstLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n').find(line => line.trim() !== '')?.trim() ?? 'unknown error';
}

/** The error's first line, to follow `maxtop: `. */
export function oneLine(error: unknown): string {
	const first = firstLine(error);
	return first.charAt(0).toLowerCase() + first.slice(1);
}

/** Bad input found only while starting (an unreadable recording, a TLS file): exit 2 like any usage error. */
export class UsageFailure extends Error {
	override name = 'UsageFailure';
}

/** The one line for an error nobody expected, and its stack with `--verbose`. */
export function internalErrorText(error: unknown, isVerbose: boolean): string {
	const stack = isVerbose && error instanceof Error && error.stack ? `${error.stack}\n` : '';
	return `maxtop: internal error: ${firstLine(error)}\n${stack}`;
}

/** An error that escaped the app (a render or effect threw): the CLI prints it as an internal error. */
export class InternalError extends Error {
	override name = 'InternalError';

	constructor(cause: unknown) {
		super(`internal error: ${firstLine(cause)}`, {cause});
		if (cause instanceof Error && cause.stack) {
			this.stack = cause.stack;
		}
	}
}

export type ExitGuardOptions = {
	isVerbose?: boolean;
	/** Total time the registered cleanups get. Default 1.5 s. */
	cleanupDeadlineMs?: number;
	stderr?: {write(text: string): unknown};
	stdout?: {write(text: string): unknown};
	stdin?: {isTTY?: boolean; isRaw?: boolean; setRawMode?(mode: boolean): unknown};
	exit?: (code: number) => void;
	/** Where the signal and error listeners go (tests pass an EventEmitter). Default `process`. */
	target?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
};

/**
SIGINT, SIGTERM, SIGHUP (the SSH link dropped) and an uncaught error end maxtop alike: terminal
restored, cleanups run (bounded), one line on stderr, non-zero exit; a second signal exits at once.
*/
export function installExitGuards(options: ExitGuardOptions = {}): () => void {
	const {
		target = process, stderr = process.stderr, stdin = process.stdin, stdout = process.stdout, exit = (code: number) => process.exit(code), cleanupDeadlineMs = 1500,
	} = options;
	let isExiting = false;

	const finish = (exitCode: number, line: string): void => {
		isExiting = true;
		exiting = new Promise<never>(noop);
		const pending = [...cleanups];
		restore(stdin, stdout);
		// With the link gone (SIGHUP) stderr may be closed: the exit code still tells the story.
		try {
			stderr.write(line);
		} catch {}

		void runCleanups(cleanupDeadlineMs, pending).finally(() => {
			exit(exitCode);
		});
	};

	const onSignal = (signal: ExitSignal) => {
		if (isExiting) {
			exit(signalExitCode(signal));
			return;
		}

		finish(signalExitCode(signal), `maxtop: terminated by ${signal}\n`);
	};

	const onError = (error: unknown) => {
		// Writes to a terminal that went away (EIO after SIGHUP) must not cut the cleanups short.
		if (isExiting) {
			return;
		}

		finish(1, internalErrorText(error, Boolean(options.isVerbose)));
	};

	for (const signal of exitSignals) {
		target.on(signal, onSignal);
	}

	target.on('uncaughtException', onError);
	return () => {
		for (const signal of exitSignals) {
			target.off(signal, onSignal);
		}

		target.off('uncaughtException', onError);
		exiting = undefined;
	};
}

function restore(stdin: ExitGuardOptions['stdin'], stdout: ExitGuardOptions['stdout']): void {
	const restoreInk = terminalRestore;
	terminalRestore = undefined;
	if (restoreInk) {
		try {
			restoreInk();
		} catch {
			// Ink failed half-way: leave the alternate screen and show the cursor by hand.
			try {
				stdout?.write('\u{1B}[?1049l\u{1B}[?25h');
			} catch {}
		}
	}

	// Ink turns raw mode off when it unmounts; this covers an Ink that failed half-way.
	try {
		if (stdin?.isTTY && stdin.isRaw) {
			stdin.setRawMode?.(false);
		}
	} catch {}
}
