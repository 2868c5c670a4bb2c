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

type Edit = (password: string) => string | 'enter' | 'abort';

const erase: Edit = password => [...password].slice(0, -1).join('');

/** What a typed control character does to the password so far. */
const edits = new Map<string, Edit>([
	['\r', () => 'enter'],
	['\n', () => 'enter'],
	['\u{3}', () => 'abort'],
	// Ctrl-D on an empty line gives up, as a shell does; mid-word it is ignored.
	['\u{4}', password => password === '' ? 'abort' : password],
	['\u{7F}', erase],
	['\b', erase],
	['\u{15}', () => ''],
]);

export function editPassword(password: string, character: string): ReturnType<Edit> {
	return edits.get(character)?.(password) ?? (character >= ' ' ? password + character : password);
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
