import {execFileSync} from 'node:child_process';
import {
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {createClient} from '../../source/api/client.js';
import type {ConnectionConfig, MaxScaleClient} from '../../source/api/types.js';
import {App, type AppOptions} from '../../source/app.js';
import {createPoller} from '../../source/poller/index.js';
import type {Poller} from '../../source/poller/types.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator, SimulatorOptions} from '../../source/simulator/types.js';

export function connection(url: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
	return {
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 2000, ...overrides,
	};
}

export function hostKey(sim: Simulator): string {
	return new URL(sim.url).host;
}

export async function startSimulators(count: number, options: SimulatorOptions = {}): Promise<Simulator[]> {
	return Promise.all(Array.from({length: count}, async (_, index) => startSimulator({
		sessions: 3, seed: index + 1, manualClock: true, ...options,
	})));
}

/**
The longest wait for something a live app shows after a poll or a request: normally well under
2 s. Only an upper bound for a broken app, so two busy cores that slow every poll do not fail it.
*/
export const liveBoundMs = 30_000;

export type LiveApp = ReturnType<typeof render> & {
	clients: Map<string, MaxScaleClient>;
	/** Poll every host now instead of waiting out a paced interval. */
	refreshNow(): void;
	exits: number[];
	notes: string[];
	close(): Promise<void>;
};

/**
The whole app against real MaxScale simulators: real clients, the real poller, the real clock.
*/
export function renderLive(hosts: ReadonlyArray<{host: string; connection: ConnectionConfig}>, options: Partial<AppOptions> & {size?: {columns: number; rows: number}; maxServerShare?: number} = {}): LiveApp {
	const clients = new Map<string, MaxScaleClient>(hosts.map(entry => [entry.host, createClient(entry.connection, {host: entry.host})]));
	const exits: number[] = [];
	const notes: string[] = [];
	// The pace stays at 1 s unless a test asks for the share rule: at 10% one poll slowed to 675 ms
	// by busy cores stretched it to 6.8 s. Pacing is tested with the fake clock in test/poller.
	const {size, maxServerShare = 1, ...appOptions} = options;
	let poller: Poller | undefined;
	const instance = render(createElement(App, {
		clients,
		createPoller(listener) {
			poller = createPoller({
				hosts: [...clients].map(([host, client]) => ({host, client})),
				requestedIntervalMs: 1000,
				maxServerShare,
				listener,
			});
			return poller;
		},
		options: {
			intervalSeconds: 1, sort: 'id', readOnly: false, ...appOptions,
		},
		size: size ?? {columns: 140, rows: 30},
		onExit(code) {
			exits.push(code);
		},
		onQuitNotes(lines) {
			notes.push(...lines);
		},
	}));
	return {
		...instance,
		clients,
		exits,
		notes,
		refreshNow() {
			poller?.refreshNow();
		},
		async close() {
			instance.unmount();
			instance.cleanup();
			await Promise.all([...clients.values()].map(async client => client.close?.()));
		},
	};
}

/**
A CA, a server certificate for 127.0.0.1 signed by it, and a second CA that signed nothing:
made for this run only, no private key is committed.
*/
export function makeTestPki(): {ca: string; otherCa: string; key: string; cert: string; files: {ca: string; otherCa: string}; remove(): void} {
	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-fleet-tls-'));
	const file = (name: string) => path.join(directory, name);
	const openssl = (...arguments_: string[]) => {
		execFileSync('openssl', arguments_, {cwd: directory, stdio: 'ignore'});
	};

	for (const name of ['ca', 'other-ca']) {
		openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=maxtop test ${name}`);
	}

	openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
	writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
	openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
	return {
		ca: readFileSync(file('ca.pem'), 'utf8'),
		otherCa: readFileSync(file('other-ca.pem'), 'utf8'),
		key: readFileSync(file('server.key'), 'utf8'),
		cert: readFileSync(file('server.pem'), 'utf8'),
		files: {ca: file('ca.pem'), otherCa: file('other-ca.pem')},
		remove() {
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
