import type {ServiceStats} from '../api/types.js';
import type {
	ChurnDimension,
	ChurnSample,
	ChurnState,
	KeyCounts,
	Tombstone,
} from './churn.js';
import type {GroupBy} from './group.js';

/**
Whether a session was born less than `highlightMs` ago (the first snapshot births nothing).
*/
export function isNewSession(state: ChurnState, key: string, nowMs: number): boolean {
	const firstSeenMs = state.sessions.get(key)?.firstSeenMs;
	return firstSeenMs !== undefined && nowMs - firstSeenMs < state.options.highlightMs;
}

/**
Tombstones not yet expired at `nowMs`, newest first; the screen may redraw between polls.
*/
export function liveTombstones(state: ChurnState, nowMs: number): Tombstone[] {
	return state.tombstones.filter(tombstone => nowMs - tombstone.diedMs < state.options.tombstoneMs);
}

export function historyValues(state: ChurnState, field: keyof ChurnSample): number[] {
	return state.history.items.map(sample => sample[field]);
}

export type ChurnEntry = KeyCounts & {key: string};

export type ChurnSummary = {
	opens: number;
	closes: number;
	shortLived: number;
	/**
	Scaled from the window to one minute.
	*/
	opensPerMinute: number;
	closesPerMinute: number;
	/**
	Most active keys first (opened + closed), at most `topK` each.
	*/
	top: Record<Exclude<ChurnDimension, 'host'>, ChurnEntry[]> & {host: ChurnEntry[]};
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

/**
The churn panel: what opened and closed in the last window, and who did it.
*/
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
		top: {
			client: topEntries(mergeCounts(state, nowMs, 'client'), topK),
			user: topEntries(mergeCounts(state, nowMs, 'user'), topK),
			app: topEntries(mergeCounts(state, nowMs, 'app'), topK),
			service: topEntries(mergeCounts(state, nowMs, 'service'), topK),
			host: topEntries(mergeCounts(state, nowMs, 'host'), topK),
		},
	};
}

/**
Opens in the last window per group key, for `groupSessions`; undefined for keys not tracked.
*/
export function opensLastMinuteBy(state: ChurnState, nowMs: number, by: GroupBy): Map<string, number> | undefined {
	if (by === 'server' || by === 'thread') {
		return undefined;
	}

	const opens = new Map<string, number>();
	for (const [key, counts] of mergeCounts(state, nowMs, by)) {
		opens.set(key, counts.opened);
	}

	return opens;
}

/**
Sessions too brief to be seen in any snapshot (API reference §11.4): the growth of
`total_connections` over the services that face clients, minus the births maxtop saw past the
handshake and the restarts it triggered itself (each restart connects again). Restarts by others
are invisible, hence the clamp at 0. Undefined when a counter is missing, a client-facing
service appeared or vanished, or a counter went down (service re-created or MaxScale restarted).
*/
export function invisibleChurn(
	previous: readonly ServiceStats[] | undefined,
	next: readonly ServiceStats[] | undefined,
	birthsSeenStarted: number,
	restartsByUs: number,
): number | undefined {
	if (!previous || !next) {
		return undefined;
	}

	const before = new Map(previous.filter(service => service.hasListeners).map(service => [service.id, service.totalConnections]));
	const after = next.filter(service => service.hasListeners);
	if (after.length !== before.size) {
		return undefined;
	}

	let delta = 0;
	for (const service of after) {
		const earlier = before.get(service.id);
		if (earlier === undefined || service.totalConnections === undefined) {
			return undefined;
		}

		if (service.totalConnections < earlier) {
			return undefined;
		}

		delta += service.totalConnections - earlier;
	}

	return Math.max(0, delta - birthsSeenStarted - restartsByUs);
}
