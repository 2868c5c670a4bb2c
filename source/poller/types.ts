import type {ServiceStats, ThreadStats} from '../api/types.js';
import type {Session} from '../model/session.js';
import type {Version} from '../model/version.js';

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
};

export type SessionsSnapshot = {host: string; atMs: number; sessions: Session[]};

export type CountersSnapshot = {
	host: string;
	atMs: number;
	threads?: ThreadStats[];
	services?: ServiceStats[];
};

export type PollerListener = {
	sessions(snapshot: SessionsSnapshot): void;
	counters(snapshot: CountersSnapshot): void;
	status(status: HostStatus): void;
	/** The watched session (detail pane), refreshed every second; undefined when it is gone. */
	detail?(host: string, id: string, session: Session | undefined, error?: string): void;
};

/** Polls every configured MaxScale. One instance per run; the UI gets it injected. */
export type Poller = {
	start(): void;
	stop(): void;
	setPaused(paused: boolean): void;
	/** Requested list interval, ms; the effective one may be longer (adaptive pacing). */
	setRequestedInterval(ms: number): void;
	/** Poll the list now (after an action), unless a list poll is already running. */
	refreshNow(host?: string): void;
	/** Refresh this session every second for the detail pane; undefined stops it. */
	watchSession(target: {host: string; id: string; rdns?: boolean} | undefined): void;
};
