import type {ConnectionConfig, MaxScaleClient} from '../api/types.js';
import type {Config} from '../config/types.js';
import {applyFilter, parseFilter, type SessionFilter} from '../model/filter.js';
import type {Session} from '../model/session.js';
import {sortSessions} from '../model/sort.js';
import {selectColumns} from './columns.js';
import {formatJson, formatTable, formatTsv} from './formats.js';
import {groupPolls, type RecordedFrame, type Recorder} from './recording.js';

type Writable = {write(text: string): unknown};

export type OnceDeps = {
	createClient(connection: ConnectionConfig): MaxScaleClient;
	stdout: Writable;
	stderr: Writable;
	recorder?: Recorder;
	/**
	Sleeps between repetitions of `--count`; injected so tests need no real waiting.
	*/
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	/**
	`--fields`: the sparse fieldset to ask for.
	*/
	fields?: readonly string[];
};

export type PollResult = {host: string; sessions?: Session[]; error?: string};

/**
`--once`: list every host, merge, filter, sort, print; repeat `--count` times. Exit 1 if a host could not be read.
*/
export async function runOnce(config: Config, deps: OnceDeps): Promise<number> {
	const filter = compileFilter(config.filter);
	const clients = config.hosts.map(entry => ({host: entry.host, client: deps.createClient(entry.connection)}));
	const now = deps.now ?? Date.now;
	const sleep = deps.sleep ?? (async (ms: number) => new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	}));
	const count = config.count ?? 1;
	let exitCode = 0;
	for (let round = 0; round < count; round++) {
		if (round > 0) {
			await sleep(config.intervalSeconds * 1000);
			deps.stdout.write('\n');
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
			deps.stdout.write(renderSessions(results.flatMap(result => result.sessions ?? []), config, filter, clients.length > 1));
		}
	}

	return exitCode;
}

/**
`--once --replay FILE`: print each recorded poll of the fleet, blank lines between.
*/
export function printReplay(frames: readonly RecordedFrame[], config: Config, stdout: Writable): void {
	const filter = compileFilter(config.filter);
	const isMultiHost = new Set(frames.map(frame => frame.host)).size > 1;
	const polls = groupPolls(frames).slice(0, config.count ?? Infinity);
	for (const [index, poll] of polls.entries()) {
		if (index > 0) {
			stdout.write('\n');
		}

		const sessions = poll.flatMap(frame => frame.sessions.map(session => session.host === frame.host ? session : {...session, host: frame.host}));
		stdout.write(renderSessions(sessions, config, filter, isMultiHost));
	}
}

export function renderSessions(sessions: Session[], config: Config, filter: SessionFilter | undefined, isMultiHost: boolean): string {
	const filtered = filter ? applyFilter(sessions, filter) : sessions;
	// MaxScale before 22.08 sends no memory figure; idle is the next most telling order.
	const sort = config.sort === 'memory' && filtered.every(session => session.memoryBytes === undefined) ? 'idle' : config.sort;
	const shown = sortSessions(filtered, sort, sort === config.sort ? config.sortDescending : undefined);
	if (config.format === 'json') {
		return formatJson(shown);
	}

	const columns = selectColumns(shown, {columns: config.columns, multiHost: isMultiHost});
	return config.format === 'tsv' ? formatTsv(shown, columns) : formatTable(shown, columns, {ascii: config.ascii});
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

function compileFilter(text: string | undefined): SessionFilter | undefined {
	if (text === undefined) {
		return undefined;
	}

	const parsed = parseFilter(text);
	// The CLI validated the expression already; an invalid one here is a programming error.
	if (!parsed.ok) {
		throw new Error(`--filter: ${parsed.error}`);
	}

	return parsed.filter;
}
