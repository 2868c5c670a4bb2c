import {setImmediate as nextTurn} from 'node:timers/promises';

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
Poll `isDone` on every turn of the event loop until it holds; fail with `describe()` (the last
frame, usually) after `timeoutMs`. Never a fixed sleep.
*/
export async function waitFor(isDone: () => boolean, describe: () => string = () => '', timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!isDone()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for a condition; last frame:\n${describe()}`);
		}

		await nextTurn();
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

/**
Write keys and wait until Ink has handled them. Esc is held 20 ms by Ink so a CSI sequence can
complete (ink-stack §1.2), so a lone Esc waits for the frame to change instead.
*/
export async function press(app: Frames & {stdin: {write: (data: string) => void}}, ...sequence: string[]): Promise<void> {
	for (const data of sequence) {
		const before = app.lastFrame();
		app.stdin.write(data);
		if (data === keys.escape) {
			await waitFor(() => app.lastFrame() !== before, () => app.lastFrame() ?? '', 1000);
		} else {
			await nextTurn();
			await nextTurn();
		}
	}
}
