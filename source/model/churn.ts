import type {Session} from './session.js';
import {emptyHost, HostWalk, type HostSessions} from './host-walk.js';
import {sessionKey} from './types.js';
import {clientSubnet} from './filter-address.js';
import {groupKeys, noneKey} from './group.js';
import {
	createRing,
	pushRing,
	ringLast,
	type Ring,
} from './ring.js';

/*
Session churn from successive snapshots of one host or the merged fleet. Pure, so it can live in a React
reducer; memory is bounded at any churn rate (capped tombstones, a ring of buckets with capped key maps).
*/

export type ChurnOptions = {
	/** How long a new session stays marked as new. */
	highlightMs: number;
	/** How long a closed session stays on screen as a tombstone. */
	tombstoneMs: number;
	/** The "last minute" window of the churn panel. */
	windowMs: number;
	maxTombstones: number;
	/** Samples kept for sparklines. */
	historyLength: number;
	/** Sessions that lived less than this are short-lived; default 10. */
	shortLivedSeconds?: number;
};

/** One sparkline sample a second: polls within one (a fleet's hosts, a quick refresh) add up instead of moving the line. */
const historySlotMs = 1000;
/** The window is cut into 12 buckets; each counts 200 distinct keys a dimension, the rest under `(other)`. */
const bucketCount = 12;
const maxKeysPerBucket = 200;

/** `subnet` is the client's /24 or /64: a storm spread over many addresses of one network is one key. */
export const churnDimensions = ['client', 'subnet', 'user', 'app', 'service', 'host'] as const;

export type ChurnDimension = typeof churnDimensions[number];

export const otherKey = '(other)';

export type Tombstone = {
	key: string;
	host: string;
	id: string;
	user?: string;
	remote?: string;
	services: readonly string[];
	appName?: string;
	/** Estimated: age at the last sighting plus half the time until the session was missed. */
	lifetimeSeconds?: number;
	diedMs: number;
};

export type KeyCounts = {opened: number; closed: number; shortLived: number};

type Bucket = {
	slot: number;
	opens: number;
	closes: number;
	shortLived: number;
	byKey: Readonly<Record<ChurnDimension, ReadonlyMap<string, KeyCounts>>>;
};

export type ChurnSample = {sessions: number; opens: number; closes: number; slot?: number};

export type ChurnInterval = {
	opens: number;
	closes: number;
	/** Births first seen past the handshake, plus sessions that left "Session created" (for §11.4). */
	seenStarted: number;
	/** Births first seen as "Session created": handshakes in progress, never counted by MaxScale. */
	handshakes: number;
	durationMs?: number;
};

export type ChurnState = {
	readonly options: Required<ChurnOptions>;
	/** By host. */
	readonly sessions: ReadonlyMap<string, HostSessions>;
	readonly trackedCount: number;
	readonly initialized: boolean;
	readonly lastUpdateMs?: number;
	/** Newest first. */
	readonly tombstones: readonly Tombstone[];
	readonly buckets: ReadonlyArray<Bucket | undefined>;
	readonly history: Ring<ChurnSample>;
	readonly lastInterval: ChurnInterval;
};

const handshakeState = 'Session created';

export function createChurnTracker(options: ChurnOptions): ChurnState {
	const resolved: Required<ChurnOptions> = {shortLivedSeconds: 10, ...options};
	return {
		options: resolved,
		sessions: new Map(),
		trackedCount: 0,
		initialized: false,
		tombstones: [],
		buckets: Array.from({length: bucketCount}, () => undefined),
		history: createRing(resolved.historyLength),
		lastInterval: {
			opens: 0, closes: 0, seenStarted: 0, handshakes: 0,
		},
	};
}

type BucketDraft = Omit<Bucket, 'byKey'> & {byKey: Record<ChurnDimension, Map<string, KeyCounts>>};

function draftBucket(previous: Bucket | undefined, slot: number): BucketDraft {
	const byKey = Object.fromEntries(churnDimensions.map(dimension => [dimension, new Map(previous?.byKey[dimension])]));
	return {
		slot, opens: previous?.opens ?? 0, closes: previous?.closes ?? 0, shortLived: previous?.shortLived ?? 0, byKey: byKey as BucketDraft['byKey'],
	};
}

