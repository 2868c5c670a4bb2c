import type {MaxScaleClient} from '../api/types.js';
import {describeFsError} from '../config/maxctrl-cnf.js';
import type {Preferences} from '../config/preferences.js';
import type {Config} from '../config/types.js';
import {colorLevel} from '../model/color.js';
import {startEarly} from '../poller/early-start.js';
import type {PollerListener} from '../poller/types.js';
import {createReplayClient, createReplayPoller} from '../output/replay.js';
import {sparseListFields} from '../output/sparse-fields.js';
import {startDemo} from './demo.js';
import {
	closeRecorder,
	loadRecording,
	openRecorder,
	recordingListener,
} from './recording-files.js';

/** The interactive app, fed by the pollers or by a recording; the preferences changed inside it are saved on quit. */
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

/** Saving is a courtesy: a read-only home or a full disk costs a warning, never the exit code. */
async function rememberPreferences(preferences: Preferences): Promise<void> {
	const {updatePreferences} = await import('../config/preferences.js');
	try {
		await updatePreferences(preferences);
	} catch (error) {
		process.stderr.write(`maxtop: warning: preferences not saved: ${describeFsError(error)}\n`);
	}
}

/** HTTPS hosts whose certificate is not checked: the header warns about them. */
export function insecureHosts(config: Pick<Config, 'hosts'>): string[] {
	return config.hosts
		.filter(entry => entry.connection.baseUrl.startsWith('https:') && entry.connection.tls?.verifyServerCert === false)
		.map(entry => entry.host);
}
