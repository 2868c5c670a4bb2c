import {connectionsGrowth} from '../model/churn-summary.js';
import {createChurnTracker, updateChurn, type ChurnState} from '../model/churn.js';
import type {Session} from '../model/session.js';
import type {
	CountersSnapshot,
	HostStatus,
	ServiceStats,
	ThreadStats,
} from '../model/types.js';
import {sessionBreakdown, type Breakdown} from './breakdown.js';

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
	/**
	Sessions too brief to be seen in any list, since maxtop started: a counter.
	*/
	unseenTotal: number;
	/**
	Since the last baseline (first list, MaxScale restart, services changed): `total_connections`
	growth minus the births the lists saw, and the counter's value at the baseline. The counter is
	the running maximum of the two added, so a list that sees a birth before the services poll
	counts it never lowers or skews it.
	*/
	unseen: {base: number; excess: number; services?: readonly ServiceStats[]};
};

const churnOptions = {
	highlightMs: 0, tombstoneMs: 0, windowMs: 60_000, maxTombstones: 0, historyLength: 1,
};

export function createHostView(host: string): HostView {
	return {
		host, churn: createChurnTracker(churnOptions), unseenTotal: 0, unseen: {base: 0, excess: 0},
	};
}

export function withStatus(view: HostView, status: HostStatus): HostView {
	return {...view, status};
}

export function withCounters(view: HostView, snapshot: CountersSnapshot): HostView {
	return {...view, ...(snapshot.threads && {threads: snapshot.threads}), ...(snapshot.services && {services: snapshot.services})};
}

export function withSessions(view: HostView, sessions: readonly Session[], atMs: number, options: {top: number; restarted: boolean}): HostView {
	const churn = updateChurn(view.churn, sessions, atMs, {hosts: [view.host], ...(options.restarted && {restartedHosts: new Set([view.host])})});
	const {services} = view;
	const growth = options.restarted || !services || !view.unseen.services ? undefined : connectionsGrowth(view.unseen.services, services);
	const unseen = growth === undefined
		? {base: view.unseenTotal, excess: 0, services}
		: {...view.unseen, excess: view.unseen.excess + growth - churn.lastInterval.seenStarted, services};
	return {
		...view,
		churn,
		breakdown: sessionBreakdown(sessions, options.top),
		unseen,
		unseenTotal: Math.max(view.unseenTotal, unseen.base + unseen.excess),
	};
}
