import {
	createChurnTracker,
	updateChurn,
} from '../model/churn.js';
import {applyFilter, parseFilter} from '../model/filter.js';
import {formatTime} from '../model/format.js';
import type {Session} from '../model/session.js';
import type {SessionsSnapshot} from '../poller/types.js';
import type {CountersSnapshot, Grouping} from '../model/types.js';
import {
	addListSample,
	addServicesSample,
	createInvisibleHistory,
	invisibleEstimate,
} from '../model/churn-summary.js';
import {groupingOrder, type TriageState} from './triage-types.js';
import {setStatus} from './helpers.js';
import type {State} from './types.js';

export type TriageOptions = {
	filter?: string;
	groupBy?: string;
	isReplay?: boolean;
};

/**
How long the row order stays put after the cursor moved.
*/
export const freezeMs = 3000;

export const churnOptions = {
	highlightMs: 5000,
	tombstoneMs: 5000,
	windowMs: 60_000,
	maxTombstones: 50,
	// A few minutes of samples at the usual 1–2 s interval.
	historyLength: 180,
	shortLivedSeconds: 10,
};

function isGrouping(value: string | undefined): value is Grouping {
	return groupingOrder.includes(value as Grouping);
}

export function createTriageState(options: TriageOptions = {}): TriageState {
	const parsed = options.filter === undefined ? undefined : parseFilter(options.filter);
	const isApplied = parsed?.ok === true && parsed.filter.terms.length > 0;
	return {
		filterText: isApplied ? options.filter!.trim() : '',
		filter: isApplied ? parsed.filter : undefined,
		totalCount: 0,
		churn: createChurnTracker(churnOptions),
		grouping: isGrouping(options.groupBy) ? options.groupBy : 'none',
		groupCursor: 0,
		tags: new Set(),
		clockMs: 0,
		restartsByUs: 0,
		invisibleByHost: new Map(),
		isReplay: options.isReplay ?? false,
		nextSeq: 1,
	};
}

export function withClock(state: State, atMs: number | undefined): State {
	return atMs === undefined || atMs <= state.triage.clockMs ? state : {...state, triage: {...state.triage, clockMs: atMs}};
}

export function isFrozen(triage: TriageState, nowMs: number): boolean {
	return triage.frozenUntilMs !== undefined && nowMs < triage.frozenUntilMs;
}

function rowKey(session: Pick<Session, 'host' | 'id'>): string {
	return session.host + '\u{0}' + session.id;
}

/**
The table's rows from every host's sorted sessions: the filter applied and, while the cursor is
aiming, the previous order kept (sessions that appeared since go to the end, in sorted order).
*/
export function arrangeRows(state: State, sorted: readonly Session[]): Session[] {
	const {triage} = state;
	const matching = triage.filter ? applyFilter(sorted, triage.filter, triage.clockMs || undefined) : [...sorted];
	if (!isFrozen(triage, triage.clockMs) || state.rows.length === 0) {
		return matching;
	}

	const position = new Map(state.rows.map((session, index) => [rowKey(session), index]));
	const kept: Array<[number, Session]> = [];
	const appeared: Session[] = [];
	for (const session of matching) {
		const index = position.get(rowKey(session));
		if (index === undefined) {
			appeared.push(session);
		} else {
			kept.push([index, session]);
		}
	}

	kept.sort((a, b) => a[0] - b[0]);
	return [...kept.map(([, session]) => session), ...appeared];
}

function allSessions(state: State): Session[] {
	const all: Session[] = [];
	for (const host of state.hosts) {
		const sessions = state.sessionsByHost.get(host);
		// A loop, not push(...sessions): spreading a 150,000-session host overflows the call stack.
		for (const session of sessions ?? []) {
			all.push(session);
		}
	}

	return all;
}

/**
Churn, tags and counts after one host's snapshot; `state.sessionsByHost` already holds it. Runs once
per snapshot, never in render.
*/
export function onTriageSessions(state: State, snapshot: SessionsSnapshot): State {
	const all = allSessions(state);
	const unreachableHosts = new Set(state.hosts.filter(host => host !== snapshot.host && (state.statuses.get(host)?.state === 'down' || state.statuses.get(host)?.state === 'stale')));
	const churn = updateChurn(state.triage.churn, all, snapshot.atMs, {
		unreachableHosts,
		hosts: state.sessionsByHost.keys(),
		...(snapshot.restart && {restartedHosts: new Set([snapshot.host])}),
	});
	const invisibleByHost = new Map(state.triage.invisibleByHost);
	// A restart zeroes total_connections and every client connects again: count from here.
	const history = (snapshot.restart ? undefined : invisibleByHost.get(snapshot.host)) ?? createInvisibleHistory();
	invisibleByHost.set(snapshot.host, addListSample(history, snapshot.atMs, churn.lastInterval.seenStarted, churnOptions.windowMs));
	let {tags} = state.triage;
	if (tags.size > 0) {
		const present = new Set(all.map(session => rowKey(session)));
		const kept = new Set<string>();
		for (const key of tags) {
			if (present.has(key)) {
				kept.add(key);
			}
		}

		tags = kept.size === tags.size ? tags : kept;
	}

	const triage: TriageState = {
		...state.triage,
		churn,
		invisibleByHost,
		tags,
		totalCount: all.length,
		lastSnapshotMs: snapshot.atMs,
		clockMs: Math.max(state.triage.clockMs, snapshot.atMs),
	};
	return snapshot.restart ? setStatus({...state, triage}, restartText(state, snapshot.host, snapshot.restart.startedMs, snapshot.atMs), false) : {...state, triage};
}

/**
Said once, when the restart shows: a burst of closes and opens would otherwise be the only sign.
*/
function restartText(state: State, host: string, startedMs: number | undefined, atMs: number): string {
	const who = state.hosts.length > 1 ? `MaxScale at ${host}` : 'MaxScale';
	const when = startedMs === undefined ? `(noticed at ${formatTime(atMs).slice(11)})` : `at ${formatTime(startedMs).slice(11)}`;
	return `${who} restarted ${when}: churn counts start afresh`;
}

/**
A fresh services snapshot adds a `total_connections` growth sample to its host's invisible churn.
The history keeps its own base snapshot, so the state before the action (`_before`, still passed
by the reducer) is not needed.
*/
export function onTriageCounters(state: State, snapshot: CountersSnapshot, _before?: State): State {
	if (!snapshot.services) {
		return state;
	}

	const invisibleByHost = new Map(state.triage.invisibleByHost);
	const history = invisibleByHost.get(snapshot.host) ?? createInvisibleHistory();
	// Restarts are not kept per host: in a fleet they count against the first MaxScale to report.
	invisibleByHost.set(snapshot.host, addServicesSample(history, snapshot.atMs, snapshot.services, state.triage.restartsByUs, churnOptions.windowMs));
	return {...state, triage: {...state.triage, invisibleByHost, restartsByUs: 0}};
}

/**
Sessions too short-lived for polling to see over the last minute (or the shorter time known),
summed over hosts; undefined when no host can tell yet.
*/
export function invisibleTotal(triage: TriageState): {count: number; spanMs: number} | undefined {
	let total: {count: number; spanMs: number} | undefined;
	for (const history of triage.invisibleByHost.values()) {
		const estimate = invisibleEstimate(history, churnOptions.windowMs);
		if (estimate) {
			total = {count: (total?.count ?? 0) + estimate.count, spanMs: Math.max(total?.spanMs ?? 0, estimate.spanMs)};
		}
	}

	return total;
}
