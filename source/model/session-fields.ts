/**
Every session field maxtop reads, declared once: where each MaxScale (2.2 → 24.02+) sends it, its type, and its name
in the filter, `--columns`, `--sort` and tsv. The normalizer, `Session`, columns, filter and `--once` read it.
*/

export const logLevels = ['log_debug', 'log_info', 'log_notice', 'log_warning', 'log_error'] as const;
export type LogLevel = typeof logLevels[number];
export type LogLevels = Readonly<Partial<Record<LogLevel, boolean>>>;

export type BackendConnection = {
	readonly server: string;
	readonly connectionId?: number;
	readonly cipher?: string;
};

export type QueryInfo = {
	readonly statement?: string;
	readonly command?: string;
	/** Epoch milliseconds. */
	readonly receivedMs?: number;
	/** Epoch milliseconds; absent while the query still runs. */
	readonly completedMs?: number;
	readonly responses: ReadonlyArray<{readonly server: string; readonly durationMs?: number}>;
};

/** What each type of field holds once normalized; the normalizer has one reader per type. */
export type FieldValues = {
	id: string;
	host: string;
	text: string;
	names: readonly string[];
	/** Epoch milliseconds, parsed from asctime (2.2–22.08) or RFC 1123 (23.02+). */
	time: number;
	seconds: number;
	bytes: number;
	count: number;
	uint16: number;
	levels: LogLevels;
	connections: readonly BackendConnection[];
	attributes: Readonly<Record<string, string>>;
	/** Flattened, e.g. `{total, connection_buffers, 'connection_buffers.client', last_queries}`. */
	memory: Readonly<Record<string, number>>;
	queries: readonly QueryInfo[];
	log: readonly string[];
};
export type FieldType = keyof FieldValues;

type FieldSpec = {
	readonly type: FieldType;
	/**
	Where MaxScale sends it in a session resource, `.` between keys and `[]` for each element of an
	array. Several paths are read in order; a later one when the earlier gave no non-empty text.
	*/
	readonly wire?: string | readonly string[];
	/** The first MaxScale that sends it. */
	readonly since?: string;
	/** Its name in `--columns`, `--sort`, the tsv header and the `--once` table (upper-cased). */
	readonly name?: string;
	/** Its names in the filter (`mem>1M`); the first is the one it prints. Default: `name`. */
	readonly filter?: readonly string[];
	/** What a number term takes, for the filter's error messages. */
	readonly example?: string;
	/** What the detail pane calls a cut text of it. Default: `name`, else the key. */
	readonly label?: string;
	/** Read for one session's detail only, not for the list. */
	readonly detail?: true;
	/** A list keeps each value once. */
	readonly unique?: true;
	/** When the wire has no number: derived from a field read before it. */
	readonly orElse?: (value: (key: string) => unknown, nowMs: number) => number | undefined;
	/** Never above this number field read before it. */
	readonly atMost?: string;
};

