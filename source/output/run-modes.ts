import {readFile} from 'node:fs/promises';
import type {MaxScaleClient} from '../api/types.js';
import {describeFsError} from '../config/maxctrl-cnf.js';
import type {Preferences} from '../config/preferences.js';
import type {Config} from '../config/types.js';
import {colorLevel} from '../model/color.js';
import {sanitize} from '../model/sanitize.js';
import {startEarly} from '../poller/early-start.js';
import type {PollerListener} from '../poller/types.js';
import type {Simulator, SimulatorOptions, SimulatorUser} from '../simulator/types.js';
import {printReplay, runOnce} from './once.js';
import {
	createRecorder,
	inspectRecording,
	RecordingRefused,
	skippedNote,
	type RecordedFrame,
	type Recorder,
	type Recording,
} from './recording.js';
import {createReplayClient, createReplayPoller} from './replay.js';
import {sparseListFields} from './sparse-fields.js';

/**
Bad input found only while starting (an unreadable recording, a TLS file): exit 2 like any usage error.
*/
export class UsageFailure extends Error {
	override name = 'UsageFailure';
}

export function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const first = text.split('\n').find(line => line.trim() !== '') ?? 'unknown error';
	return first.charAt(0).toLowerCase() + first.slice(1);
}

export async function runOnceMode(config: Config): Promise<number> {
	// A table on a terminal is cut to its width, as `ps` does; to a pipe or a file it stays whole.
	const width = config.format === 'table' && process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
	if (config.replay !== undefined) {
		printReplay(await loadRecording(config.replay), config, process.stdout, {width});
		return 0;
	}

	const simulator = config.demo ? await startDemo(config) : undefined;
	const recorder = config.record === undefined ? undefined : openRecorder(config.record);
	try {
		const {createClient} = await import('../api/client.js');
		return await runOnce(config, {
			createClient,
			stdout: process.stdout,
			stderr: process.stderr,
			width,
			...(recorder && {recorder}),
			...(config.sparseFields && {fields: sparseListFields}),
		});
	} finally {
		closeRecorder(recorder);
		await simulator?.close();
	}
}

export async function runInteractiveMode(config: Config): Promise<number> {
	const frames = config.replay === undefined ? undefined : await loadRecording(config.replay);
	const simulator = config.demo ? await startDemo(config) : undefined;
	const recorder = config.record === undefined ? undefined : openRecorder(config.record);
	try {
		let clients: Map<string, MaxScaleClient>;
		let createPoller: (listener: PollerListener) => ReturnType<typeof createReplayPoller>;
		if (frames) {
			const hosts = [...new Set(frames.map(frame => frame.host))];
			clients = new Map(hosts.map(host => [host, createReplayClient(host, frames)]));
			createPoller = listener => createReplayPoller(frames, listener);
		} else {
			const {createClient} = await import('../api/client.js');
			const poller = await import('../poller/index.js');
			clients = new Map(config.hosts.map(entry => [entry.host, createClient(entry.connection)]));
			createPoller = startEarly(listener => poller.createPoller({
				hosts: [...clients].map(([host, client]) => ({host, client})),
				requestedIntervalMs: config.intervalSeconds * 1000,
				maxServerShare: config.maxServerShare,
				listener: recorder ? recordingListener(listener, recorder) : listener,
				...(config.sparseFields && {fields: sparseListFields}),
			}));
			// The first requests leave before Ink is loaded and the first frame drawn (a connection
			// takes a turn of the event loop to open).
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}

		const {runInteractive} = await import('../interactive.js');
		let quitPreferences: Preferences | undefined;
		const quitNotes: string[] = [];
		const code = await runInteractive({
			clients,
			createPoller,
			options: {
				intervalSeconds: config.intervalSeconds,
				sort: config.sort,
				...(config.sortDescending !== undefined && {sortDescending: config.sortDescending}),
				readOnly: config.readOnly || frames !== undefined,
				ascii: config.ascii,
				utc: config.utc,
				theme: config.theme,
				colorLevel: colorLevel({flag: config.color, env: process.env, isTTY: process.stdout.isTTY}),
				...(config.columns && {columns: config.columns}),
				...(config.filter !== undefined && {filter: config.filter}),
				...(config.groupBy !== undefined && {groupBy: config.groupBy}),
				bulkRate: config.bulkRate,
				replay: frames !== undefined,
				insecureHosts: insecureHosts(config),
			},
			onQuitNotes(lines) {
				quitNotes.push(...lines);
			},
			onQuit(preferences) {
				quitPreferences = preferences;
			},
		});
		for (const line of quitNotes) {
			process.stderr.write(`${line}\n`);
		}

		if (quitPreferences && config.save) {
			await rememberPreferences(quitPreferences);
		}

		return code;
	} finally {
		closeRecorder(recorder);
		await simulator?.close();
	}
}

