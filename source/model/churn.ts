import {isNewerSessionId, type Session} from './session.js';
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
Session churn from successive snapshots of one host, or of the merged fleet (keyed by host and
id). Pure: `updateChurn` returns a new state and never changes the old one, so the state can
live in a React reducer. Memory is bounded whatever the churn rate: tracked sessions are the
current snapshot, tombstones are capped, the per-minute window is a fixed ring of buckets whose
per-key counters are capped maps, and the history is a ring.
*/

export type ChurnOptions = {
	/**
	How long a new session stays marked as new.
	*/
	highlightMs: number;
	/**
	How long a closed session stays on screen as a tombstone.
	*/
	tombstoneMs: number;
	/**
	The "last minute" window of the churn panel.
	*/
	windowMs: number;
	maxTombstones: number;
	/**
	Samples kept for sparklines.
	*/
	historyLength: number;
	/**
	One sparkline sample per this many milliseconds: polls within one slot (two hosts of a fleet,
	a refresh right after another) add up into one sample instead of moving the line. Default 1000.
	*/
	historySlotMs?: number;
	/**
	Sessions that lived less than this are short-lived; default 10.
	*/
	shortLivedSeconds?: number;
	/**
	Buckets the window is cut into; default 12 (five seconds each for a minute).
	*/
	bucketCount?: number;
	/**
	Distinct keys counted per bucket and dimension; the rest count under `(other)`. Default 200.
	*/
	maxKeysPerBucket?: number;
};

/**
`subnet` is the client's /24 (IPv4) or /64 (IPv6): a storm spread over many addresses of one
network is one key, and counted as its own dimension it never spills into `(other)`.
*/
export {clientSubnet} from './filter-address.js';

export type ChurnDimension = 'client' | 'subnet' | 'user' | 'app' | 'service' | 'host';

const dimensions: readonly ChurnDimension[] = ['client', 'subnet', 'user', 'app', 'service', 'host'];

export const otherKey = '(other)';

