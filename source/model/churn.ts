import type {Session} from './session.js';
import {clientSubnet} from './filter-address.js';
import {groupKeys, noneKey} from './group.js';
import {
	createRing,
	pushRing,
	ringLast,
	type Ring,
} from './ring.js';

export {
	addListSample, addServicesSample, churnSummary, connectionsGrowth, createInvisibleHistory, historyValues, invisibleEstimate, isNewSession, liveTombstones, opensLastMinuteBy,
} from './churn-summary.js';
export type {ChurnEntry, ChurnSummary, InvisibleHistory} from './churn-summary.js';

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
	services: string[];
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
Tracked sessions by host, then by id: no `host/id` string is built and hashed per session per
refresh (that and its garbage were most of this module's cost at 50,000 sessions).
*/
export type TrackedSessions = ReadonlyMap<string, ReadonlyMap<string, Tracked>>;

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

export function sessionKey(session: Pick<Session, 'host' | 'id'>): string {
	return `${session.host}/${session.id}`;
}

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

export function updateChurn(state: ChurnState, snapshot: readonly Session[], nowMs: number, context: {unreachableHosts?: ReadonlySet<string>} = {}): ChurnState {
	const {options} = state;
	const bucketMs = options.windowMs / state.buckets.length;
	const slot = Math.floor(nowMs / bucketMs);
	const index = ((slot % state.buckets.length) + state.buckets.length) % state.buckets.length;
	const previousBucket = state.buckets[index]?.slot === slot ? state.buckets[index] : undefined;
	const writer = new BucketWriter(previousBucket, options.maxKeysPerBucket);
	const interval: ChurnInterval = {
		opens: 0, closes: 0, seenStarted: 0, handshakes: 0, durationMs: state.lastUpdateMs === undefined ? undefined : nowMs - state.lastUpdateMs,
	};
	const next = new Map<string, Map<string, Tracked>>();
	let nextCount = 0;
	let matched = 0;
	// The snapshot lists one host's sessions after another: look the host up once per run.
	let runHost: string | undefined;
	let nextOfHost = new Map<string, Tracked>();
	let knownOfHost: ReadonlyMap<string, Tracked> | undefined;

	for (const session of snapshot) {
		if (session.host !== runHost) {
			runHost = session.host;
			knownOfHost = state.sessions.get(runHost);
			let existing = next.get(runHost);
			if (!existing) {
				existing = new Map();
				next.set(runHost, existing);
			}

			nextOfHost = existing;
		}

		const {id} = session;
		if (nextOfHost.has(id)) {
			continue;
		}

		nextCount++;
		const known = knownOfHost?.get(id);
		if (known) {
			matched++;
			nextOfHost.set(id, {session, firstSeenMs: known.firstSeenMs, lastSeenMs: nowMs});
			if (known.session.state === handshakeState && session.state !== handshakeState) {
				interval.seenStarted++;
			}

			continue;
		}

		nextOfHost.set(id, {session, firstSeenMs: state.initialized ? nowMs : undefined, lastSeenMs: nowMs});
		if (!state.initialized) {
			continue;
		}

		interval.opens++;
		if (session.state === handshakeState) {
			interval.handshakes++;
		} else {
			interval.seenStarted++;
		}

		writer.count(session, {opened: 1});
	}

	const buried: Tombstone[] = [];
	// Every known session still listed (the common refresh): nothing closed, skip the second pass.
	const known = matched === state.trackedCount ? new Map<string, ReadonlyMap<string, Tracked>>() : state.sessions;
	for (const [host, knownOfThisHost] of known) {
		let nextOfThisHost = next.get(host);
		for (const [id, tracked] of knownOfThisHost) {
			if (nextOfThisHost?.has(id)) {
				continue;
			}

			if (context.unreachableHosts?.has(host)) {
				if (!nextOfThisHost) {
					nextOfThisHost = new Map();
					next.set(host, nextOfThisHost);
				}

				nextOfThisHost.set(id, tracked);
				nextCount++;
				continue;
			}

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
