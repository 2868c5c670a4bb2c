import {connectionsGrowth} from '../model/churn-summary.js';
import {
	createChurnTracker,
	updateChurn,
	type ChurnState,
} from '../model/churn.js';
import {noneKey} from '../model/group.js';
import type {HostSessions} from '../model/host-walk.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';
import type {
	CountersSnapshot,
	HostStatus,
	ServiceStats,
	ThreadStats,
} from '../model/types.js';
import {otherValue, sessionBreakdown, type Breakdown} from './breakdown.js';

/**
What the endpoint holds about one MaxScale: the poller's latest of each kind, reduced when it
arrives. Pure updates: each returns a new view.
*/
export type HostView = {
	host: string;
	status?: HostStatus;
	breakdown?: Breakdown;
	threads?: readonly ThreadStats[];
	services?: readonly ServiceStats[];
	churn: ChurnState;
	/** Sessions too brief to be seen in any list, since maxtop started: a counter. */
	unseenTotal: number;
	/**
	Since the last baseline (first list, MaxScale restart, services changed): `total_connections`
	growth minus the births the lists saw, and the counter's value at the baseline. The counter is
	the running maximum of the two added, so a list that sees a birth before the services poll
	counts it never lowers or skews it.
	*/
	unseen: {base: number; excess: number; services?: readonly ServiceStats[]};
	/**
	Sessions the lists saw open, by application, since maxtop started. An app keeps its label once
	it has one, so each series stays a counter; past the top N, the rest count as other.
	*/
	appOpens: ReadonlyMap<string, number>;
};

const churnOptions = {
	highlightMs: 0, tombstoneMs: 0, windowMs: 60_000, maxTombstones: 0, historyLength: 1,
};

export function createHostView(host: string): HostView {
	return {
		host, churn: createChurnTracker(churnOptions), unseenTotal: 0, unseen: {base: 0, excess: 0}, appOpens: new Map(),
	};
}

export function withStatus(view: HostView, status: HostStatus): HostView {
	return {...view, status};
}

export function withCounters(view: HostView, snapshot: CountersSnapshot): HostView {
	return {...view, ...(snapshot.threads && {threads: snapshot.threads}), ...(snapshot.services && {services: snapshot.services})};
}

export function withSessions(view: HostView, sessions: readonly Session[], atMs: number, options: {top: number; restarted: boolean; breakdown?: Breakdown}): HostView {
	const churn = updateChurn(view.churn, sessions, atMs, {hosts: [view.host], ...(options.restarted && {restartedHosts: new Set([view.host])})});
	const {services} = view;
	const growth = options.restarted || !services || !view.unseen.services ? undefined : connectionsGrowth(view.unseen.services, services);
	const unseen = growth === undefined
		? {base: view.unseenTotal, excess: 0, services}
		: {...view.unseen, excess: view.unseen.excess + growth - churn.lastInterval.seenStarted, services};
	return {
		...view,
		churn,
		breakdown: options.breakdown ?? sessionBreakdown(sessions, options.top),
		unseen,
		unseenTotal: Math.max(view.unseenTotal, unseen.base + unseen.excess),
		appOpens: countAppOpens(view.appOpens, churn.sessions.get(view.host), atMs, options.top),
	};
}

// Births are the sessions first seen in this list (a baseline's are NaN).
function countAppOpens(counts: ReadonlyMap<string, number>, tracked: HostSessions | undefined, atMs: number, top: number): ReadonlyMap<string, number> {
	let next: Map<string, number> | undefined;
	for (let index = 0; index < (tracked?.sessions.length ?? 0); index++) {
		if (tracked!.firstSeenMs[index] !== atMs) {
			continue;
		}

		next ??= new Map(counts);
		const app = sanitize(tracked!.sessions[index]!.appName ?? noneKey);
		const value = next.has(app) || next.size < top ? app : otherValue;
		next.set(value, (next.get(value) ?? 0) + 1);
	}

	return next ?? counts;
}
