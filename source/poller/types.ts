import type {MaxScaleClient} from '../api/types.js';
import type {Session, SessionId} from '../model/session.js';
import type {CountersSnapshot, HostStatus, SessionsSnapshot} from '../model/types.js';

export type PollerListener = {
	sessions(snapshot: SessionsSnapshot): void;
	counters(snapshot: CountersSnapshot): void;
	status(status: HostStatus): void;
	/**
	The watched session. No `session` and no `error`: 404, gone (or on 24.02.3 still in its
	handshake); `error`: this refresh failed, keep the last one.
	*/
	detail?(host: string, id: string, session: Session | undefined, error?: string): void;
};

/** Polls every configured MaxScale. One instance per run; the UI gets it injected. */
export type Poller = {
	start(): void;
	stop(): void;
	setPaused(isPaused: boolean): void;
	/** Requested list interval, ms; the effective one may be longer (adaptive pacing). */
	setRequestedInterval(ms: number): void;
	/** Poll the list now (after an action), unless a list poll is already running. */
	refreshNow(host?: string): void;
	/** Refresh this session every second for the detail pane; undefined stops it. */
	watchSession(target: {host: string; id: SessionId; rdns?: boolean} | undefined): void;
	/** Replays only: stop playing and show the poll `delta` polls away from the one on screen. */
	step?(delta: number): void;
};

/** The clock the poller schedules with; tests inject a fake one. */
export type PollerClock = {
	/** Epoch ms. */
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export type PollerHost = {
	/** Fleet key (`host:port`), as on `Session.host` and in every snapshot. */
	host: string;
	client: MaxScaleClient;
};

/** What a host's loops (list, counters, detail) are made with. */
export type HostLoopOptions = PollerHost & {
	clock: PollerClock;
	listener: PollerListener;
	/** Already normalized to (0, 1]. */
	maxServerShare: number;
	/** The host's list poller: a refused login holds every loop back; a request a list overlapped does not pace. */
	gate: {readonly isAuthRefused: boolean; watchListOverlap(): () => boolean; noteFailure(error: unknown): void};
};

/** A listener that hands every call to `relay`, which decides whether and to whom it goes. */
export function relayListener(relay: (call: (listener: PollerListener) => void) => void): PollerListener {
	const forward = (name: keyof PollerListener) => (...args: unknown[]) => {
		relay(listener => {
			(listener[name] as ((...args: unknown[]) => void) | undefined)?.(...args);
		});
	};

	return {
		sessions: forward('sessions'), counters: forward('counters'), status: forward('status'), detail: forward('detail'),
	};
}

export type PollerOptions = {
	hosts: PollerHost[];
	/** The list interval the user asked for, ms. */
	requestedIntervalMs: number;
	/** Largest share of wall time the list poll may keep one MaxScale busy, 0–1. Default 0.1. */
	maxServerShare?: number;
	listener: PollerListener;
	/** Sparse fieldset for the list poll (2.5+); absent means the full compact list. */
	fields?: readonly string[];
	clock?: PollerClock;
};
