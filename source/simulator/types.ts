/** The embedded MaxScale REST simulator's public contract (used by the CLI, tests, bench and soak). */
export const simulatorVersions = ['2.2', '2.4', '6', '22.08', '24.02'] as const;

export type SimulatorVersion = typeof simulatorVersions[number];

/**
2.2 as its documentation describes it, or 2.4 as a real 2.4.19 answered: the generation before
2.5 (no `/v1/auth`, no session writes, no `fields`, `filter` or `page`).
*/
export const isLegacy = (version: SimulatorVersion): boolean => version === '2.2' || version === '2.4';

/** 22.08 and later: links end in `/`, sessions can be killed and restarted, workers count their sessions. */
export const isSince2208 = (version: SimulatorVersion): boolean => version === '22.08' || version === '24.02';

export const slash = (version: SimulatorVersion): string => (isSince2208(version) ? '/' : '');

/**
Faults a test or `maxtop simulate --fault` can inject. They apply to every request except where
`paths` narrows them (a substring of the path, e.g. `/v1/sessions`).
*/
export const faultKinds = [
	'latency', // Delay every answer by `latencyMs`.
	'hang', // Accept the connection, never answer.
	'reset', // Destroy the socket without answering.
	'down', // Stop listening: connections are refused.
	'http-500',
	'http-500-empty',
	'http-503',
	'http-503-empty',
	'unauthorized', // 401 Access denied, as after a password change.
	'malformed-json',
	'truncated', // A valid JSON body cut in half (Content-Length still claims the whole).
	'empty-body', // 200 with no body on a GET.
	'non-json', // 200 text/html.
	'vanish', // Sessions disappear right after being listed: actions on them get 404.
	'outlive-ttl', // DELETE ?ttl=N answers 200 but the session stays alive.
] as const;

export type FaultKind = typeof faultKinds[number];

export type FaultSpec = {kind: FaultKind; latencyMs?: number; paths?: string[]};

export type SimulatorUser = {name: string; password: string; account: 'admin' | 'basic'};

export type SimulatorOptions = {
	/** Only loopback. Default 127.0.0.1. */
	host?: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default '24.02'. */
	version?: SimulatorVersion;
	/** Sessions at start. Default 25. */
	sessions?: number;
	/** Sessions opened (and about as many closed) per simulated second. Default 0. */
	churnPerSecond?: number;
	/** Seed for every random choice; same seed, same sessions. */
	seed?: number;
	/** Delay answers like a real MaxScale (about 0.1 ms per session for the list). Default false. */
	costModel?: boolean;
	/** Multiplies the cost model's delays (tests use e.g. 10 to make a small list slow). Default 1. */
	costScale?: number;
	/** Default: admin/mariadb (admin). */
	users?: SimulatorUser[];
	/** `admin_secure_gui`: when true (default), `/v1/auth` over plain HTTP answers 401. */
	adminSecureGui?: boolean;
	/** Serve HTTPS with this PEM key and certificate. */
	tls?: {key: string; cert: string};
	/**
	Drive time by hand with `advance()` (tests). When false (default), a 1 s timer advances the
	simulated clock with the wall clock: idle times grow, churn happens, ttl kills land.
	*/
	manualClock?: boolean;
	/** Start time of the simulated clock, epoch ms. Default Date.now(). */
	startMs?: number;
	faults?: FaultSpec[];
	/** Routing workers (`threads`). Default 2. */
	threads?: number;
};

export type RecordedRequest = {
	method: string;
	/** Path without the query string, e.g. `/v1/sessions/12`. */
	path: string;
	/** Decoded query parameters. */
	query: Record<string, string>;
	/** Parsed JSON body, when there was one that parsed. */
	body?: unknown;
	rawBody: string;
	headers: Record<string, string | string[] | undefined>;
	/** Simulated-clock time it arrived, epoch ms. */
	atMs: number;
};

/** A simulated client session, as the simulator keeps it (not the wire shape). */
export type SimulatedSession = {
	id: string;
	user?: string;
	remote: string;
	port: number;
	service: string;
	servers: string[];
	appName?: string;
	connectedMs: number;
	lastActivityMs: number;
	memoryBytes: number;
	ioActivity: number;
	thread: number;
	state: string;
	filters: string[];
	logLevels: Record<string, boolean>;
	connectionAttributes?: Record<string, string>;
	queries: Array<{statement: string; receivedMs: number; completedMs?: number}>;
	log: string[];
	/** Epoch ms at which a ttl kill lands. */
	killAtMs?: number;
	/** Inside a long query: `idle` reads 0 and the last entry of `queries` has no `completedMs`. */
	busy?: boolean;
	/** Runs a short query every this many ms (idle stays small, io_activity grows). */
	activePeriodMs?: number;
	/** Epoch ms at which the client disconnects by itself (churn). */
	closeAtMs?: number;
	/** Restart requested; it lands at the session's next query. */
	restartPending?: boolean;
	/** Backend connection ids, one per entry of `servers`. */
	connectionIds?: number[];
};

export type Simulator = {
	readonly url: string;
	readonly port: number;
	readonly version: SimulatorVersion;
	/** Every request seen, in order (bounded: the newest 10,000). */
	readonly requests: RecordedRequest[];
	countByMethod(): Record<string, number>;
	clearRequests(): void;
	/** Current sessions (live objects: tests may edit them). */
	sessions(): SimulatedSession[];
	/** Add sessions; fields given override the generated ones. Returns them. */
	addSessions(count: number, template?: Partial<SimulatedSession>): SimulatedSession[];
	removeSession(id: string): boolean;
	setFaults(faults: FaultSpec[]): void;
	/** Move the simulated clock: idle grows, churn runs, due ttl kills land. */
	advance(ms: number): void;
	/** Simulated now, epoch ms. */
	now(): number;
	close(): Promise<void>;
};
