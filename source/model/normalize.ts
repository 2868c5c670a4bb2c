/**
Turns a session object of any MaxScale generation (2.2 → 24.02+) into the one `Session` shape.
Every attribute is optional by version, a sparse fieldset may drop `attributes` or
`relationships` entirely, and a value of the wrong JSON type is dropped rather than trusted.
*/
import {parseConnected, parseIsoTimestamp, type TimeOptions} from './time.js';
import {cutText, isSensible} from './bounds.js';
import {
	type BackendConnection,
	type BoundedField,
	type LogLevel,
	logLevels,
	type LogLevels,
	type QueryInfo,
	type Session,
} from './session.js';

export type NormalizeOptions = TimeOptions & {
	/**
	Also build the detail fields (connections, memory breakdown, connection attributes, queries,
	log). Default: true for one session, false for a list, where they would only cost time.
	*/
	detail?: boolean;
};

type Json = Record<string, unknown>;
/**
A JSON object of which only the named keys are read; each may be missing or of any type.
*/
type Wire<Key extends string> = Partial<Record<Key, unknown>>;

function object<Key extends string>(value: unknown): Wire<Key> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function record(value: unknown): Json | undefined {
	return object<string>(value);
}

// The real lengths of the texts cut while one session is read (normalize is never re-entered).
let cutLengths: Record<string, number> | undefined;

/**
Notes that `label` had `length` characters; for a list of texts, the longest.
*/
export function noteCut(lengths: Record<string, number> | undefined, label: string, length: number): Record<string, number> {
	const into = lengths ?? {};
	into[label] = Math.max(into[label] ?? 0, length);
	return into;
}

/**
A string value cut to what bounds.ts keeps; its real length noted under `label`.
*/
function string(value: unknown, label: string): string | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	const cut = cutText(value);
	if (cut === undefined) {
		return value;
	}

	cutLengths = noteCut(cutLengths, label, value.length);
	return cut;
}

function number(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

type AttributeKey = 'state' | 'user' | 'remote' | 'port' | 'connected' | 'seconds_alive' | 'idle' | 'memory'
	| 'io_activity' | 'thread' | 'client' | 'parameters' | 'connections' | 'queries' | 'log';
type Attributes = Wire<AttributeKey>;
type ClientKey = 'cipher' | 'connection_attributes';
type Client = Wire<ClientKey>;

/**
A number the session may show: undefined when absent or not a number; when a number out of sense
(bounds.ts), also noted in `session.unknown`, in the order the fields are read here.
*/
function bounded(session: Session, field: BoundedField, value: unknown): number | undefined {
	if (typeof value !== 'number' || Number.isNaN(value)) {
		return undefined;
	}

	if (isSensible(field, value)) {
		return value;
	}

	session.unknown = [...(session.unknown ?? []), field];
	return undefined;
}

function relationshipIds(relationships: Json | undefined, name: string): string[] {
	const data = object<'data'>(relationships?.[name])?.data;
	const ids: string[] = [];
	if (Array.isArray(data)) {
		for (const item of data) {
			const id = string(object<'id'>(item)?.id, name);
			if (id !== undefined) {
				ids.push(id);
			}
		}
	}

	return ids;
}

function serverNames(connections: unknown): string[] {
	const servers: string[] = [];
	if (Array.isArray(connections)) {
		for (const item of connections) {
			const server = string(object<'server'>(item)?.server, 'servers');
			if (server !== undefined && !servers.includes(server)) {
				servers.push(server);
			}
		}
	}

	return servers;
}

function backendConnections(connections: unknown): BackendConnection[] {
	const result: BackendConnection[] = [];
	if (!Array.isArray(connections)) {
		return result;
	}

	for (const item of connections) {
		const connection = object<'server' | 'connection_id' | 'protocol_diagnostics' | 'cipher'>(item);
		const server = string(connection?.server, 'backend');
		if (!connection || server === undefined) {
			continue;
		}

		// 2.3–2.4 keep the backend thread id in protocol_diagnostics; 2.5+ at the top level.
		const connectionId = number(connection.connection_id) ?? number(object<'connection_id'>(connection.protocol_diagnostics)?.connection_id);
		const cipher = string(connection.cipher, 'backend');
		result.push({server, ...(connectionId !== undefined && {connectionId}), ...(cipher !== undefined && {cipher})});
	}

	return result;
}

// 22.08 sends `connection_buffers` as a number, 23.02+ as `{total, client{…}, backends{…}}`: an
// object contributes its own `total` under its key, its parts under dotted keys.
function flattenMemory(memory: Json, prefix: string, into: Record<string, number>): Record<string, number> {
	for (const [key, value] of Object.entries(memory)) {
		if (typeof value === 'number' && Number.isFinite(value)) {
			if (prefix === '' || key !== 'total') {
				into[prefix + key] = value;
			}
		} else {
			const nested = record(value);
			if (nested) {
				const total = number(nested['total']);
				if (total !== undefined) {
					into[prefix + key] = total;
				}

				flattenMemory(nested, `${prefix}${key}.`, into);
			}
		}
	}

	return into;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
	const source = record(value);
	if (!source) {
		return undefined;
	}

	const result: Record<string, string> = {};
	for (const [key, item] of Object.entries(source)) {
		const name = string(key, 'attribute name');
		const text = string(item, `attribute ${name}`);
		if (name !== undefined && text !== undefined) {
			result[name] = text;
		}
	}

	return result;
}

function parseLogLevels(parameters: unknown): LogLevels | undefined {
	const source = object<LogLevel>(parameters);
	if (!source) {
		return undefined;
	}

	const levels: LogLevels = {};
	for (const level of logLevels) {
		const value = source[level];
		if (typeof value === 'boolean') {
			levels[level] = value;
		}
	}

	return levels;
}

/** Copies only the values that are defined, so an absent attribute stays absent. */
function assignDefined<T extends Record<string, unknown>>(target: T, values: {[Key in keyof T]?: T[Key] | undefined}): void {
	for (const key of Object.keys(values) as Array<keyof T>) {
		const value = values[key];
		if (value !== undefined) {
			target[key] = value;
		}
	}
}

function parseResponses(value: unknown): QueryInfo['responses'] {
	const responses: QueryInfo['responses'] = [];
	if (!Array.isArray(value)) {
		return responses;
	}

	for (const entry of value) {
		const response = object<'server' | 'duration'>(entry);
		const server = string(response?.server, 'backend');
		if (server === undefined) {
			continue;
		}

		const durationMs = number(response?.duration);
		responses.push(durationMs === undefined ? {server} : {server, durationMs});
	}

	return responses;
}

function parseQueries(value: unknown, options: TimeOptions): QueryInfo[] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const queries: QueryInfo[] = [];
	for (const item of value) {
		const query = object<'responses' | 'statement' | 'command' | 'received' | 'completed'>(item);
		if (!query) {
			continue;
		}

		const info: QueryInfo = {responses: parseResponses(query.responses)};
		assignDefined(info, {
			statement: string(query.statement, `statement ${queries.length + 1}`),
			command: string(query.command, `statement ${queries.length + 1}`),
			receivedMs: parseIsoTimestamp(query.received, options),
			completedMs: parseIsoTimestamp(query.completed, options),
		});
		queries.push(info);
	}

	return queries;
}

