import {setTimeout as delay} from 'node:timers/promises';
import type {ConnectionConfig, MaxScaleClient} from '../api/types.js';
import type {Config} from '../config/types.js';
import type {Session} from '../model/session.js';
import {createPollPrinter} from './printer.js';
import {groupPolls, type RecordedFrame, type Recorder} from './recording.js';

type Writable = {write(text: string): unknown};

export type OnceDeps = {
	createClient(connection: ConnectionConfig): MaxScaleClient;
	stdout: Writable;
	stderr: Writable;
	recorder?: Recorder;
	/** Sleeps between repetitions of `--count`; injected so tests need no real waiting. */
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	/** `--fields`: the sparse fieldset to ask for. */
	fields?: readonly string[];
	/** Cells of the terminal stdout is; undefined for a pipe or a file. */
	width?: number;
};

export type PollResult = {host: string; sessions?: Session[]; error?: string};

/** `--once`: list every host, merge, filter, sort, print; repeat `--count` times. Exit 1 if a host could not be read. */
export async function runOnce(config: Config, deps: OnceDeps): Promise<number> {
	const clients = config.hosts.map(entry => ({host: entry.host, client: deps.createClient(entry.connection)}));
	const now = deps.now ?? Date.now;
	const sleep = deps.sleep ?? delay;
	const count = config.count ?? 1;
	const printer = createPollPrinter(config, deps.stdout, {polls: count, isMultiHost: clients.length > 1, width: deps.width});
	let exitCode = 0;
	for (let round = 0; round < count; round++) {
		if (round > 0) {
			await sleep(config.intervalSeconds * 1000);
		}

		const results = await Promise.all(clients.map(async ({host, client}) => pollHost(host, client, deps.fields)));
		const atMs = now();
		for (const result of results) {
			if (result.error === undefined) {
				deps.recorder?.record({host: result.host, atMs, sessions: result.sessions ?? []});
			} else {
				exitCode = 1;
				deps.stderr.write(`maxtop: ${result.error}\n`);
			}
		}

		// Nothing was read at all: an empty table would look like a MaxScale without sessions.
		if (results.some(result => result.error === undefined)) {
			printer.print(results.flatMap(result => result.sessions ?? []), atMs);
		}
	}

	printer.end();
	return exitCode;
}

/** `--once --replay FILE`: print each recorded poll of the fleet (the first `--count`), as `--count` prints polls. */
export function printReplay(frames: readonly RecordedFrame[], config: Config, stdout: Writable, options: {width?: number} = {}): void {
	const polls = groupPolls(frames).slice(0, config.count ?? Infinity);
	const printer = createPollPrinter(config, stdout, {polls: polls.length, isMultiHost: new Set(frames.map(frame => frame.host)).size > 1, width: options.width});
	for (const poll of polls) {
		const sessions = poll.flatMap(frame => frame.sessions.map(session => session.host === frame.host ? session : {...session, host: frame.host}));
		printer.print(sessions, Date.parse(poll[0]!.ts));
	}

	printer.end();
}

async function pollHost(host: string, client: MaxScaleClient, fields: readonly string[] | undefined): Promise<PollResult> {
	try {
		const list = await client.listSessions(fields ? {fields} : {});
		// The fleet key is ours; the client only knows its base URL.
		const sessions = list.sessions.map(session => session.host === host ? session : {...session, host});
		return {host, sessions};
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
		return {host, error: message.includes(host) ? message : `${host}: ${message}`};
	}
}
