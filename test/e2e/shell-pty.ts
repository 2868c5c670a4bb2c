import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {spawn} from 'node-pty';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ShellRun = {
	output(): string;
	/** Pid of the program the shell runs (its only child). */
	childPid(): Promise<number>;
	waitForOutput(predicate: (raw: string) => boolean, timeoutMs: number, what: string): Promise<void>;
	exited: Promise<number>;
	kill(): void;
};

/**
Runs `command` under `/bin/sh` in a real pseudo-terminal and then `stty -a`, so a test can see the
terminal modes the program left behind (raw mode shows as `-icanon -echo`).
*/
export function runInShell(command: string, options: {columns?: number; rows?: number; env?: Record<string, string>} = {}): ShellRun {
	let raw = '';
	const pty = spawn('/bin/sh', ['-c', String.raw`${command}; code=$?; echo; echo "stty: $(stty -a | tr '\n' ' ')"; exit $code`], {
		name: 'xterm-256color',
		cols: options.columns ?? 100,
		rows: options.rows ?? 30,
		cwd: repoRoot,
		env: {
			...process.env, CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env,
		},
	});
	const listeners = new Set<() => void>();
	pty.onData(data => {
		raw += data;
		for (const listener of listeners) {
			listener();
		}
	});
	const exited = new Promise<number>(resolve => {
		pty.onExit(event => {
			resolve(event.exitCode);
		});
	});
	const waitForOutput = async (predicate: (raw: string) => boolean, timeoutMs: number, what: string) => new Promise<void>((resolve, reject) => {
		const check = () => {
			if (!predicate(raw)) {
				return;
			}

			done();
			resolve();
		};

		const timer = setTimeout(() => {
			done();
			reject(new Error(`timed out waiting for ${what}; output was:\n${JSON.stringify(raw.slice(-2000))}`));
		}, timeoutMs);
		const done = () => {
			clearTimeout(timer);
			listeners.delete(check);
		};

		listeners.add(check);
		check();
	});

	return {
		output: () => raw,
		async childPid() {
			const deadline = Date.now() + 5000;
			for (;;) {
				const children = readFileSync(`/proc/${pty.pid}/task/${pty.pid}/children`, 'utf8').trim();
				if (children !== '') {
					return Number(children.split(' ', 1)[0]);
				}

				if (Date.now() > deadline) {
					throw new Error('the shell started no program');
				}

				await new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			}
		},
		waitForOutput,
		exited,
		kill() {
			try {
				pty.kill('SIGKILL');
			} catch {}
		},
	};
}
