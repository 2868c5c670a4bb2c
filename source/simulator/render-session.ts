import {asctime, httpDate, queryTime} from './dates.js';
import {real} from './json-output.js';
import {rwSplitService} from './session-factory.js';
import {
	isLegacy,
	slash,
	type SimulatedSession,
	type SimulatorVersion,
} from './types.js';
import type {Json} from './http-types.js';

export type RenderContext = {
	version: SimulatorVersion;
	/** `http://127.0.0.1:PORT` plus `/v1` unless the request left the prefix out (2.4+ allows it). */
	root: string;
	nowMs: number;
	rdns: boolean;
};

const round1 = (value: number): number => Math.round(value * 10) / 10;

// Rdns=true: the captures resolved 127.0.0.1 to `localhost`; other addresses have no PTR here.
const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const resolve = (remote: string): string => (loopback.has(remote) ? 'localhost' : remote);

function idleSeconds(session: SimulatedSession, nowMs: number): number {
	return session.busy === true || session.user === undefined ? 0 : round1(Math.max(0, nowMs - session.lastActivityMs) / 1000);
}

function client(session: SimulatedSession, version: SimulatorVersion): Json {
	// Only readwritesplit keeps a session command history (absent on readconnroute in both captures).
	const history = session.service === rwSplitService && {sescmd_history_len: 0, sescmd_history_stored_metadata: 0, sescmd_history_stored_responses: 0};
	return version === '6' ? {cipher: ''} : {cipher: '', connection_attributes: session.user === undefined ? null : (session.connectionAttributes ?? {}), ...history};
}

function memory(session: SimulatedSession, version: SimulatorVersion): Json {
	const lastQueries = session.queries.length * 350;
	const sescmd = session.service === rwSplitService && session.user !== undefined ? 16 : 0;
	const total = Math.max(session.memoryBytes, 762 + lastQueries + sescmd + (662 * session.servers.length));
	const buffers = total - lastQueries - sescmd;
	const clientTotal = buffers - (662 * session.servers.length);
	const connectionBuffers = version === '22.08'
		? buffers
		: {
			backends: Object.fromEntries([...session.servers].sort().map(server => [server, {
				misc: 662, readq: 0, total: 662, writeq: 0,
			}])),
			client: {
				misc: 654, readq: clientTotal - 654, total: clientTotal, writeq: 0,
			},
			total: buffers,
		};
	return {
		connection_buffers: connectionBuffers, exec_metadata: 0, last_queries: lastQueries, sescmd_history: sescmd, total, variables: 0,
	};
}

function queries(session: SimulatedSession): Json[] {
	return session.queries.map(query => {
		const done = query.completedMs;
		return {
			command: 'COM_QUERY',
			...(done !== undefined && {completed: queryTime(done)}),
			received: queryTime(query.receivedMs),
			responses: done === undefined ? [] : session.servers.slice(0, 1).map(server => ({duration: done - query.receivedMs, server})),
			statement: query.statement,
		};
	});
}

/** A fake but stable C pointer, as 2.4 prints for DCB ids (`0x7ff75c031bb0`). */
const pointer = (session: SimulatedSession, slot: number): string => `0x${(0x7F_F7_5C_00_00_00 + (Number(session.id) * 0x10_00) + 0xA0 + (slot * 0x1_40)).toString(16)}`;

function attributes(session: SimulatedSession, context: RenderContext): Json {
	const {version, nowMs} = context;
	const remote = context.rdns ? resolve(session.remote) : session.remote;
	const idle = real(idleSeconds(session, nowMs));
	const user = session.user !== undefined && {user: session.user};
	if (version === '2.2') {
		return {
			connected: asctime(session.connectedMs), idle, remote, state: session.user === undefined ? 'Session Allocated' : 'Session ready for routing', ...user,
		};
	}

	if (version === '2.4') {
		// 2.4.19's session, in its key order: no port, parameters, memory or connection attributes.
		return {
			state: session.state,
			...user,
			remote,
			connected: asctime(session.connectedMs),
			idle,
			connections: session.servers.map((server, index) => ({id: pointer(session, index + 1), server, protocol_diagnostics: {connection_id: session.connectionIds?.[index] ?? 0}})),
			client: {id: pointer(session, 0)},
			// The captures show only empty lists (retain_last_statements=0 by default); 2.4 keeps them off.
			queries: [],
			log: [],
		};
	}

	const isModern = version === '24.02';
	const levels = session.logLevels;
	return {
		client: client(session, version),
		connected: isModern ? httpDate(session.connectedMs) : asctime(session.connectedMs),
		connections: session.servers.map((server, index) => ({cipher: '', connection_id: session.connectionIds?.[index] ?? 0, server})),
		idle,
		...(isModern && {io_activity: session.ioActivity}),
		log: session.log,
		...(version !== '6' && {memory: memory(session, version)}),
		parameters: {
			log_error: levels['log_error'] ?? false, log_info: levels['log_info'] ?? false, log_notice: levels['log_notice'] ?? false, log_warning: levels['log_warning'] ?? false,
		},
		port: session.port,
		queries: queries(session),
		remote,
		...(isModern && {seconds_alive: real(Math.max(0, nowMs - session.connectedMs) / 1000)}),
		state: session.state,
		...(isModern && {thread: session.thread}),
		...user,
	};
}

/** A relationship of the resource at `root/from`: the `type` objects named by `ids`. */
export const relationship = (root: string, from: string, type: string, ids: readonly string[], end = '/'): Json => ({
	data: ids.map(id => ({id, type})),
	links: {related: `${root}/${type}/`, self: `${root}/${from}/relationships/${type}${end}`},
});

function relationships(session: SimulatedSession, context: RenderContext): Json {
	const {root, version} = context;
	const from = `sessions/${session.id}`;
	return {
		...(session.filters.length > 0 && {filters: relationship(root, from, 'filters', session.filters, slash(version))}),
		// 2.2 documents only a `self` link pointing at the service collection; 2.4.19 sends the same.
		// (Its captures have no session filters: those follow the newer shape, as for 2.2.)
		services: isLegacy(version) ? {data: [{id: session.service, type: 'services'}], links: {self: `${root}/services/`}} : relationship(root, from, 'services', [session.service], slash(version)),
	};
}

/** One session resource object (an element of `data`), keys sorted like MaxScale's output. */
export function renderSession(session: SimulatedSession, context: RenderContext): Json {
	return {
		attributes: attributes(session, context),
		id: session.id,
		links: {self: `${context.root}/sessions/${session.id}${slash(context.version)}`},
		relationships: relationships(session, context),
		type: 'sessions',
	};
}

/** Sessions in MaxScale's order: worker by worker, newest first within a worker (not sorted by id). */
export function orderedSessions(sessions: Iterable<SimulatedSession>, threads: number): SimulatedSession[] {
	const buckets: SimulatedSession[][] = Array.from({length: threads}, () => []);
	for (const session of sessions) {
		buckets[((session.thread % threads) + threads) % threads]!.push(session);
	}

	return buckets.flatMap(bucket => bucket.toReversed());
}
