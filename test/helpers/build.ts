import {execFileSync} from 'node:child_process';
import {
	mkdirSync,
	readdirSync,
	rmSync,
	statSync,
} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'maxtop.js');
const lock = path.join(root, 'dist', '.build-lock');

export function newestSourceMs(directory: string): number {
	let newest = 0;
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const full = path.join(directory, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(full) : statSync(full).mtimeMs);
	}

	return newest;
}

function builtMs(): number {
	try {
		return statSync(cli).mtimeMs;
	} catch {
		return 0;
	}
}

/**
`npm test` builds first; a stale or missing `dist/` (a test file run alone) is rebuilt here. Test
files running in parallel take a lock directory so only one of them runs tsc.
*/
export function ensureBuilt(): void {
	if (builtMs() >= newestSourceMs(path.join(root, 'source'))) {
		return;
	}

	mkdirSync(path.dirname(lock), {recursive: true});
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			if (Date.now() > deadline) {
				throw new Error(`another build held ${lock} for two minutes; remove it if no build runs`);
			}

			// Another test file is building: wait for it without burning a core.
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
		}
	}

	try {
		const startedMs = Date.now();
		if (builtMs() < newestSourceMs(path.join(root, 'source'))) {
			try {
				execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], {stdio: 'pipe'});
			} catch (error) {
				// Tsc still emits with type errors (the typecheck step reports those); only a missing build is fatal.
				if (statSync(path.join(root, 'dist', 'cli.js'), {throwIfNoEntry: false}) === undefined) {
					throw error;
				}
			}

			execFileSync(process.execPath, ['--import=tsx', path.join(root, 'scripts', 'bundle.ts')], {cwd: root, stdio: 'pipe'});
			if (builtMs() < startedMs - 1000) {
				throw new Error('the bundle dist/maxtop.js was not written');
			}
		}
	} finally {
		rmSync(lock, {recursive: true, force: true});
	}
}
