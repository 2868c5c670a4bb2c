/**
The one session shape every MaxScale generation (2.2 → 24.02+) is normalized into.

Every attribute the server may not send is optional and stays absent when it was not sent:
the UI shows a blank, never `NaN`, `undefined` or a fake `0`.
*/
export type LogLevel = 'log_debug' | 'log_info' | 'log_notice' | 'log_warning' | 'log_error';

export const logLevels: readonly LogLevel[] = ['log_debug', 'log_info', 'log_notice', 'log_warning', 'log_error'];

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