function countKeys(bucket: BucketDraft, session: Session, change: KeyCounts): void {
	for (const dimension of churnDimensions) {
		const map = bucket.byKey[dimension];
		const keys = dimension === 'subnet' ? groupKeys(session, 'client').map(client => clientSubnet(client)) : groupKeys(session, dimension);
		for (const wanted of keys.length === 0 ? [noneKey] : keys) {
			const key = map.has(wanted) || map.size < maxKeysPerBucket ? wanted : otherKey;
			const counts = map.get(key) ?? {opened: 0, closed: 0, shortLived: 0};
			map.set(key, {opened: counts.opened + change.opened, closed: counts.closed + change.closed, shortLived: counts.shortLived + change.shortLived});
		}
	}
}

function lifetimeSeconds(session: Session, firstSeenMs: number, lastSeenMs: number, nowMs: number): number | undefined {
	const age = session.ageSeconds
		?? (session.connectedMs === undefined ? undefined : (lastSeenMs - session.connectedMs) / 1000)
		?? (Number.isNaN(firstSeenMs) ? undefined : (lastSeenMs - firstSeenMs) / 1000);
	return age === undefined ? undefined : Math.max(0, age + ((nowMs - lastSeenMs) / 2000));
}

function addSample(history: Ring<ChurnSample>, slot: number, sessions: number, interval: ChurnInterval): Ring<ChurnSample> {
	const last = ringLast(history);
	if (last?.slot !== slot) {
		return pushRing(history, {
			sessions, opens: interval.opens, closes: interval.closes, slot,
		});
	}

	if (interval.opens === 0 && interval.closes === 0 && last.sessions === sessions) {
		return history;
	}

	return {
		capacity: history.capacity,
		items: [...history.items.slice(0, -1), {
			sessions, opens: last.opens + interval.opens, closes: last.closes + interval.closes, slot,
		}],
	};
}

export type ChurnContext = {
	/** Hosts whose sessions are carried over as they were, not buried: their list is not in this snapshot. */
	unreachableHosts?: ReadonlySet<string>;
	/** Hosts whose lists (maybe empty) the snapshot holds, a first list being a baseline; default: the hosts with sessions in it. */
	hosts?: Iterable<string>;
	/** Hosts whose MaxScale restarted since their last list: the old sessions ended with it, the new are a baseline; neither is churn. */
	restartedHosts?: ReadonlySet<string>;
};

/**
The churn state after one snapshot taken at `nowMs`. The first snapshot only learns what exists.
*/
export function updateChurn(state: ChurnState, snapshot: readonly Session[], nowMs: number, context: ChurnContext = {}): ChurnState {
	return finish(churnSteps(state, snapshot, nowMs, context));
}

/** What `steps` return, all taken at once. */
export function finish<T>(steps: Generator<undefined, T, undefined>): T {
	let step = steps.next();
	while (!step.done) {
		step = steps.next();
	}

	return step.value;
}

