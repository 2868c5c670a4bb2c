export const needsTerminalMessage = 'interactive mode needs a terminal; use --once for a one-shot listing';

/**
Ink's live screen needs raw-mode input and cursor addressing: stdin and stdout must both be
terminals, and `TERM=dumb` (Emacs shell buffers, some CI consoles) cannot move the cursor.
*/
export function interactiveTerminalError(terminal: {stdinIsTTY: boolean; stdoutIsTTY: boolean; term: string | undefined}): string | undefined {
	return !terminal.stdinIsTTY || !terminal.stdoutIsTTY || terminal.term === 'dumb' ? needsTerminalMessage : undefined;
}