export async function runSimulateMode(config: Config): Promise<number> {
	const demo = config.demo!;
	const simulator = await startSimulator(config, demo.port);
	const users = simulatorUsers(config).map(user => `${user.name} (${user.account})`).join(', ');
	process.stdout.write([
		`MaxScale ${demo.version} simulator listening on ${simulator.url} with ${demo.sessions} sessions`,
		`accounts: ${users}; the admin password is mariadb`,
		`try: curl -u admin:mariadb ${simulator.url}/v1/sessions`,
		`     maxtop -h ${simulator.url}`,
		'Ctrl-C stops it.',
		'',
	].join('\n'));
	await new Promise<void>(resolve => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await simulator.close();
	return 0;
}

/**
Saving is a courtesy: a read-only home or a full disk costs a warning, never the exit code.
*/
async function rememberPreferences(preferences: Preferences): Promise<void> {
	const {updatePreferences} = await import('../config/preferences.js');
	try {
		await updatePreferences(preferences);
	} catch (error) {
		process.stderr.write(`maxtop: warning: preferences not saved: ${describeFsError(error)}\n`);
	}
}

/**
HTTPS hosts whose certificate is not checked: the header warns about them.
*/
export function insecureHosts(config: Pick<Config, 'hosts'>): string[] {
	return config.hosts
		.filter(entry => entry.connection.baseUrl.startsWith('https:') && entry.connection.tls?.verifyServerCert === false)
		.map(entry => entry.host);
}

function recordingListener(listener: PollerListener, recorder: Recorder): PollerListener {
	return {
		...listener,
		sessions(snapshot) {
			recorder.record(snapshot);
			listener.sessions(snapshot);
		},
	};
}

async function startDemo(config: Config): Promise<Simulator> {
	const simulator = await startSimulator(config, 0);
	// `--demo` hosts hold one template entry; the simulator picked the port.
	for (const entry of config.hosts) {
		entry.host = `127.0.0.1:${simulator.port}`;
		entry.connection.baseUrl = simulator.url.endsWith('/') ? simulator.url.slice(0, -1) : simulator.url;
	}

	return simulator;
}

export function simulatorUsers(config: Config): SimulatorUser[] {
	const connection = config.hosts[0]?.connection;
	// The demo accepts whatever -u/-p say, so the flags work the same as against a real MaxScale.
	const users: SimulatorUser[] = [connection && config.mode !== 'simulate'
		? {name: connection.user, password: connection.password, account: 'admin'}
		: {name: 'admin', password: 'mariadb', account: 'admin'}];

	const basic = config.demo?.basicUser;
	// MaxScale has one account per name: `--basic-user admin:…` makes admin itself a basic account.
	return basic
		? [...users.filter(user => user.name !== basic.name), {name: basic.name, password: basic.password, account: 'basic'}]
		: users;
}

async function startSimulator(config: Config, port: number): Promise<Simulator> {
	const demo = config.demo!;
	const options: SimulatorOptions = {
		host: '127.0.0.1',
		port,
		version: demo.version,
		sessions: demo.sessions,
		churnPerSecond: demo.churnPerSecond,
		costModel: demo.costModel,
		faults: demo.faults,
		users: simulatorUsers(config),
		...(demo.seed !== undefined && {seed: demo.seed}),
		...(demo.adminSecureGui !== undefined && {adminSecureGui: demo.adminSecureGui}),
		...(demo.tls && {tls: {key: await readPem(demo.tls.key, '--tls-key'), cert: await readPem(demo.tls.cert, '--tls-cert')}}),
	};

	const {startSimulator: start} = await import('../simulator/index.js');
	try {
		return await start(options);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			throw new Error(`port ${port} on 127.0.0.1 is already in use; pick another with --port`, {cause: error});
		}

		throw error;
	}
}

async function readPem(file: string, flag: string): Promise<string> {
	try {
		return await readFile(file, 'utf8');
	} catch (error) {
		throw new UsageFailure(`${flag}: cannot read ${file}: ${describeFsError(error)}`);
	}
}

/**
The readable frames of a recording; skipped lines are said on stderr before anything is shown
(a note written before the TUI takes the alternate screen is still there after it leaves).
*/
async function loadRecording(file: string): Promise<RecordedFrame[]> {
	let recording: Recording;
	try {
		recording = await inspectRecording(file);
	} catch (error) {
		const {code} = (error as NodeJS.ErrnoException);
		throw new UsageFailure(code ? `--replay: cannot read ${file}: ${describeFsError(error)}` : `--replay: ${oneLine(error)}`);
	}

	const note = skippedNote(file, recording);
	if (note !== undefined) {
		process.stderr.write(`maxtop: --replay: ${sanitize(note)}\n`);
	}

	return recording.frames;
}

function openRecorder(file: string): Recorder {
	try {
		return createRecorder(file);
	} catch (error) {
		throw new UsageFailure(error instanceof RecordingRefused ? `--record: ${error.message}` : `--record: cannot open ${file}: ${describeFsError(error)}`);
	}
}

function closeRecorder(recorder: Recorder | undefined): void {
	recorder?.close();
	const failure = recorder?.failure();
	if (failure !== undefined) {
		process.stderr.write(`maxtop: --record: ${sanitize(failure)}\n`);
	}
}
