/** The domain's shared names and shapes; each closed set of names is one `as const` list, its type read from it. */
import type {Session} from './session.js';
import type {Version} from './version.js';

export const sortKeys = ['idle', 'memory', 'age', 'id', 'user', 'client', 'service', 'state', 'io', 'thread', 'host'] as const;
export type SortKey = typeof sortKeys[number];

/** `none` is the plain table; `host` makes sense only with several MaxScales. */
export const groupings = ['none', 'user', 'client', 'app', 'service', 'server', 'thread', 'host'] as const;
export type Grouping = typeof groupings[number];
export type GroupBy = Exclude<Grouping, 'none'>;

/** `--color`: `auto` follows the terminal and `NO_COLOR`. */
export const colorModes = ['auto', 'always', 'never'] as const;
export type ColorMode = typeof colorModes[number];

export const themes = ['dark', 'light', 'mono'] as const;
export type Theme = typeof themes[number];

/** One session across the fleet (ids are unique per MaxScale); NUL is in no host key or decimal id, so keys never clash. */
export function sessionKey(session: Pick<Session, 'host' | 'id'>): string {
	return session.host + '\u{0}' + session.id;
}

export type ThreadStats = {
	id: string;
	sessions?: number;
	accepts?: number;
	hangups?: number;
	errors?: number;
	/** Percent 0–100, last second. */
	loadLastSecond?: number;
	memorySessionsBytes?: number;
};

export type ServiceStats = {
	id: string;
	connections?: number;
	totalConnections?: number;
	failedAuths?: number;
	/** Whether the service has listeners (faces clients). */
	hasListeners: boolean;
	filters: string[];
};

export type HostState = 'connecting' | 'ok' | 'stale' | 'down';

/** What the header shows about one MaxScale. */
export type HostStatus = {
	host: string;
	state: HostState;
	versionText?: string;
	version?: Version;
	/** Last successful list poll, epoch ms. */
	lastSuccessMs?: number;
	/** One line, `maxtop:`-free; MaxScale's own detail where it gave one. */
	error?: string;
	lastListDurationMs?: number;
	lastListBytes?: number;
	/** The list interval the poller is using now, ms. */
	effectiveIntervalMs: number;
	/** Why the effective interval differs from the requested one (e.g. "server share 10%"). */
	intervalReason?: string;
	/** Share of wall time the list poll kept this MaxScale busy, 0–1, smoothed. */
	serverShare?: number;
	readOnly?: boolean;
	/** MaxScale's `started_at`, epoch ms: a change means it restarted and its counters reset. */
	startedMs?: number;
};

/**
Live counters: threads every second, services at their own pace, each present only in snapshots that fetched it,
so rates between two snapshots that carry it are right. Keep the previous one when it is absent.
*/
export type CountersSnapshot = {
	host: string;
	atMs: number;
	threads?: ThreadStats[];
	services?: ServiceStats[];
};

export type SessionsSnapshot = {
	host: string;
	atMs: number;
	sessions: Session[];
	/** MaxScale restarted since the last list (its new `started_at`, epoch ms): old sessions ended, these are a baseline. */
	restart?: {startedMs?: number};
};
