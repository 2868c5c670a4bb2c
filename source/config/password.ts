/** Thrown when the person presses Ctrl-C at the password prompt; the CLI exits 130 like a shell. */
export class PromptAbortedError extends Error {
	override name = 'PromptAbortedError';
}

export type PromptInput = NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (isRaw: boolean) => unknown};
export type PromptOutput = {write(text: string): unknown};

/** A password from a raw-mode terminal, never echoed: Enter ends, Backspace, Ctrl-U clears, Ctrl-C aborts. */
export async function readPassword(stdin: PromptInput, stdout: PromptOutput, prompt = 'Password: '): Promise<string> {
	stdout.write(prompt);
	const wasRaw = (stdin as {isRaw?: boolean}).isRaw ?? false;
	stdin.setRawMode?.(true);
	stdin.resume();

	return new Promise<string>((resolve, reject) => {
		let password = '';

		const finish = (error?: Error) => {
			stdin.removeListener('data', onData);
			stdin.removeListener('end', finish);
			stdin.setRawMode?.(wasRaw);
			stdin.pause();
			stdout.write('\n');
			if (error) {
				reject(error);
			} else {
				resolve(password);
			}
		};

		const onData = (chunk: Uint8Array | string) => {
			const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
			for (const character of text) {
				const next = editPassword(password, character);
				if (next === 'enter') {
					finish();
					return;
				}

				if (next === 'abort') {
					finish(new PromptAbortedError('password prompt cancelled'));
					return;
				}

				password = next;
			}
		};

		stdin.on('data', onData);
		stdin.on('end', finish);
	});
}

/** What one typed character does to the password so far. */
export function editPassword(password: string, character: string): string | 'enter' | 'abort' {
	switch (character) {
		case '\r':
		case '\n': {
			return 'enter';
		}

		case '\u{3}': {
			return 'abort';
		}

		case '\u{4}': {
			// Ctrl-D on an empty line gives up, as a shell does; mid-word it is ignored.
			return password === '' ? 'abort' : password;
		}

		case '\u{7F}':
		case '\b': {
			return [...password].slice(0, -1).join('');
		}

		case '\u{15}': {
			return '';
		}

		default: {
			return character >= ' ' ? password + character : password;
		}
	}
}

/** `-p ''` with stdin not a terminal: the first line of stdin is the password (as maxctrl does). */
export async function readPasswordLine(stdin: NodeJS.ReadableStream): Promise<string> {
	let text = '';
	for await (const chunk of stdin) {
		text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		if (text.includes('\n')) {
			break;
		}
	}

	return text.split(/\r?\n/v, 1)[0] ?? '';
}
