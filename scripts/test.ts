/*
`npm test`: bundle the command (the end-to-end tests start it), then run the type check and lint
beside the tests, all of them every time. The tests spend much of their time waiting on real
timers (poll intervals, client timeouts, a pseudo-terminal's screen), which lint's single thread,
the slowest check, fills: on two cores the three one after the other took longer than beside each
other. The type check's and lint's output is held and printed after the tests, so the two never
interleave; the exit code is that of the first that failed.
*/
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Outcome = {name: string; code: number; output: string; seconds: number};

async function run(name: string, arguments_: string[], options: {capture: boolean; env?: NodeJS.ProcessEnv}): Promise<Outcome> {
	const startedMs = Date.now();
	const child = spawn(process.execPath, arguments_, {
		cwd: root,
		env: {...process.env, ...options.env},
		stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
	});
	let output = '';
	child.stdout?.on('data', (chunk: Uint8Array) => {
		output += String(chunk);
	});
	child.stderr?.on('data', (chunk: Uint8Array) => {
		output += String(chunk);
	});
	const code = await new Promise<number>(resolve => {
		child.on('close', (exitCode, signal) => {
			resolve(exitCode ?? (signal ? 1 : 0));
		});
	});
	return {
		name, code, output, seconds: Math.round((Date.now() - startedMs) / 1000),
	};
}

const bin = (...parts: string[]) => path.join(root, 'node_modules', ...parts);

const bundle = await run('bundle', ['--import=tsx', path.join(root, 'scripts', 'bundle.ts')], {capture: false});
if (bundle.code !== 0) {
	process.exit(bundle.code);
}

const checks = (async () => {
	const typecheck = await run('typecheck', [bin('typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], {capture: true});
	// Lint whatever the type check said: both reports are worth having at once.
	const lint = await run('lint', [bin('xo', 'dist', 'cli.js')], {capture: true});
	return [typecheck, lint];
})();
const tests = await run('tests', ['--import=tsx', '--test', '--test-concurrency=2', 'test/**/*.test.{ts,tsx}'], {capture: false, env: {TSX_TSCONFIG_PATH: 'tsconfig.test.json'}});

const outcomes = [...await checks, tests];
for (const {name, code, output, seconds} of outcomes.slice(0, -1)) {
	process.stdout.write(`\n${name}: ${code === 0 ? 'ok' : `failed (exit code ${code})`} in ${seconds} s\n${output.trimEnd() === '' ? '' : output.trimEnd() + '\n'}`);
}

process.stdout.write(`tests: ${tests.code === 0 ? 'ok' : `failed (exit code ${tests.code})`} in ${tests.seconds} s\n`);
process.exitCode = outcomes.find(outcome => outcome.code !== 0)?.code ?? 0;
