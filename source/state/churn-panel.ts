import {churnSteps, finish, type ChurnState} from '../model/churn.js';
import {
	addListSample,
	addServicesSample,
	churnSummary,
	type ChurnSummary,
	createInvisibleHistory,
	invisibleEstimate,
} from '../model/churn-summary.js';
import {formatTime} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {fitWidth} from '../model/text.js';
import type {CountersSnapshot, SessionsSnapshot} from '../model/types.js';
import {setStatus} from './helpers.js';
import {mergedSessions} from './table.js';
import {keepListedTags} from './tags.js';
import type {State} from './types.js';

export const churnOptions = {
	highlightMs: 5000,
	tombstoneMs: 5000,
	windowMs: 60_000,
	maxTombstones: 50,
	// A few minutes of samples at the usual 1–2 s interval.
	historyLength: 180,
	shortLivedSeconds: 10,
};

// The churn after a snapshot, worked out ahead of the reducer for a large list; keyed weakly on the
// churn it starts from and on the snapshot, so it holds neither alive.
const churnsAfter = new WeakMap<ChurnState, WeakMap<SessionsSnapshot, {hosts: State['hosts']; churn: ChurnState}>>();
const pending = new WeakMap<SessionsSnapshot, {from: State; steps: Generator<undefined, ChurnState, undefined>}>();

function stepsAfter(state: State, snapshot: SessionsSnapshot) {
	// Only this host's list is new: every other host's sessions are carried over as they were.
	return churnSteps(state.churn, state.sessionsByHost.get(snapshot.host) ?? [], snapshot.atMs, {
		unreachableHosts: new Set(state.hosts.filter(other => other !== snapshot.host)),
		hosts: state.sessionsByHost.keys(),
		...(snapshot.restart && {restartedHosts: new Set([snapshot.host])}),
	});
}

/** The churn after `snapshot`, of which `state.sessionsByHost` already holds the sessions. */
function churnAfter(state: State, snapshot: SessionsSnapshot): ChurnState {
	const known = churnsAfter.get(state.churn)?.get(snapshot);
	return known?.hosts === state.hosts && state.sessionsByHost.get(snapshot.host) === snapshot.sessions ? known.churn : finish(stepsAfter(state, snapshot));
}

/**
Works out the churn after `snapshot` ahead of the reducer, one step a call; returns whether steps
remain. The reducer takes the result if its churn is still `state`'s.
*/
export function prepareChurn(state: State, snapshot: SessionsSnapshot): boolean {
	let work = pending.get(snapshot);
	if (!work) {
		work = {from: state, steps: stepsAfter({...state, sessionsByHost: new Map(state.sessionsByHost).set(snapshot.host, snapshot.sessions)}, snapshot)};
		pending.set(snapshot, work);
	}

	const step = work.steps.next();
	if (!step.done) {
		return true;
	}

	pending.delete(snapshot);
	let byList = churnsAfter.get(work.from.churn);
	if (!byList) {
		byList = new WeakMap();
		churnsAfter.set(work.from.churn, byList);
	}

	byList.set(snapshot, {hosts: work.from.hosts, churn: step.value});
	return false;
}

/**
Churn, tags and counts after one host's snapshot; `state.sessionsByHost` already holds it. Runs once
per snapshot, never in render.
*/
export function onChurnSessions(state: State, snapshot: SessionsSnapshot): State {
	const churn = churnAfter(state, snapshot);
	const invisibleByHost = new Map(state.invisibleByHost);
	// A restart zeroes total_connections and every client connects again: count from here.
	const history = (snapshot.restart ? undefined : invisibleByHost.get(snapshot.host)) ?? createInvisibleHistory();
	invisibleByHost.set(snapshot.host, addListSample(history, snapshot.atMs, churn.lastInterval.seenStarted, churnOptions.windowMs));
	const next: State = {
		...state,
		churn,
		invisibleByHost,
		tags: state.tags.size === 0 ? state.tags : keepListedTags(state.tags, mergedSessions(state)),
		totalCount: state.hosts.reduce((count, other) => count + (state.sessionsByHost.get(other)?.length ?? 0), 0),
		lastSnapshotMs: snapshot.atMs,
		clockMs: Math.max(state.clockMs, snapshot.atMs),
	};
	return snapshot.restart ? setStatus(next, restartText(state, snapshot.host, snapshot.restart.startedMs, snapshot.atMs), false) : next;
}