function parseLog(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const lines: string[] = [];
	for (const item of value) {
		const line = string(item, `log line ${lines.length + 1}`);
		if (line !== undefined) {
			// 22.08 ends every session-trace line with "\n"; 24.02 does not.
			lines.push(line.endsWith('\n') ? line.slice(0, line.endsWith('\r\n') ? -2 : -1) : line);
		}
	}

	return lines;
}

function addDetail(session: Session, attributes: Attributes, client: Client | undefined, memory: Json | undefined, options: TimeOptions): void {
	put(session, 'connections', Array.isArray(attributes.connections) ? backendConnections(attributes.connections) : undefined);
	put(session, 'connectionAttributes', stringRecord(client?.connection_attributes));
	put(session, 'memory', memory ? flattenMemory(memory, '', {}) : undefined);
	put(session, 'queries', parseQueries(attributes.queries, options));
	put(session, 'log', parseLog(attributes.log));
}

/**
The application: `program_name` where the client sent one (the mariadb CLI sends `mysql`,
applications their own name), else `_client_name`, which only names the connector library.
*/
function clientProgram(attributes: Wire<'program_name' | '_client_name'> | undefined): string | undefined {
	const program = string(attributes?.program_name, 'app');
	return program === undefined || program === '' ? string(attributes?._client_name, 'app') : program;
}

function put<Key extends keyof Session>(session: Session, key: Key, value: Session[Key] | undefined): void {
	if (value !== undefined) {
		session[key] = value;
	}
}

function connectedMs(value: unknown, options: TimeOptions, cache: Map<string, number | undefined> | undefined): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	if (cache?.has(value)) {
		return cache.get(value);
	}

	const parsed = parseConnected(value, options);
	cache?.set(value, parsed);
	return parsed;
}

function normalize(wire: unknown, host: string, nowMs: number, options: NormalizeOptions, shouldAddDetail: boolean, connectedCache?: Map<string, number | undefined>): Session | undefined {
	cutLengths = undefined;
	const session = build(wire, host, nowMs, options, shouldAddDetail, connectedCache);
	if (session && cutLengths) {
		session.fullLengths = cutLengths;
	}

	cutLengths = undefined;
	return session;
}

