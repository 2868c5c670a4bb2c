import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {newestSourceMs} from './build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
tsc's per-module build of the command, which the CLI tests run (the bundle is `ensureBuilt`'s).
*/
export const cliPath = path.join(root, 'dist', 'cli.js');

/**
`npm test` builds first; a stale or missing build (a test file run alone) is rebuilt here.
*/
export function ensureCliBuilt(): void {
	let builtMs = 0;
	try {
		builtMs = statSync(cliPath).mtimeMs;
	} catch {}

	if (builtMs < newestSourceMs(path.join(root, 'source'))) {
		execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], {stdio: 'pipe'});
	}
}

/**
A home of its own and a clean environment: no real ~/.maxctrl.cnf, preferences or MAXTOP_*
variables leak in.
*/
export function cleanEnvironment(prefix: string): {home: string; env: Record<string, string>} {
	const home = mkdtempSync(path.join(tmpdir(), prefix));
	return {
		home,
		env: {
			PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), LANG: 'C.UTF-8', TERM: 'xterm',
		},
	};
}

export type CliRun = {code: number | undefined; stdout: string; stderr: string};

export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<CliRun> {
	return new Promise(resolve => {
		execFile(process.execPath, [cliPath, ...args], {env, timeout: timeoutMs, encoding: 'utf8'}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
			resolve({code, stdout, stderr});
		});
	});
}
