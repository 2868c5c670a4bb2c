import type {Session} from './session.js';
import {
	churnDimensions,
	type ChurnDimension,
	type ChurnState,
	type KeyCounts,
	type Tombstone,
} from './churn.js';
import {createRing, pushRing, type Ring} from './ring.js';
import type {GroupBy, ServiceStats} from './types.js';

/** Whether a session was born less than `highlightMs` ago (the first snapshot births nothing). */
export function isNewSession(state: ChurnState, session: Pick<Session, 'host' | 'id'>, nowMs: number): boolean {
	const firstSeenMs = state.sessions.get(session.host)?.recent.get(session.id);
	return firstSeenMs !== undefined && nowMs - firstSeenMs < state.options.highlightMs;
}

/** Tombstones not yet expired at `nowMs`, newest first; the screen may redraw between polls. */
export function liveTombstones(state: ChurnState, nowMs: number): Tombstone[] {
	return state.tombstones.filter(tombstone => nowMs - tombstone.diedMs < state.options.tombstoneMs);
}

export function historyValues(state: ChurnState, field: 'sessions' | 'opens' | 'closes'): number[] {
	return state.history.items.map(sample => sample[field]);
}

export type ChurnEntry = KeyCounts & {key: string};

export type ChurnSummary = {
	opens: number;
	closes: number;
	shortLived: number;
	/** Scaled from the window to one minute. */
	opensPerMinute: number;
	closesPerMinute: number;
	/** Most active keys first (opened + closed), at most `topK` each. */
	top: Record<ChurnDimension, ChurnEntry[]>;
};

function windowBuckets(state: ChurnState, nowMs: number) {
	const bucketMs = state.options.windowMs / state.buckets.length;
	const slot = Math.floor(nowMs / bucketMs);
	return state.buckets.filter(bucket => bucket !== undefined && bucket.slot <= slot && bucket.slot > slot - state.buckets.length);
}

function mergeCounts(state: ChurnState, nowMs: number, dimension: ChurnDimension): Map<string, KeyCounts> {
	const merged = new Map<string, KeyCounts>();
	for (const bucket of windowBuckets(state, nowMs)) {
		for (const [key, counts] of bucket!.byKey[dimension]) {
			const sum = merged.get(key) ?? {opened: 0, closed: 0, shortLived: 0};
			merged.set(key, {opened: sum.opened + counts.opened, closed: sum.closed + counts.closed, shortLived: sum.shortLived + counts.shortLived});
		}
	}

	return merged;
}

function topEntries(counts: Map<string, KeyCounts>, topK: number): ChurnEntry[] {
	return [...counts]
		.map(([key, value]) => ({key, ...value}))
		.toSorted((a, b) => (b.opened + b.closed) - (a.opened + a.closed) || b.shortLived - a.shortLived || (a.key < b.key ? -1 : 1))
		.slice(0, topK);
}

/** The churn panel: what opened and closed in the last window, and who did it. */
export function churnSummary(state: ChurnState, nowMs: number, topK = 5): ChurnSummary {
	let opens = 0;
	let closes = 0;
	let shortLived = 0;
	for (const bucket of windowBuckets(state, nowMs)) {
		opens += bucket!.opens;
		closes += bucket!.closes;
		shortLived += bucket!.shortLived;
	}

	const scale = 60_000 / state.options.windowMs;
	return {
		opens,
		closes,
		shortLived,
		opensPerMinute: opens * scale,
		closesPerMinute: closes * scale,
		top: Object.fromEntries(churnDimensions.map(dimension => [dimension, topEntries(mergeCounts(state, nowMs, dimension), topK)])) as ChurnSummary['top'],
	};
}

/** Opens in the last window per group key, for `groupSessions`; undefined for keys not tracked. */
export function opensLastMinuteBy(state: ChurnState, nowMs: number, by: GroupBy): Map<string, number> | undefined {
	return by === 'server' || by === 'thread' ? undefined : new Map([...mergeCounts(state, nowMs, by)].map(([key, counts]) => [key, counts.opened]));
}

/**
Growth of `total_connections` over client-facing services between two snapshots; undefined when a counter is
missing or went down (service re-created, MaxScale restarted) or a client-facing service appeared or vanished.
*/
export function connectionsGrowth(previous: readonly ServiceStats[], next: readonly ServiceStats[]): number | undefined {
	const before = new Map(previous.filter(service => service.hasListeners).map(service => [service.id, service.totalConnections]));
	const after = next.filter(service => service.hasListeners);
	if (after.length !== before.size) {
		return undefined;
	}

	let delta = 0;
	for (const service of after) {
		const earlier = before.get(service.id);
		if (earlier === undefined || service.totalConnections === undefined || service.totalConnections < earlier) {
			return undefined;
		}

		delta += service.totalConnections - earlier;
	}

	return delta;
}

