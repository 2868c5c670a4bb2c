/**
The one session shape every MaxScale generation (2.2 → 24.02+) is normalized into.

Every attribute the server may not send is optional and stays absent when it was not sent:
the UI shows a blank, never `NaN`, `undefined` or a fake `0`.
*/

/** The numbers a session carries that can be out of sense (see `bounds.ts`). */
export type BoundedField = 'port' | 'ageSeconds' | 'idleSeconds' | 'memoryBytes' | 'ioActivity' | 'thread';

export const logLevels = ['log_debug', 'log_info', 'log_notice', 'log_warning', 'log_error'] as const;
export type LogLevel = typeof logLevels[number];

export type LogLevels = Partial<Record<LogLevel, boolean>>;

export type BackendConnection = {
	server: string;
	connectionId?: number;
	cipher?: string;
};

export type QueryInfo = {
	statement?: string;
	command?: string;
	/** Epoch milliseconds. */
	receivedMs?: number;
	/** Epoch milliseconds; absent while the query still runs. */
	completedMs?: number;
	responses: Array<{server: string; durationMs?: number}>;
};

export type Session = {
	/** MaxScale's session id: a decimal string, equal to the client connection id. */
	id: string;
	/** Fleet key of the MaxScale this session lives on (`host:port`); one host: still set. */
	host: string;
	state?: string;
	user?: string;
	remote?: string;
	port?: number;
	/** When the client connected, epoch milliseconds (parsed from asctime or RFC 1123). */
	connectedMs?: number;
	/** `seconds_alive` (24.02+); otherwise derived from `connected` at poll time. */
	ageSeconds?: number;
	idleSeconds?: number;
	memoryBytes?: number;
	/** I/O events in the last 30 s (23.02+). */
	ioActivity?: number;
	/** Routing worker index (23.02+). */
	thread?: number;
	services: string[];
	/** Backend servers, from `connections[].server`. */
	servers: string[];
	/** Session-level filter chain in order; empty when the server reports none. */
	filters: string[];
	/**
	The client application: `client.connection_attributes.program_name`, or its `_client_name`
	(the connector library) when it sent no program name.
	*/
	appName?: string;
	/**
	Numbers the server sent that are out of sense (bounds.ts): absent above, shown as `?`. Absent
	when there are none, which is the rule.
	*/
	unknown?: readonly BoundedField[];
	/**
	Texts longer than bounds.ts keeps, by what the detail pane calls them: their real length.
	Absent when nothing was cut, which is the rule.
	*/
	fullLengths?: Readonly<Record<string, number>>;

	// Detail fields: filled from the full JSON, used by the detail pane.
	connections?: BackendConnection[];
	clientCipher?: string;
	connectionAttributes?: Record<string, string>;
	/** Flattened memory breakdown, e.g. `{total, connection_buffers, last_queries, variables}`. */
	memory?: Record<string, number>;
	logLevels?: LogLevels;
	queries?: QueryInfo[];
	log?: string[];
};

/**
Whether session id `id` is above `than`: MaxScale numbers sessions upwards in decimal, so a longer
id, or one as long and after it, belongs to a session opened later. Any text compares; only the
order of decimal ids means anything.
*/
export function isNewerSessionId(id: string, than: string): boolean {
	return id.length > than.length || (id.length === than.length && id > than);
}

declare const sessionIdBrand: unique symbol;

/**
A session id as MaxScale makes them, checked by `sessionIdOf`: the only id a request path is built
from. A type of its own, so an id the server sent unchecked cannot reach a path by accident.
*/
export type SessionId = string & {readonly [sessionIdBrand]: true};

// MaxScale numbers sessions with a uint64 counter from 1 and prints it in decimal.
const largestSessionId = '18446744073709551615';
const decimalId = /^[1-9]\d*$/v;

/**
`text` as a `SessionId` when it is one MaxScale could have sent: decimal, 1 to 2^64−1, no leading
zero. Anything else is not: `.` or `..` in a path is another endpoint once the URL is normalized
(`POST /v1/sessions/./restart` is the restart of every session). A leading zero is refused too:
MaxScale never prints one, and reads the path as a number, so `013100` would act on session 13100,
which may be another row.
*/
export function sessionIdOf(text: string): SessionId | undefined {
	if (text.length > largestSessionId.length || !decimalId.test(text)) {
		return undefined;
	}

	return text.length < largestSessionId.length || text <= largestSessionId ? text as SessionId : undefined;
}

/**
One host's list with each id once, the later of duplicates kept: every table structure (row keys,
the cursor, tags, churn, pending kills) is keyed by id, and a second row of one id outlived the list
that had it. The same array when there are none, which is the rule (a Set pass: ~4 ms at 50,000).
*/
export function withUniqueIds(sessions: Session[]): {sessions: Session[]; duplicates: number} {
	const seen = new Set<string>();
	for (const session of sessions) {
		seen.add(session.id);
	}

	if (seen.size === sessions.length) {
		return {sessions, duplicates: 0};
	}

	const lastIndex = new Map<string, number>();
	for (const [index, session] of sessions.entries()) {
		lastIndex.set(session.id, index);
	}

	return {sessions: sessions.filter((session, index) => lastIndex.get(session.id) === index), duplicates: sessions.length - seen.size};
}
