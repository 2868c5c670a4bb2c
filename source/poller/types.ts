import type {MaxScaleClient, ServiceStats, ThreadStats} from '../api/types.js';
import type {Session, SessionId} from '../model/session.js';
import type {Version} from '../model/version.js';

export type HostState = 'connecting' | 'ok' | 'stale' | 'down';

/**
What the header shows about one MaxScale.
*/
export type HostStatus = {
	host: string;
	state: HostState;
	versionText?: string;
	version?: Version;
	/**
	Last successful list poll, epoch ms.
	*/
	lastSuccessMs?: number;
	/**
	One line, `maxtop:`-free; MaxScale's own detail where it gave one.
	*/
	error?: string;
	lastListDurationMs?: number;
	lastListBytes?: number;
	/**
	The list interval the poller is using now, ms.
	*/
	effectiveIntervalMs: number;
	/**
	Why the effective interval differs from the requested one (e.g. "server share 10%").
	*/
	intervalReason?: string;
	/**
	Share of wall time the list poll kept this MaxScale busy, 0–1, smoothed.
	*/
	serverShare?: number;
	readOnly?: boolean;
	/**
	MaxScale's `started_at`, epoch ms: a change means it restarted and its counters reset.
	*/
	startedMs?: number;
};

export type SessionsSnapshot = {
	host: string;
	atMs: number;
	sessions: Session[];
	/**
	MaxScale restarted since this host's last list: when (its new `started_at`, epoch ms), where
	it said. Its old sessions ended with it; these are a new baseline, not churn.
	*/
	restart?: {startedMs?: number};
};

/**
Live counters. Threads are fetched every second, services at their own (slower when costly) pace:
each is present only in the snapshots where it was freshly fetched, so rates computed between two
snapshots that both carry it are right. Keep the previous one when it is absent.
*/
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
	/**
	The watched session (detail pane), refreshed every second. `session` undefined and no `error`:
	404, it is gone (or, on 24.02.3, still in its handshake). `error` set: this refresh failed, keep
	showing the last one. The watch goes on until `watchSession` changes it.
	*/
	detail?(host: string, id: string, session: Session | undefined, error?: string): void;
};

/**
Polls every configured MaxScale. One instance per run; the UI gets it injected.
*/
export type Poller = {
	start(): void;
	stop(): void;
	setPaused(isPaused: boolean): void;
	/**
	Requested list interval, ms; the effective one may be longer (adaptive pacing).
	*/
	setRequestedInterval(ms: number): void;
	/**
	Poll the list now (after an action), unless a list poll is already running.
	*/
	refreshNow(host?: string): void;
	/**
	Refresh this session every second for the detail pane; undefined stops it.
	*/
	watchSession(target: {host: string; id: SessionId; rdns?: boolean} | undefined): void;
	/**
	Replays only: stop playing and show the poll `delta` polls away from the one on screen.
	*/
	step?(delta: number): void;
};

/**
The clock the poller schedules with; tests inject a fake one.
*/
export type PollerClock = {
	/**
	Epoch ms.
	*/
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export type PollerHost = {
	/**
	Fleet key (`host:port`), as on `Session.host` and in every snapshot.
	*/
	host: string;
	client: MaxScaleClient;
};

export type PollerOptions = {
	hosts: PollerHost[];
	/**
	The list interval the user asked for, ms.
	*/
	requestedIntervalMs: number;
	/**
	Largest share of wall time the list poll may keep one MaxScale busy, 0–1. Default 0.1.
	*/
	maxServerShare?: number;
	listener: PollerListener;
	/**
	Sparse fieldset for the list poll (2.5+); absent means the full compact list.
	*/
	fields?: readonly string[];
	clock?: PollerClock;
};
