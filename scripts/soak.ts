/*
`npm run soak` runs the installed command, `dist/maxtop.js` under its own Node options, in a real
120×40 pseudo-terminal for 30 minutes against a simulator in another process with 10,000 sessions
and a churn of 50 sessions opened and closed a second, and samples the command's resident memory
every 30 s. It prints the series as it goes, then the slopes of straight lines fitted to the
samples after warm-up, to the second half, and to each third after warm-up, with a verdict
(soak-verdict.ts): memory still climbing at an undiminished pace at the end is a leak, memory
whose climb slows to nothing was warm-up. Exit 1 on a leak.

Shorter or other runs: --minutes N, --sessions N, --churn N, --sample-seconds N, --warmup-minutes N.
*/
import {execFileSync, spawn as spawnProcess, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {spawn as spawnPty} from 'node-pty';
import xterm from '@xterm/headless';
import {cliNodeFlags} from './node-flags.js';
import {judgeSoak, type SoakSample} from './soak-verdict.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

function option(name: string, fallback: number, isValid: (value: number) => boolean, what: string): number {
	const at = argv.indexOf(`--${name}`);
	if (at === -1) {
		return fallback;
	}

	const value = Number(argv[at + 1]);
	if (!isValid(value)) {
		console.error(`maxtop soak: --${name} takes ${what}`);
		process.exit(2);
	}

	return value;
}

const positive = (value: number) => Number.isFinite(value) && value > 0;
const minutes = option('minutes', 30, positive, 'a positive number');
const sessions = option('sessions', 10_000, value => Number.isSafeInteger(value) && value > 0, 'a positive whole number');
const churn = option('churn', 50, value => Number.isFinite(value) && value >= 0, 'a number of sessions a second, 0 or more');
const sampleSeconds = option('sample-seconds', 30, positive, 'a positive number');
const warmupMinutes = option('warmup-minutes', Math.min(5, minutes / 3), value => Number.isFinite(value) && value >= 0 && value < minutes, 'a number of minutes shorter than the run');
const known = new Set(['--minutes', '--sessions', '--churn', '--sample-seconds', '--warmup-minutes']);
for (const [index, word] of argv.entries()) {
	const isValue = !word.startsWith('--') && known.has(argv[index - 1] ?? '');
	if (isValue || known.has(word)) {
		continue;
	}

	console.error(`maxtop soak: unknown option ${word}`);
	process.exit(2);
}

const cli = path.join(root, 'dist/maxtop.js');
if (!existsSync(cli)) {
	console.error('maxtop soak: dist/maxtop.js is missing; run npm run build (npm run soak does)');
	process.exit(2);
}

const columns = 120;
const rows = 40;
const mib = (bytes: number) => bytes / 1024 / 1024;

/** Resident memory of a process in bytes, from /proc where there is one, else from ps. */
function residentBytes(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(?<kb>\d+) kB/mv.exec(status);
		return match?.groups?.['kb'] === undefined ? undefined : Number(match.groups['kb']) * 1024;
	} catch {
		try {
			const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], {encoding: 'utf8'}).trim());
			return Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined;
		} catch {
			return undefined;
		}
	}
}

async function startSimulatorProcess(): Promise<{url: string; child: ChildProcess}> {
	const child = spawnProcess(process.execPath, ['--import=tsx', path.join(root, 'scripts/bench-simulator.ts'), String(sessions), String(churn), 'false'], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const [line] = await once(createInterface({input: child.stdout}), 'line') as [string];
	return {url: (JSON.parse(line) as {url: string}).url, child};
}

const {url, child: simulator} = await startSimulatorProcess();
// A home of its own: no ~/.maxctrl.cnf or saved preferences of the person running the soak.
const home = mkdtempSync(path.join(tmpdir(), 'maxtop-soak-'));
const environment: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) {
	if (value !== undefined && !name.startsWith('MAXTOP_')) {
		environment[name] = value;
	}
}

const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
let outputBytes = 0;
const command = spawnPty(process.execPath, [...cliNodeFlags, cli, '--hosts', url, '--read-only', '--no-save'], {
	name: 'xterm-256color',
	cols: columns,
	rows,
	cwd: root,
	env: {
		...environment,
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		// Ink treats CI as non-interactive and would only write the last frame.
		CI: 'false',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
	},
});
let exitedEarly: string | undefined;
command.onData(data => {
	outputBytes += Buffer.byteLength(data);
	terminal.write(data);
});
command.onExit(({exitCode, signal}) => {
	exitedEarly ??= `maxtop exited (code ${exitCode}${signal ? `, signal ${signal}` : ''})`;
});

function headerLine(): string {
	const buffer = terminal.buffer.active;
	return (buffer.getLine(buffer.viewportY)?.translateToString(true) ?? '').trim().slice(0, 70);
}

function stop() {
	if (exitedEarly === undefined) {
		exitedEarly = 'stopped';
		command.kill('SIGTERM');
	}

	simulator.stdin?.end();
	simulator.kill();
	rmSync(home, {recursive: true, force: true});
}

process.once('SIGINT', () => {
	stop();
	process.exit(130);
});

type Sample = {minute: number; rss: number};
const samples: Sample[] = [];
const started = performance.now();
console.log(`soak: maxtop (pid ${command.pid}) in a ${columns}x${rows} pseudo-terminal, ${sessions} sessions, churn ${churn}/s, ${minutes} min, resident memory every ${sampleSeconds} s, warm-up ${warmupMinutes} min`);
console.log('minute  rss MiB  terminal KiB  header');
for (let tick = 1; tick * sampleSeconds <= minutes * 60 + 1e-9; tick++) {
	const wait = started + (tick * sampleSeconds * 1000) - performance.now();
	await new Promise(resolve => {
		setTimeout(resolve, Math.max(0, wait));
	});
	if (exitedEarly !== undefined) {
		break;
	}

	const rss = residentBytes(command.pid);
	if (rss === undefined) {
		continue;
	}

	const minute = (performance.now() - started) / 60_000;
	samples.push({minute, rss});
	console.log(`${minute.toFixed(1).padStart(6)}  ${mib(rss).toFixed(1).padStart(7)}  ${Math.round(outputBytes / 1024).toString().padStart(12)}  ${headerLine()}`);
}

const failure = exitedEarly;
stop();
if (failure !== undefined) {
	console.error(`maxtop soak: ${failure} before the end of the run`);
	process.exit(1);
}

const series: SoakSample[] = samples.map(sample => ({minute: sample.minute, rssMib: mib(sample.rss)}));
const judged = judgeSoak(series, minutes, warmupMinutes);
const afterWarmup = series.filter(sample => sample.minute > warmupMinutes).map(sample => sample.rssMib);
const round = (value: number) => Math.round(value * 100) / 100;
console.log(JSON.stringify({
	minutes,
	sessions,
	churnPerSecond: churn,
	samples: samples.length,
	rssSeriesMib: series.map(sample => round(sample.rssMib)),
	rssAfterWarmupMib: afterWarmup.length === 0 ? undefined : {min: round(Math.min(...afterWarmup)), max: round(Math.max(...afterWarmup))},
	...judged,
}));
process.exit(judged.isLeak ? 1 : 0);
