/*
`npm run soak -- --minutes N [--sessions N]` (default 5 minutes, 10,000 sessions): the app, headless
in a virtual 120×40 terminal, with the REAL poller at a 2 s interval against a churning simulator
in another process, under the Node options the installed command runs with.
Prints resident memory and heap every minute, then a verdict on the trend (the last third of the
samples against the first third). Stops by itself after N minutes.
*/
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {createInterface} from 'node:readline';
import type {PollerListener as Listener} from '../source/poller/types.js';
import type * as AppModule from '../source/app.js';
import type * as ApiClientModule from '../source/api/client.js';
import type * as PollerIndexModule from '../source/poller/index.js';
import {cliNodeFlags} from './node-flags.js';

// Resident memory says little under other options (V8 sizes its default young generation from
// the host's memory): run again with the command's own.
if (cliNodeFlags.some(flag => !process.execArgv.includes(flag))) {
	const {status} = spawnSync(process.execPath, [...cliNodeFlags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {stdio: 'inherit'});
	process.exit(status ?? 1);
}

process.env['NODE_ENV'] ??= 'production';

const {render} = await import('ink');
const React = await import('react');
// The compiled program (npm run build), as users run it: tsx's on-the-fly output ran the list
// scanner a third slower than tsc's.
const fromDist = async <Module>(name: string) => import(new URL(`../dist/${name}`, import.meta.url).href) as Promise<Module>;
const {App} = await fromDist<typeof AppModule>('app.js');
const {createClient} = await fromDist<typeof ApiClientModule>('api/client.js');
const {createPoller} = await fromDist<typeof PollerIndexModule>('poller/index.js');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const minutes = argv.includes('--minutes') ? Number(argv[argv.indexOf('--minutes') + 1]) : 5;
if (!Number.isFinite(minutes) || minutes <= 0) {
	console.error('maxtop soak: --minutes takes a positive number');
	process.exit(2);
}

const sessions = argv.includes('--sessions') ? Number(argv[argv.indexOf('--sessions') + 1]) : 10_000;
if (!Number.isSafeInteger(sessions) || sessions <= 0) {
	console.error('maxtop soak: --sessions takes a positive whole number');
	process.exit(2);
}

const sampleEveryMs = 10_000;
const columns = 120;
const rows = 40;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function startSimulatorProcess(): Promise<{url: string; child: ChildProcess}> {
	const child = spawn(process.execPath, ['--import=tsx', path.join(root, 'scripts/bench-simulator.ts'), String(sessions), String(sessions / 500), 'false'], {
		cwd: root,
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const [line] = await once(createInterface({input: child.stdout}), 'line') as [string];
	return {url: (JSON.parse(line) as {url: string}).url, child};
}

function virtualTerminal() {
	let bytes = 0;
	const stream = new Writable({
		write(chunk: Uint8Array | string, _encoding, callback) {
			bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
			callback();
		},
	}) as Writable & {columns: number; rows: number; isTTY: boolean};
	stream.columns = columns;
	stream.rows = rows;
	stream.isTTY = true;
	return {stream, bytes: () => bytes};
}

function fakeStdin() {
	const stdin = new PassThrough() as PassThrough & {isTTY: boolean; setRawMode: (mode: boolean) => void; ref: () => void; unref: () => void};
	stdin.isTTY = true;
	stdin.setRawMode = () => undefined;
	stdin.ref = () => undefined;
	stdin.unref = () => undefined;
	return stdin;
}

const {url, child} = await startSimulatorProcess();
const {host} = new URL(url);
const client = createClient({
	baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 30_000,
});
let refreshes = 0;
let errors = 0;
const terminal = virtualTerminal();
const instance = render(React.createElement(App, {
	clients: new Map([[host, client]]),
	createPoller(listener: Listener) {
		return createPoller({
			hosts: [{host, client}],
			requestedIntervalMs: 2000,
			listener: {
				...listener,
				sessions(snapshot) {
					refreshes++;
					listener.sessions(snapshot);
				},
				status(status) {
					if (status.error !== undefined) {
						errors++;
					}

					listener.status(status);
				},
			},
		});
	},
	options: {intervalSeconds: 2, sort: 'memory', readOnly: false},
	size: {columns, rows},
}), {
	stdout: terminal.stream as unknown as NodeJS.WriteStream,
	stdin: fakeStdin() as unknown as NodeJS.ReadStream,
	interactive: true,
	incrementalRendering: true,
	exitOnCtrlC: false,
	patchConsole: false,
});

type Sample = {atMs: number; rss: number; heapUsed: number};
const samples: Sample[] = [];
const started = performance.now();
const endAt = started + (minutes * 60_000);
let nextPrint = started + 60_000;
console.log(`soak: ${sessions} sessions with churn, real poller every 2 s, ${minutes} min`);
while (performance.now() < endAt) {
	await new Promise(resolve => {
		setTimeout(resolve, Math.min(sampleEveryMs, Math.max(0, endAt - performance.now())));
	});
	const {rss, heapUsed} = process.memoryUsage();
	samples.push({atMs: performance.now() - started, rss, heapUsed});
	if (!(performance.now() >= nextPrint || performance.now() >= endAt)) {
		continue;
	}

	nextPrint += 60_000;
	console.log(`${(samples.at(-1)!.atMs / 60_000).toFixed(1)} min: rss ${mb(rss)} MB, heap used ${mb(heapUsed)} MB, refreshes ${refreshes}, errors ${errors}, terminal ${Math.round(terminal.bytes() / 1024)} KB`);
}

instance.unmount();
await client.close?.();
child.stdin?.end();
child.kill();

function medianOf(values: number[]): number {
	const sorted = values.toSorted((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

// The first sample is warm-up (JIT, first full heap); compare thirds of the rest.
const steady = samples.slice(1);
const third = Math.max(1, Math.floor(steady.length / 3));
const first = steady.slice(0, third);
const lastThird = steady.slice(-third);
const rssGrowth = medianOf(lastThird.map(sample => sample.rss)) / medianOf(first.map(sample => sample.rss)) - 1;
const heapGrowth = medianOf(lastThird.map(sample => sample.heapUsed)) / medianOf(first.map(sample => sample.heapUsed)) - 1;
const isGrowing = steady.length >= 3 && rssGrowth > 0.1 && heapGrowth > 0.1;
console.log(JSON.stringify({
	minutes,
	refreshes,
	errors,
	rssFirstThirdMb: mb(medianOf(first.map(sample => sample.rss))),
	rssLastThirdMb: mb(medianOf(lastThird.map(sample => sample.rss))),
	heapFirstThirdMb: mb(medianOf(first.map(sample => sample.heapUsed))),
	heapLastThirdMb: mb(medianOf(lastThird.map(sample => sample.heapUsed))),
	verdict: steady.length < 3 ? 'too short to judge (run at least 1 minute)' : (isGrowing ? `growing: rss +${Math.round(rssGrowth * 100)}%, heap +${Math.round(heapGrowth * 100)}%` : 'flat'),
}));
process.exit(isGrowing ? 1 : 0);
