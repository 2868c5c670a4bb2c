import assert from 'node:assert/strict';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {createClient} from '../../source/api/client.js';
import {createPoller} from '../../source/poller/index.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {FaultSpec, Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {keys, waitFor} from '../helpers/ink.js';

export const intervalMs = 1000;
/**
The client timeout. A hang is cut after it, so it is short, but not so short that an answer
delayed by busy cores counts as a hang: at 500 ms a kill beside lint and other tests timed out.
*/
export const timeoutMs = 2000;
/**
The longest wait for a fault to show, or to clear: normally the next poll (one interval) plus one
client timeout, about 3 s. Only an upper bound for a broken app; how soon it happens is counted
in polls (see `recover`), so two busy cores that slow every poll do not fail a test.
*/
export const detectMs = 15_000;

export type FaultApp = ReturnType<typeof render> & {
	simulator: Simulator;
	host: string;
	/** Unhandled rejections seen while the app ran. */
	rejections: unknown[];
	frame(): string;
	/** The selected row's session id (the row actions apply to). */
	selectedId(): string;
	waitFor(predicate: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	press(...sequence: string[]): Promise<void>;
	setFaults(faults: FaultSpec[]): void;
	writes(): Array<{method: string; path: string}>;
	close(): Promise<void>;
};

/**
The interactive app with the REAL client and poller against a simulator on 127.0.0.1: a 1 s
refresh and a 2 s client timeout, so a hang is detected within about 3 s.
*/
export async function startFaultApp(options: SimulatorOptions = {}): Promise<FaultApp> {
	const rejections: unknown[] = [];
	const onRejection = (reason: unknown) => {
		rejections.push(reason);
	};

	process.on('unhandledRejection', onRejection);
	const simulator = await startSimulator({
		sessions: 4, seed: 11, manualClock: true, ...options,
	});
	const baseUrl = simulator.url.replace(/\/$/v, '');
	const host = `127.0.0.1:${simulator.port}`;
	const client = createClient({
		baseUrl, user: 'admin', password: 'mariadb', timeoutMs,
	}, {host, retryDelayMs: () => 50});
	const clients = new Map([[host, client]]);
	const instance = render(<App
		clients={clients}
		// The pace stays at 1 s: at the default 10% share one poll slowed to 400 ms by busy cores
		// stretched it to 4 s. Pacing is tested with the fake clock in test/poller.
		createPoller={listener => createPoller({
			hosts: [{host, client}], requestedIntervalMs: intervalMs, maxServerShare: 1, listener,
		})}
		options={{intervalSeconds: intervalMs / 1000, sort: 'memory', readOnly: false}}
		size={{columns: 140, rows: 24}}
	/>);
	const frame = () => instance.lastFrame() ?? '';
	const app: FaultApp = {
		...instance,
		simulator,
		host,
		rejections,
		frame,
		selectedId() {
			const id = /^ *[>›] +(?<id>\d+) /mv.exec(frame())?.groups?.['id'];
			assert.ok(id, `no selected session on screen:\n${frame()}`);
			return id;
		},
		async waitFor(predicate, what, limitMs = detectMs) {
			try {
				await waitFor(() => predicate(frame()), frame, limitMs);
			} catch (error) {
				throw new Error(`${what}: ${(error as Error).message}`, {cause: error});
			}

			return frame();
		},
		async press(...sequence) {
			for (const data of sequence) {
				const before = frame();
				instance.stdin.write(data);
				// Esc is held 20 ms by Ink; everything else is handled within a few turns.

				await waitFor(() => data !== keys.escape || frame() !== before, frame, 5000);

				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}
		},
		setFaults(faults) {
			simulator.setFaults(faults);
		},
		writes() {
			return simulator.requests.filter(request => request.method !== 'GET').map(({method, path}) => ({method, path}));
		},
		async close() {
			instance.unmount();
			instance.cleanup();
			await simulator.close();
			process.off('unhandledRejection', onRejection);
		},
	};
	await app.waitFor(text => /\b\d+ sessions/v.test(text) && !text.includes('connecting'), 'the first session list');
	return app;
}

export const stalePattern = /stale data, \d+s old {2}maxtop: /v;

/**
The header line that carries the error, asserting it is one line with the verdict and the detail.
*/
export function errorLine(frame: string, detail: string | RegExp): string {
	const line = frame.split('\n').find(text => stalePattern.test(text));
	assert.ok(line, `no stale line in:\n${frame}`);
	if (typeof detail === 'string') {
		assert.ok(line.includes(detail), `"${detail}" not in the stale line: ${line}`);
	} else {
		assert.match(line, detail);
	}

	return line;
}

const listPolls = (app: FaultApp) => app.simulator.requests.filter(request => request.path === '/v1/sessions').length;

/**
Clears the faults and waits until the stale mark goes. Recovery comes with the first list poll
that reaches the simulator after the fault cleared (or the one after, if the first was already
on its way), not after a back-off: counted in polls, it holds however slow the machine is. The
time taken is returned for the diagnostics.
*/
export async function recover(app: FaultApp): Promise<number> {
	const listsBefore = listPolls(app);
	const started = Date.now();
	app.setFaults([]);
	await app.waitFor(text => !text.includes('stale') && !text.includes('maxtop:'), 'recovery after the fault cleared');
	const elapsed = Date.now() - started;
	const lists = listPolls(app) - listsBefore;
	assert.ok(lists >= 1, 'no fresh list poll after the fault cleared');
	assert.ok(lists <= 2, `recovered only after ${lists} list polls (${elapsed} ms)`);
	return elapsed;
}

/**
The common checks for a poll fault: stale shown with its age and the error, the last data kept,
then recovery with the next poll.
*/
export async function checkPollFault(app: FaultApp, fault: FaultSpec, detail: string | RegExp): Promise<{line: string; recoveryMs: number}> {
	const id = app.selectedId();
	app.setFaults([fault]);
	const frame = await app.waitFor(text => stalePattern.test(text), `stale mark after ${fault.kind}`);
	const line = errorLine(frame, detail);
	assert.ok(frame.includes(` ${id} `), `last good row ${id} no longer shown:\n${frame}`);
	assert.match(frame, /\b\d+ sessions/v);
	const elapsed = await recover(app);
	assert.ok(app.frame().includes(` ${id} `));
	assert.deepEqual(app.rejections, []);
	return {line, recoveryMs: elapsed};
}
