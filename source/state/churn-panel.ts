import {updateChurn} from '../model/churn.js';
import {
	addListSample,
	addServicesSample,
	createInvisibleHistory,
	invisibleEstimate,
} from '../model/churn-summary.js';
import {formatTime} from '../model/format.js';
import type {Session} from '../model/session.js';
import type {CountersSnapshot} from '../model/types.js';
import type {SessionsSnapshot} from '../poller/types.js';
import {setStatus} from './helpers.js';
import {keepListedTags} from './tags.js';
import type {State, TriageState} from './types.js';

export const churnOptions = {
	highlightMs: 5000,
	tombstoneMs: 5000,
	windowMs: 60_000,
	maxTombstones: 50,
	// A few minutes of samples at the usual 1–2 s interval.
	historyLength: 180,
	shortLivedSeconds: 10,
};

function allSessions(state: State): Session[] {
	const all: Session[] = [];
	for (const host of state.hosts) {
		// A loop, not push(...sessions): spreading a 150,000-session host overflows the call stack.
		for (const session of state.sessionsByHost.get(host) ?? []) {
			all.push(session);
		}
	}

	return all;
}

/**
Churn, tags and counts after one host's snapshot; `state.sessionsByHost` already holds it. Runs once
per snapshot, never in render.
*/
export function onChurnSessions(state: State, snapshot: SessionsSnapshot): State {
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
	const triage: TriageState = {
		...state.triage,
		churn,
		invisibleByHost,
		tags: keepListedTags(state.triage.tags, all),
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
*/
export function onChurnCounters(state: State, snapshot: CountersSnapshot): State {
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

export function toggleChurn(state: State): State {
	return {...state, mode: state.mode.kind === 'churn' ? {kind: 'table'} : {kind: 'churn'}};
}
