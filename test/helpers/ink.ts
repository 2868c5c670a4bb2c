import {setImmediate as nextTurn, setTimeout as delay} from 'node:timers/promises';

export const keys = {
	up: '\u{1B}[A',
	down: '\u{1B}[B',
	right: '\u{1B}[C',
	left: '\u{1B}[D',
	enter: '\r',
	escape: '\u{1B}',
	tab: '\t',
	backspace: '\u{7F}',
	pageUp: '\u{1B}[5~',
	pageDown: '\u{1B}[6~',
	home: '\u{1B}[H',
	end: '\u{1B}[F',
	ctrlC: '\u{3}',
	space: ' ',
} as const;

/**
Poll `isDone` until it holds; fail with `describe()` (the last frame, usually) after `timeoutMs`,
an upper bound only, wide enough for two busy cores. Never a fixed sleep.
*/
export async function waitFor(isDone: () => boolean, describe: () => string = () => '', timeoutMs = 10_000): Promise<void> {
	const startMs = Date.now();
	const deadline = startMs + timeoutMs;
	while (!isDone()) {
		const nowMs = Date.now();
		if (nowMs > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for a condition; last frame:\n${describe()}`);
		}

		// Every turn at first (a key's frame comes within a few turns); a longer wait (a poll, a
		// timeout) checks every few milliseconds instead of spinning a core other tests need.
		await (nowMs - startMs < 50 ? nextTurn() : delay(5));
	}
}

type Frames = {lastFrame: () => string | undefined};

export async function waitForText(app: Frames, text: string, timeoutMs?: number): Promise<string> {
	await waitFor(() => (app.lastFrame() ?? '').includes(text), () => app.lastFrame() ?? '', timeoutMs);
	return app.lastFrame() ?? '';
}

export async function waitForNoText(app: Frames, text: string, timeoutMs?: number): Promise<string> {
	await waitFor(() => !(app.lastFrame() ?? '').includes(text), () => app.lastFrame() ?? '', timeoutMs);
	return app.lastFrame() ?? '';
}

// Ink holds a lone Esc this long so that a CSI sequence can complete (ink-stack §1.2).
const escapeHoldMs = 20;

/**
Write keys and wait until Ink has handled them. A key written while Ink still holds an Esc joins
it (Esc then W reads as Alt+W, and neither takes effect), and no event says the hold is over; a
changed frame does not either, since a poll may change it first. So after an Esc the hold is
waited out (Ink's timer, due first, has then flushed it), then the frame must change.
*/
export async function press(app: Frames & {stdin: {write: (data: string) => void}}, ...sequence: string[]): Promise<void> {
	for (const data of sequence) {
		const before = app.lastFrame();
		app.stdin.write(data);
		if (data === keys.escape) {
			await delay(escapeHoldMs + 5);
			await waitFor(() => app.lastFrame() !== before, () => app.lastFrame() ?? '', 1000);
		} else {
			await nextTurn();
			await nextTurn();
		}
	}
}