function build(wire: unknown, host: string, nowMs: number, options: NormalizeOptions, shouldAddDetail: boolean, connectedCache?: Map<string, number | undefined>): Session | undefined {
	const resource = object<'id' | 'type' | 'attributes' | 'relationships'>(wire);
	if (!resource) {
		return undefined;
	}

	const rawId = resource.id;
	const id = typeof rawId === 'string' ? string(rawId, 'id') : (Number.isSafeInteger(rawId) ? String(rawId) : undefined);
	if (id === undefined || id === '' || (resource.type !== undefined && resource.type !== 'sessions')) {
		return undefined;
	}

	const attributes = object<AttributeKey>(resource.attributes);
	const relationships = record(resource.relationships);
	const session: Session = {
		id,
		host,
		services: relationshipIds(relationships, 'services'),
		servers: attributes ? serverNames(attributes.connections) : [],
		filters: relationshipIds(relationships, 'filters'),
	};
	if (!attributes) {
		return session;
	}

	// Direct stores keep this fast at 50,000 sessions; a keyed `put(session, key, value)` was twice as slow.
	const state = string(attributes.state, 'state');
	if (state !== undefined) {
		session.state = state;
	}

	const user = string(attributes.user, 'user');
	if (user !== undefined) {
		session.user = user;
	}

	const remote = string(attributes.remote, 'client');
	if (remote !== undefined) {
		session.remote = remote;
	}

	const port = bounded(session, 'port', attributes.port);
	if (port !== undefined) {
		session.port = port;
	}

	const connected = connectedMs(attributes.connected, options, connectedCache);
	if (connected !== undefined) {
		session.connectedMs = connected;
	}

	// Clock skew between MaxScale's host and ours must not make a session younger than new.
	const age = bounded(session, 'ageSeconds', typeof attributes.seconds_alive === 'number' ? attributes.seconds_alive : (connected === undefined ? undefined : Math.max(0, (nowMs - connected) / 1000)));
	if (age !== undefined) {
		session.ageSeconds = age;
	}

	const idle = bounded(session, 'idleSeconds', attributes.idle);
	if (idle !== undefined) {
		// No session is idle for longer than it exists: `idle` (ms) and `seconds_alive` (rounded),
		// or an age from a `connected` in whole seconds, put it a little past the age when the
		// client did nothing since connecting.
		session.idleSeconds = age === undefined ? idle : Math.min(idle, age);
	}

	const memory = record(attributes.memory);
	const memoryBytes = bounded(session, 'memoryBytes', memory?.['total']);
	if (memoryBytes !== undefined) {
		session.memoryBytes = memoryBytes;
	}

	const ioActivity = bounded(session, 'ioActivity', attributes.io_activity);
	if (ioActivity !== undefined) {
		session.ioActivity = ioActivity;
	}

	const thread = bounded(session, 'thread', attributes.thread);
	if (thread !== undefined) {
		session.thread = thread;
	}

	const client = object<ClientKey>(attributes.client);
	// connection_attributes is null while the client is still in its handshake.
	const appName = clientProgram(object<'program_name' | '_client_name'>(client?.connection_attributes));
	if (appName !== undefined) {
		session.appName = appName;
	}

	const cipher = string(client?.cipher, 'client TLS');
	if (cipher !== undefined) {
		session.clientCipher = cipher;
	}

	const levels = parseLogLevels(attributes.parameters);
	if (levels !== undefined) {
		session.logLevels = levels;
	}

	if (shouldAddDetail) {
		addDetail(session, attributes, client, memory, options);
	}

	return session;
}

/**
One session resource (`data` of `GET /v1/sessions/:id`, or one element of a list).
*/
export function normalizeSession(wire: unknown, host: string, nowMs: number, options: NormalizeOptions = {}): Session | undefined {
	return normalize(wire, host, nowMs, options, options.detail ?? true);
}

/**
A `GET /v1/sessions` body; elements that are not sessions are skipped.
*/
export function normalizeSessionList(body: unknown, host: string, nowMs: number, options: NormalizeOptions = {}): Session[] {
	const data = object<'data'>(body)?.data;
	if (!Array.isArray(data)) {
		return [];
	}

	const isDetail = options.detail ?? false;
	// Sessions opened in the same second share their `connected` text; parse each text once.
	const connectedCache = new Map<string, number | undefined>();
	const sessions: Session[] = [];
	for (const item of data) {
		const session = normalize(item, host, nowMs, options, isDetail, connectedCache);
		if (session) {
			sessions.push(session);
		}
	}

	return sessions;
}