export type Tombstone = {
	key: string;
	host: string;
	id: string;
	user?: string;
	remote?: string;
	services: readonly string[];
	appName?: string;
	/**
	Estimated: age at the last sighting plus half the time until the session was missed.
	*/
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

type Tracked = {session: Session; firstSeenMs?: number; lastSeenMs: number};

/**
One host's sessions at its last snapshot, in the snapshot's order (MaxScale lists them in the same
order from poll to poll), with when each was first seen. The next snapshot is matched against it
by walking both in order: a Map of every session rebuilt per refresh, with an object per session,
cost ~30 ms at 50,000 sessions, most of this module's time.
*/
export class HostSessions {
	readonly sessions: readonly Session[];
	/**
	When each session was first seen; NaN for those already there at the first snapshot.
	*/
	readonly firstSeenMs: readonly number[];
	readonly seenMs: number;
	/**
	Sessions born less than `highlightMs` ago, by id: when they were first seen.
	*/
	readonly recent: ReadonlyMap<string, number>;
	/**
	The highest id, decimal text: ids above it are sessions opened since.
	*/
	readonly newestId: string;

	constructor(sessions: readonly Session[], firstSeenMs: readonly number[], seenMs: number, recent: ReadonlyMap<string, number>, newestId: string) {
		this.sessions = sessions;
		this.firstSeenMs = firstSeenMs;
		this.seenMs = seenMs;
		this.recent = recent;
		this.newestId = newestId;
	}

	get size(): number {
		return this.sessions.length;
	}

	has(id: string): boolean {
		return this.placeOf(id) !== -1;
	}

	/**
	Where session `id` is, or -1; by a map built on first use (only when the order changed).
	*/
	placeOf(id: string): number {
		let byId = indexes.get(this);
		if (!byId) {
			byId = new Map();
			for (const [index, session] of this.sessions.entries()) {
				byId.set(session.id, index);
			}

			indexes.set(this, byId);
		}

		return byId.get(id) ?? -1;
	}

	tracked(index: number): Tracked {
		const firstSeenMs = this.firstSeenMs[index]!;
		return {session: this.sessions[index]!, ...(!Number.isNaN(firstSeenMs) && {firstSeenMs}), lastSeenMs: this.seenMs};
	}
}

// Kept beside, not in, the HostSessions: the state is never changed once made, even a cache.
const indexes = new WeakMap<HostSessions, Map<string, number>>();

/**
Tracked sessions by host.
*/
export type TrackedSessions = ReadonlyMap<string, HostSessions>;

export type ChurnSample = {sessions: number; opens: number; closes: number; slot?: number};

export type ChurnInterval = {
	opens: number;
	closes: number;
	/**
	Births first seen past the handshake, plus sessions that left "Session created" (for §11.4).
	*/
	seenStarted: number;
	/**
	Births first seen as "Session created": handshakes in progress, never counted by MaxScale.
	*/
	handshakes: number;
	durationMs?: number;
};

export type ChurnState = {
	readonly options: Required<ChurnOptions>;
	readonly sessions: TrackedSessions;
	/**
	How many sessions `sessions` holds.
	*/
	readonly trackedCount: number;
	readonly initialized: boolean;
	readonly lastUpdateMs?: number;
	/**
	Newest first.
	*/
	readonly tombstones: readonly Tombstone[];
	readonly buckets: ReadonlyArray<Bucket | undefined>;
	readonly history: Ring<ChurnSample>;
	readonly lastInterval: ChurnInterval;
};

const handshakeState = 'Session created';

export function createChurnTracker(options: ChurnOptions): ChurnState {
	const resolved: Required<ChurnOptions> = {
		shortLivedSeconds: 10, bucketCount: 12, maxKeysPerBucket: 200, historySlotMs: 1000, ...options,
	};
	return {
		options: resolved,
		sessions: new Map(),
		trackedCount: 0,
		initialized: false,
		tombstones: [],
		buckets: Array.from({length: Math.max(1, resolved.bucketCount)}, () => undefined),
		history: createRing(resolved.historyLength),
		lastInterval: {
			opens: 0, closes: 0, seenStarted: 0, handshakes: 0,
		},
	};
}

function dimensionKeys(session: Session, dimension: ChurnDimension): string[] {
	const keys = dimension === 'subnet' ? groupKeys(session, 'client').map(client => clientSubnet(client)) : groupKeys(session, dimension);
	return keys.length === 0 ? [noneKey] : keys;
}

class BucketWriter {
	private readonly byKey: Record<ChurnDimension, Map<string, KeyCounts>>;
	private readonly maxKeys: number;
	opens = 0;
	closes = 0;
	shortLived = 0;

	constructor(previous: Bucket | undefined, maxKeys: number) {
		this.maxKeys = maxKeys;
		const copy = (dimension: ChurnDimension) => new Map(previous?.byKey[dimension]);
		this.byKey = {
			client: copy('client'), subnet: copy('subnet'), user: copy('user'), app: copy('app'), service: copy('service'), host: copy('host'),
		};
		if (!previous) {
			return;
		}

		this.opens = previous.opens;
		this.closes = previous.closes;
		this.shortLived = previous.shortLived;
	}

	count(session: Session, change: Partial<KeyCounts>): void {
		for (const dimension of dimensions) {
			const map = this.byKey[dimension];
			for (const wanted of dimensionKeys(session, dimension)) {
				const key = map.has(wanted) || map.size < this.maxKeys ? wanted : otherKey;
				const counts = map.get(key) ?? {opened: 0, closed: 0, shortLived: 0};
				map.set(key, {
					opened: counts.opened + (change.opened ?? 0),
					closed: counts.closed + (change.closed ?? 0),
					shortLived: counts.shortLived + (change.shortLived ?? 0),
				});
			}
		}
	}

	bucket(slot: number): Bucket {
		return {
			slot, opens: this.opens, closes: this.closes, shortLived: this.shortLived, byKey: this.byKey,
		};
	}
}

function lifetimeSeconds(tracked: Tracked, nowMs: number): number | undefined {
	const {session, firstSeenMs, lastSeenMs} = tracked;
	let age = session.ageSeconds;
	if (age === undefined && session.connectedMs !== undefined) {
		age = (lastSeenMs - session.connectedMs) / 1000;
	}

	if (age === undefined && firstSeenMs !== undefined) {
		age = (lastSeenMs - firstSeenMs) / 1000;
	}

	return age === undefined ? undefined : Math.max(0, age + ((nowMs - lastSeenMs) / 2000));
}

function tombstoneOf(key: string, tracked: Tracked, nowMs: number, lifetime: number | undefined): Tombstone {
	const {session} = tracked;
	return {
		key,
		host: session.host,
		id: session.id,
		user: session.user,
		remote: session.remote,
		services: session.services,
		appName: session.appName,
		lifetimeSeconds: lifetime,
		diedMs: nowMs,
	};
}

/**
The churn state after one snapshot taken at `nowMs`. The first snapshot only learns what exists.
Sessions of `unreachableHosts` (a fleet member whose poll failed) are carried over, not buried.
*/
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

/**
How far past the expected place a known session is looked for before the map of its host's last
snapshot: a few sessions closed since.
*/
const nearby = 8;

/**
A host's sessions being matched against its last snapshot.
*/
class HostWalk {
	readonly previous: HostSessions | undefined;
	readonly matched: Uint8Array;
	readonly sessions: Session[] = [];
	readonly firstSeenMs: number[] = [];
	readonly recent: Map<string, number>;
	newestId = '';
	private cursor = 0;
	// Ids of sessions not in the last snapshot, for duplicates among them.
	private unknown: Set<string> | undefined;

	constructor(previous: HostSessions | undefined, nowMs: number, highlightMs: number) {
		this.previous = previous;
		this.matched = new Uint8Array(previous?.size ?? 0);
		this.recent = new Map();
		for (const [id, firstSeenMs] of previous?.recent ?? []) {
			if (nowMs - firstSeenMs < highlightMs) {
				this.recent.set(id, firstSeenMs);
			}
		}
	}

	/**
	Where session `id` was in the last snapshot, or -1.
	*/
	find(id: string): number {
		const {previous} = this;
		if (!previous) {
			return -1;
		}

		const {sessions} = previous;
		const end = Math.min(this.cursor + nearby, sessions.length);
		for (let index = this.cursor; index < end; index++) {
			if (sessions[index]!.id === id) {
				this.cursor = index + 1;
				return index;
			}
		}

		if (isNewerSessionId(id, previous.newestId)) {
			return -1;
		}

		const index = previous.placeOf(id);
		if (index !== -1) {
			this.cursor = index + 1;
		}

		return index;
	}

	/**
	False for a second sighting of a session not in the last snapshot.
	*/
	isFirstSighting(id: string): boolean {
		this.unknown ??= new Set();
		if (this.unknown.has(id)) {
			return false;
		}

		this.unknown.add(id);
		return true;
	}

	add(session: Session, firstSeenMs: number): void {
		this.sessions.push(session);
		this.firstSeenMs.push(firstSeenMs);
		if (isNewerSessionId(session.id, this.newestId)) {
			this.newestId = session.id;
		}
	}

	done(nowMs: number): HostSessions {
		return new HostSessions(this.sessions, this.firstSeenMs, nowMs, this.recent, this.newestId);
	}
}

export type ChurnContext = {
	/**
	Fleet members whose poll failed: their sessions are carried over, not buried.
	*/
	unreachableHosts?: ReadonlySet<string>;
	/**
	Hosts whose (possibly empty) lists the snapshot holds: a host's first list, even an empty one,
	is its baseline. Without it, the hosts that have sessions in the snapshot.
	*/
	hosts?: Iterable<string>;
	/**
	Hosts whose MaxScale restarted since their last list: their old sessions ended with it and the
	new ones are a baseline, so neither counts as churn.
	*/
	restartedHosts?: ReadonlySet<string>;
};

const emptyHost = new HostSessions([], [], 0, new Map(), '');

export function updateChurn(state: ChurnState, snapshot: readonly Session[], nowMs: number, context: ChurnContext = {}): ChurnState {
	const {options} = state;
	const bucketMs = options.windowMs / state.buckets.length;
	const slot = Math.floor(nowMs / bucketMs);
	const index = ((slot % state.buckets.length) + state.buckets.length) % state.buckets.length;
	const previousBucket = state.buckets[index]?.slot === slot ? state.buckets[index] : undefined;
	const writer = new BucketWriter(previousBucket, options.maxKeysPerBucket);
	const interval: ChurnInterval = {
		opens: 0, closes: 0, seenStarted: 0, handshakes: 0, durationMs: state.lastUpdateMs === undefined ? undefined : nowMs - state.lastUpdateMs,
	};
	const walks = new Map<string, HostWalk>();
	// The snapshot lists one host's sessions after another: look the host up once per run.
	let runHost: string | undefined;
	let walk: HostWalk | undefined;

	for (const session of snapshot) {
		if (session.host !== runHost || !walk) {
			runHost = session.host;
			walk = walks.get(runHost);
			if (!walk) {
				walk = new HostWalk(context.restartedHosts?.has(runHost) ? undefined : state.sessions.get(runHost), nowMs, options.highlightMs);
				walks.set(runHost, walk);
			}
		}

		const {id} = session;
		const known = walk.find(id);
		if (known !== -1) {
			if (walk.matched[known] === 1) {
				continue;
			}

			walk.matched[known] = 1;
			const previous = walk.previous!;
			walk.add(session, previous.firstSeenMs[known]!);
			if (previous.sessions[known]!.state === handshakeState && session.state !== handshakeState) {
				interval.seenStarted++;
			}

			continue;
		}

		if (!walk.isFirstSighting(id)) {
			continue;
		}

		// Sessions present at a host's first list (or its first after a restart) are its baseline, not births.
		if (!walk.previous) {
			walk.add(session, NaN);
			continue;
		}

		walk.add(session, nowMs);
		walk.recent.set(id, nowMs);
		interval.opens++;
		if (session.state === handshakeState) {
			interval.handshakes++;
		} else {
			interval.seenStarted++;
		}

		writer.count(session, {opened: 1});
	}

	const buried: Tombstone[] = [];
	const next = new Map<string, HostSessions>();
	for (const [host, previous] of state.sessions) {
		const hostWalk = walks.get(host);
		if (!hostWalk && context.unreachableHosts?.has(host)) {
			next.set(host, previous);
			continue;
		}

		if (context.restartedHosts?.has(host)) {
			continue;
		}

		const matched = hostWalk?.matched;
		for (let known = 0; known < previous.size; known++) {
			if (matched?.[known] === 1) {
				continue;
			}

			if (context.unreachableHosts?.has(host)) {
				hostWalk!.add(previous.sessions[known]!, previous.firstSeenMs[known]!);
				continue;
			}

			const tracked = previous.tracked(known);
			const lifetime = lifetimeSeconds(tracked, nowMs);
			const shortLived = lifetime !== undefined && lifetime < options.shortLivedSeconds ? 1 : 0;
			interval.closes++;
			writer.shortLived += shortLived;
			writer.count(tracked.session, {closed: 1, shortLived});
			if (buried.length < options.maxTombstones) {
				buried.push(tombstoneOf(sessionKey(tracked.session), tracked, nowMs, lifetime));
			}
		}
	}

	let nextCount = 0;
	for (const [host, hostWalk] of walks) {
		next.set(host, hostWalk.done(nowMs));
		nextCount += hostWalk.sessions.length;
	}

	// A host known with no sessions stays known: its next sessions are births, not a baseline.
	for (const host of [...state.sessions.keys(), ...(context.hosts ?? [])]) {
		if (!next.has(host) && !context.unreachableHosts?.has(host)) {
			next.set(host, emptyHost);
		}
	}

	for (const [host, carried] of next) {
		if (!walks.has(host)) {
			nextCount += carried.size;
		}
	}

	writer.opens += interval.opens;
	writer.closes += interval.closes;
	const buckets = [...state.buckets];
	buckets[index] = writer.bucket(slot);
	const tombstones = [...buried, ...state.tombstones]
		.filter(tombstone => nowMs - tombstone.diedMs < options.tombstoneMs)
		.slice(0, options.maxTombstones);

	return {
		options,
		sessions: next,
		trackedCount: nextCount,
		initialized: true,
		lastUpdateMs: nowMs,
		tombstones,
		buckets,
		history: addSample(state.history, Math.floor(nowMs / options.historySlotMs), nextCount, interval),
		lastInterval: interval,
	};
}