export const sessionFields = {
	id: {
		type: 'id', wire: 'id', since: '2.2', name: 'id', example: 'a session id like 42',
	},
	host: {type: 'host', name: 'host', filter: ['mx', 'maxscale']},
	services: {
		type: 'names', wire: 'relationships.services.data[].id', since: '2.2', name: 'service', filter: ['svc', 'service'], label: 'services',
	},
	servers: {
		type: 'names', wire: 'attributes.connections[].server', since: '2.3', name: 'servers', filter: ['server'], unique: true,
	},
	// Only when the session has filters.
	filters: {type: 'names', wire: 'relationships.filters.data[].id'},
	state: {
		type: 'text', wire: 'attributes.state', since: '2.2', name: 'state',
	},
	user: {
		// Absent while the client is still in its handshake.
		type: 'text', wire: 'attributes.user', since: '2.2', name: 'user',
	},
	remote: {
		type: 'text', wire: 'attributes.remote', since: '2.2', name: 'client', filter: ['host', 'client'],
	},
	port: {type: 'uint16', wire: 'attributes.port', since: '6.3.1'},
	connectedMs: {type: 'time', wire: 'attributes.connected', since: '2.2'},
	ageSeconds: {
		type: 'seconds',
		wire: 'attributes.seconds_alive',
		since: '24.02',
		name: 'age',
		example: 'a duration like 30s',
		// Clock skew between MaxScale's host and ours must not make a session younger than new.
		orElse(value, nowMs) {
			const connectedMs = value('connectedMs');
			return typeof connectedMs === 'number' ? Math.max(0, (nowMs - connectedMs) / 1000) : undefined;
		},
	},
	idleSeconds: {
		type: 'seconds',
		wire: 'attributes.idle',
		since: '2.2',
		name: 'idle',
		example: 'a duration like 10m',
		// `idle` (ms) against `seconds_alive` (rounded), or an age from a `connected` in whole
		// seconds, puts it a little past the age when the client did nothing since connecting.
		atMost: 'ageSeconds',
	},
	memoryBytes: {
		type: 'bytes', wire: 'attributes.memory.total', since: '22.08', name: 'memory', filter: ['mem'], example: 'a number like 1M',
	},
	ioActivity: {
		// I/O events in the last 30 s.
		type: 'count', wire: 'attributes.io_activity', since: '23.02', name: 'io', example: 'a number like 100',
	},
	thread: {
		// The routing worker's index.
		type: 'uint16', wire: 'attributes.thread', since: '23.02', name: 'thread', example: 'a thread number like 3',
	},
	appName: {
		// `program_name` where the client sent one (the mariadb CLI sends `mysql`); else the connector
		// library's name. `connection_attributes` is null while the client is still in its handshake.
		type: 'text',
		wire: ['attributes.client.connection_attributes.program_name', 'attributes.client.connection_attributes._client_name'],
		since: '6.4.11',
		name: 'app',
	},
	sescmdHistoryLength: {
		// The session commands (SET, USE, PREPARE) readwritesplit keeps to replay on a new backend
		// connection; it keeps at most `max_sescmd_history` of them.
		type: 'count', wire: 'attributes.client.sescmd_history_len', since: '6.4.14', name: 'sescmd', example: 'a number like 50',
	},
	clientCipher: {
		type: 'text', wire: 'attributes.client.cipher', since: '2.5.4', label: 'client TLS',
	},
	logLevels: {type: 'levels', wire: 'attributes.parameters', since: '6.0'},
	connections: {
		// 2.3–2.4 keep the backend thread id in `protocol_diagnostics`, 2.5+ at the top level.
		type: 'connections', wire: 'attributes.connections', since: '2.3', detail: true,
	},
	connectionAttributes: {
		type: 'attributes', wire: 'attributes.client.connection_attributes', since: '6.4.11', detail: true,
	},
	memory: {
		// 22.08 sends `connection_buffers` as a number, 23.02+ as `{total, client{…}, backends{…}}`.
		type: 'memory', wire: 'attributes.memory', since: '22.08', detail: true,
	},
	queries: {
		type: 'queries', wire: 'attributes.queries', since: '2.3.1', detail: true,
	},
	log: {
		type: 'log', wire: 'attributes.log', since: '2.3.10', detail: true,
	},
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof sessionFields;
export type FieldKey = keyof Fields;
type ValueOf<Key extends FieldKey> = FieldValues[Fields[Key]['type']];
type AlwaysKey = {[Key in FieldKey]: Fields[Key]['type'] extends 'id' | 'host' | 'names' ? Key : never}[FieldKey];

/** The types of number that can be out of sense (bounds.ts). */
const boundedTypes = ['seconds', 'bytes', 'count', 'uint16'] as const satisfies readonly FieldType[];

/** The numbers a session carries that can be out of sense. */
export type BoundedField = {[Key in FieldKey]: Fields[Key]['type'] extends typeof boundedTypes[number] ? Key : never}[FieldKey];

/**
The one session shape every MaxScale generation is normalized into. An attribute the server did
not send stays absent: the UI shows a blank, never `NaN`, `undefined` or a fake `0`. Snapshots are
shared by the table, churn and the recorder, so nothing changes a session once it is made.
*/
export type Session = {readonly [Key in AlwaysKey]: ValueOf<Key>} & {readonly [Key in Exclude<FieldKey, AlwaysKey>]?: ValueOf<Key>} & {
	/** Numbers the server sent out of sense: absent above, shown as `?`. Absent when there are none. */
	readonly unknown?: readonly BoundedField[];
	/** Texts longer than bounds.ts keeps, by what the detail pane calls them: their real length. */
	readonly fullLengths?: Readonly<Record<string, number>>;
};

export type FieldName = {[Key in FieldKey]: Fields[Key] extends {name: infer Name extends string} ? Name : never}[FieldKey];

export type Field = FieldSpec & {readonly key: FieldKey};

export const fields: readonly Field[] = Object.entries(sessionFields).map(([key, spec]) => ({...spec, key: key as FieldKey}));

/** The fields with a name, in the order above: what `--once` can print and the filter can test. */
export const namedFields = fields.filter(field => field.name !== undefined) as ReadonlyArray<Field & {readonly name: FieldName}>;

const byName = new Map(namedFields.map(field => [field.name, field]));

export function fieldNamed(name: FieldName): Field & {readonly name: FieldName} {
	return byName.get(name)!;
}

/** Whether the filter compares it as a number and the table aligns it right. */
export function isNumberType(type: FieldType): boolean {
	return type === 'id' || (boundedTypes as readonly FieldType[]).includes(type);
}