/**
`updateChurn` in steps of `stepSessions` sessions: walking 50,000 sessions takes longer than a frame,
so the app gives the event loop a turn between steps.
*/
export function * churnSteps(state: ChurnState, snapshot: readonly Session[], nowMs: number, context: ChurnContext = {}, stepSessions = 8192): Generator<undefined, ChurnState, undefined> {
	const {options} = state;
	const bucketMs = options.windowMs / state.buckets.length;
	const slot = Math.floor(nowMs / bucketMs);
	const index = ((slot % state.buckets.length) + state.buckets.length) % state.buckets.length;
	const bucket = draftBucket(state.buckets[index]?.slot === slot ? state.buckets[index] : undefined, slot);
	const interval: ChurnInterval = {
		opens: 0, closes: 0, seenStarted: 0, handshakes: 0, durationMs: state.lastUpdateMs === undefined ? undefined : nowMs - state.lastUpdateMs,
	};
	const walks = new Map<string, HostWalk>();
	// The snapshot lists one host's sessions after another: look the host up once per run.
	let walk: HostWalk | undefined;
	let walkHost: string | undefined;
	let walked = 0;
	for (const session of snapshot) {
		if (++walked % stepSessions === 0) {
			yield;
		}

		if (session.host !== walkHost || !walk) {
			walkHost = session.host;
			walk = walks.get(walkHost);
			if (!walk) {
				walk = new HostWalk(context.restartedHosts?.has(walkHost) ? undefined : state.sessions.get(walkHost), nowMs, options.highlightMs);
				walks.set(walkHost, walk);
			}
		}

		const known = walk.find(session.id);
		if (known !== -1) {
			if (walk.matched[known] === 0) {
				walk.matched[known] = 1;
				const previous = walk.previous!;
				walk.add(session, previous.firstSeenMs[known]!);
				if (previous.sessions[known]!.state === handshakeState && session.state !== handshakeState) {
					interval.seenStarted++;
				}
			}
		} else if (!walk.isFirstSighting(session.id)) {
			// A duplicate in the list: counted once.
		} else if (walk.previous) {
			walk.add(session, nowMs);
			walk.recent.set(session.id, nowMs);
			interval.opens++;
			interval[session.state === handshakeState ? 'handshakes' : 'seenStarted']++;
			countKeys(bucket, session, {opened: 1, closed: 0, shortLived: 0});
		} else {
			// A host's first list (or its first after a restart) is its baseline, not births.
			walk.add(session, NaN);
		}
	}

	const buried: Tombstone[] = [];
	const next = new Map<string, HostSessions>();
	for (const [host, previous] of state.sessions) {
		const hostWalk = walks.get(host);
		const isUnreachable = context.unreachableHosts?.has(host) ?? false;
		if (!hostWalk && isUnreachable) {
			next.set(host, previous);
			continue;
		}

		if (context.restartedHosts?.has(host)) {
			continue;
		}

		// An index, not entries(): it allocates a pair per session until V8 optimizes the loop.
		for (let known = 0; known < previous.sessions.length; known++) {
			if (++walked % stepSessions === 0) {
				yield;
			}

			if (hostWalk?.matched[known] === 1) {
				continue;
			}

			const session = previous.sessions[known]!;
			const firstSeenMs = previous.firstSeenMs[known]!;
			if (isUnreachable) {
				hostWalk!.add(session, firstSeenMs);
				continue;
			}

			const lifetime = lifetimeSeconds(session, firstSeenMs, previous.seenMs, nowMs);
			const shortLived = lifetime !== undefined && lifetime < options.shortLivedSeconds ? 1 : 0;
			interval.closes++;
			bucket.shortLived += shortLived;
			countKeys(bucket, session, {opened: 0, closed: 1, shortLived});
			if (buried.length < options.maxTombstones) {
				buried.push({
					key: sessionKey(session), host: session.host, id: session.id, user: session.user, remote: session.remote, services: session.services, appName: session.appName, lifetimeSeconds: lifetime, diedMs: nowMs,
				});
			}
		}
	}

	for (const [host, hostWalk] of walks) {
		next.set(host, hostWalk.done(nowMs));
	}

	// A host known with no sessions stays known: its next sessions are births, not a baseline.
	for (const host of [...state.sessions.keys(), ...(context.hosts ?? [])]) {
		if (!next.has(host) && !context.unreachableHosts?.has(host)) {
			next.set(host, emptyHost);
		}
	}

	let trackedCount = 0;
	for (const host of next.values()) {
		trackedCount += host.sessions.length;
	}

	bucket.opens += interval.opens;
	bucket.closes += interval.closes;
	const buckets = [...state.buckets];
	buckets[index] = bucket;
	return {
		options,
		sessions: next,
		trackedCount,
		initialized: true,
		lastUpdateMs: nowMs,
		tombstones: [...buried, ...state.tombstones].filter(tombstone => nowMs - tombstone.diedMs < options.tombstoneMs).slice(0, options.maxTombstones),
		buckets,
		history: addSample(state.history, Math.floor(nowMs / historySlotMs), trackedCount, interval),
		lastInterval: interval,
	};
}
