import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {spawn, type IPty} from 'node-pty';
import xterm from '@xterm/headless';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(repoRoot, 'dist/maxtop.js');

/**
A built maxtop running in a real pseudo-terminal, its output fed into a headless xterm so tests
read the screen a person would see (cursor moves, alternate screen and erases applied).
*/
export type PtyScreen = {
	readonly pty: IPty;
	/** The visible screen, one string per row, trailing spaces trimmed. */
	screen(): string[];
	text(): string;
	/** Raw bytes the program wrote so far. */
	output(): string;
	write(data: string): void;
	resize(columns: number, rows: number): void;
	waitFor(predicate: (text: string) => boolean, timeoutMs?: number, what?: string): Promise<string>;
	exited: Promise<{exitCode: number; signal?: number}>;
	kill(signal?: string): void;
};

export function startPty(args: string[], options: {columns?: number; rows?: number; env?: Record<string, string>} = {}): PtyScreen {
	const columns = options.columns ?? 100;
	const rows = options.rows ?? 30;
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	let raw = '';
	const pty = spawn(process.execPath, [cliPath, ...args], {
		name: 'xterm-256color',
		cols: columns,
		rows,
		cwd: repoRoot,
		env: {
			...process.env,
			// Ink treats CI as non-interactive and would only write the last frame (ink-stack.md §2).
			CI: 'false',
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			...options.env,
		},
	});
	const listeners = new Set<() => void>();
	pty.onData(data => {
		raw += data;
		terminal.write(data, () => {
			for (const listener of listeners) {
				listener();
			}
		});
	});
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => {
		pty.onExit(event => {
			resolve(event);
		});
	});

	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		}

		return lines;
	};

	const text = () => screen().join('\n');

	return {
		pty,
		screen,
		text,
		output: () => raw,
		write(data) {
			pty.write(data);
		},
		resize(newColumns, newRows) {
			terminal.resize(newColumns, newRows);
			pty.resize(newColumns, newRows);
		},
		async waitFor(predicate, timeoutMs = 10_000, what = 'screen condition') {
			if (predicate(text())) {
				return text();
			}

			return new Promise<string>((resolve, reject) => {
				const check = () => {
					if (!predicate(text())) {
						return;
					}

					done();
					resolve(text());
				};

				const timer = setTimeout(() => {
					done();
					reject(new Error(`timed out waiting for ${what}; screen was:\n${text()}`));
				}, timeoutMs);
				const done = () => {
					clearTimeout(timer);
					listeners.delete(check);
				};

				listeners.add(check);
			});
		},
		exited,
		kill(signal = 'SIGTERM') {
			try {
				pty.kill(signal);
			} catch {}
		},
	};
}