/** Said once, when the restart shows: a burst of closes and opens would otherwise be the only sign. */
function restartText(state: State, host: string, startedMs: number | undefined, atMs: number): string {
	const who = state.hosts.length > 1 ? `MaxScale at ${host}` : 'MaxScale';
	const when = startedMs === undefined ? `(noticed at ${formatTime(atMs).slice(11)})` : `at ${formatTime(startedMs).slice(11)}`;
	return `${who} restarted ${when}: churn counts start afresh`;
}

/** A fresh services snapshot adds a `total_connections` growth sample to its host's invisible churn. */
export function onChurnCounters(state: State, snapshot: CountersSnapshot): State {
	if (!snapshot.services) {
		return state;
	}

	const invisibleByHost = new Map(state.invisibleByHost);
	const history = invisibleByHost.get(snapshot.host) ?? createInvisibleHistory();
	// Restarts are not kept per host: in a fleet they count against the first MaxScale to report.
	invisibleByHost.set(snapshot.host, addServicesSample(history, snapshot.atMs, snapshot.services, state.restartsByUs, churnOptions.windowMs));
	return {...state, invisibleByHost, restartsByUs: 0};
}

/**
Sessions too short-lived for polling to see over the last minute (or the shorter time known),
summed over hosts; undefined when no host can tell yet.
*/
export function invisibleTotal({invisibleByHost}: Pick<State, 'invisibleByHost'>): {count: number; spanMs: number} | undefined {
	let total: {count: number; spanMs: number} | undefined;
	for (const history of invisibleByHost.values()) {
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

const churnSections: Array<[keyof ChurnSummary['top'], string]> = [
	['client', 'Client hosts'],
	['subnet', 'Client subnets'],
	['user', 'Users'],
	['app', 'Applications'],
	['service', 'Services'],
];

/**
Entry lines per section for `room` lines: at least one each (an entry or "(none)"), the rest
dealt out in turns to the sections that have more, so a storm's many client hosts use the room
the quiet sections leave.
*/
export function sectionRows(counts: readonly number[], room: number): number[] {
	const rows = counts.map(() => 1);
	let left = room - rows.length;
	let isGiving = true;
	while (left > 0 && isGiving) {
		isGiving = false;
		for (const [index, count] of counts.entries()) {
			if (left === 0 || rows[index]! >= count) {
				continue;
			}

			rows[index]!++;
			left--;
			isGiving = true;
		}
	}

	return rows;
}

/**
The `c` panel: who opened and closed sessions in the last minute, busiest first, cut to `height`
lines (the panel does not scroll).
*/
export function churnPanelLines(state: Pick<State, 'churn' | 'invisibleByHost'>, nowMs: number, width: number, height: number): string[] {
	const summary = churnSummary(state.churn, nowMs, Math.max(1, height));
	const minutes = state.churn.options.windowMs / 60_000;
	const invisible = invisibleTotal(state);
	const lines = [
		`Churn in the last ${minutes === 1 ? 'minute' : `${minutes} minutes`}: ${summary.opens} opened, ${summary.closes} closed, ${summary.shortLived} lived < ${state.churn.options.shortLivedSeconds}s`,
		// Fits 80 columns; "60 s" rather than formatDuration's "1m00s", which reads as a countdown.
		invisible === undefined
			? 'Too brief for polling to see: not known yet (needs total_connections)'
			: `Too brief for polling to see: ${invisible.count} in the last ${Math.round(invisible.spanMs / 1000)} s (total_connections - births)`,
	];
	const entries = churnSections.map(([dimension]) => summary.top[dimension]);
	const counts = entries.map(list => list.length);
	const titleLines = churnSections.length;
	// Blank lines between sections only while each can still list two entries: on 80×24 the
	// entries matter more.
	const wantsGaps = lines.length + (2 * titleLines) + counts.reduce((sum, count) => sum + Math.min(2, Math.max(1, count)), 0) <= height;
	const rows = sectionRows(counts, height - lines.length - (titleLines * (wantsGaps ? 2 : 1)));
	const keyWidth = Math.max(12, Math.min(40, width - 30));
	for (const [index, [, title]] of churnSections.entries()) {
		if (wantsGaps) {
			lines.push('');
		}

		lines.push(`${fitWidth(title, keyWidth + 2)} ${'opened'.padStart(6)} ${'closed'.padStart(6)} ${'<10s'.padStart(6)}`);
		const shown = entries[index]!.slice(0, rows[index]);
		if (shown.length === 0) {
			lines.push('  (none)');
		}

		for (const entry of shown) {
			lines.push(`  ${fitWidth(sanitize(entry.key), keyWidth)} ${String(entry.opened).padStart(6)} ${String(entry.closed).padStart(6)} ${String(entry.shortLived).padStart(6)}`);
		}
	}

	return lines;
}