/*
Sessions too brief to be seen in any snapshot (API reference §11.4), per MaxScale: `total_connections` growth
minus the births seen past the handshake and our own restarts (each connects again). Services (about every second)
and the list (2 s or slower) fall in different intervals, so both are summed over a window, not compared per
snapshot. Growth after the newest list waits: births in it cannot have been seen yet.
*/

type TimedCount = {atMs: number; count: number};

export type InvisibleHistory = {
	/** The newest services snapshot, the base of the next growth sample. */
	readonly base?: {atMs: number; services: readonly ServiceStats[]};
	/** `total_connections` growth minus our restarts, stamped with the later services snapshot. */
	readonly growth: Ring<TimedCount>;
	/** Births seen past the handshake, stamped with their list snapshot. */
	readonly births: Ring<TimedCount>;
	/** Nothing before this is known: the first snapshots, a counter reset, samples the rings let go. */
	readonly sinceMs?: number;
	readonly lastListMs?: number;
};

/** Each ring holds `capacity` samples: 120 covers a minute at the fastest (half-second) pace. */
export function createInvisibleHistory(capacity = 120): InvisibleHistory {
	return {growth: createRing(capacity), births: createRing(capacity)};
}

function later(a: number | undefined, b: number): number {
	return a === undefined ? b : Math.max(a, b);
}

/** Samples at or before `beforeMs` are dropped (the window only moves on); one the full ring pushes out moves `sinceMs`. */
function push(ring: Ring<TimedCount>, sample: TimedCount, beforeMs: number, sinceMs: number | undefined): {ring: Ring<TimedCount>; sinceMs?: number} {
	const kept = ring.items.filter(item => item.atMs > beforeMs);
	const lostMs = kept.length >= ring.capacity ? kept.at(-ring.capacity)!.atMs : undefined;
	return {ring: pushRing(createRing(ring.capacity, kept), sample), sinceMs: lostMs === undefined ? sinceMs : later(sinceMs, lostMs)};
}

export function addServicesSample(history: InvisibleHistory, atMs: number, services: readonly ServiceStats[], restartsByUs: number, windowMs: number): InvisibleHistory {
	const {base} = history;
	if (!base) {
		return {...history, base: {atMs, services}, sinceMs: later(history.sinceMs, atMs)};
	}

	const growth = atMs >= base.atMs ? connectionsGrowth(base.services, services) : undefined;
	if (growth === undefined) {
		return {
			...createInvisibleHistory(history.growth.capacity), base: {atMs, services}, sinceMs: atMs, lastListMs: history.lastListMs,
		};
	}

	const {ring, sinceMs} = push(history.growth, {atMs, count: growth - restartsByUs}, (history.lastListMs ?? atMs) - windowMs, history.sinceMs);
	return {
		...history, base: {atMs, services}, growth: ring, sinceMs,
	};
}

export function addListSample(history: InvisibleHistory, atMs: number, births: number, windowMs: number): InvisibleHistory {
	if (history.lastListMs === undefined) {
		// The first list only learns what exists: a fleet member's first list would be all births.
		return {...history, lastListMs: atMs, sinceMs: later(history.sinceMs, atMs)};
	}

	if (atMs < history.lastListMs) {
		// A replay stepped back: what was summed no longer matches the list on screen.
		return {...createInvisibleHistory(history.growth.capacity), lastListMs: atMs, sinceMs: atMs};
	}

	const {ring, sinceMs} = push(history.births, {atMs, count: births}, atMs - windowMs, history.sinceMs);
	return {
		...history, births: ring, lastListMs: atMs, sinceMs,
	};
}

function sumBetween(ring: Ring<TimedCount>, afterMs: number, untilMs: number): {count: number; samples: number} {
	const inside = ring.items.filter(item => item.atMs > afterMs && item.atMs <= untilMs);
	return {count: inside.reduce((sum, item) => sum + item.count, 0), samples: inside.length};
}

/** The figure over the last `windowMs` up to the newest list, or the shorter `spanMs` known; undefined before a growth sample. */
export function invisibleEstimate(history: InvisibleHistory, windowMs: number): {count: number; spanMs: number} | undefined {
	const {lastListMs, sinceMs} = history;
	if (lastListMs === undefined || sinceMs === undefined) {
		return undefined;
	}

	const startMs = Math.max(sinceMs, lastListMs - windowMs);
	const growth = sumBetween(history.growth, startMs, lastListMs);
	if (growth.samples === 0) {
		return undefined;
	}

	const births = sumBetween(history.births, startMs, lastListMs);
	return {count: Math.max(0, growth.count - births.count), spanMs: lastListMs - startMs};
}
