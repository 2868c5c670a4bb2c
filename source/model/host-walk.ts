import {isNewerSessionId, type Session} from './session.js';

/** One host's sessions at its last snapshot, in order: MaxScale lists them alike each poll, so both are walked in order. */
export type HostSessions = {
	readonly sessions: readonly Session[];
	/** When each session was first seen; NaN for those there at the host's first snapshot. */
	readonly firstSeenMs: readonly number[];
	readonly seenMs: number;
	/** Sessions born less than `highlightMs` ago, by id: when they were first seen. */
	readonly recent: ReadonlyMap<string, number>;
	/** The highest id: ids above it are sessions opened since. */
	readonly newestId: string;
};

// Built on first use (only when the order changed); beside the state, which is never changed.
const places = new WeakMap<HostSessions, Map<string, number>>();

function placeOf(host: HostSessions, id: string): number {
	let byId = places.get(host);
	if (!byId) {
		byId = new Map(host.sessions.map((session, index) => [session.id, index]));
		places.set(host, byId);
	}

	return byId.get(id) ?? -1;
}

/** How far past its expected place a session is looked for before the map: a few sessions closed since. */
const nearby = 8;

/** A host's sessions being matched against its last snapshot. */
export class HostWalk {
	readonly previous: HostSessions | undefined;
	readonly matched: Uint8Array;
	readonly sessions: Session[] = [];
	readonly firstSeenMs: number[] = [];
	readonly recent = new Map<string, number>();
	newestId = '';
	private cursor = 0;
	// Sessions not in the last snapshot, to skip a second sighting of one.
	private readonly unknown = new Set<string>();

	constructor(previous: HostSessions | undefined, nowMs: number, highlightMs: number) {
		this.previous = previous;
		this.matched = new Uint8Array(previous?.sessions.length ?? 0);
		for (const [id, firstSeenMs] of previous?.recent ?? []) {
			if (nowMs - firstSeenMs < highlightMs) {
				this.recent.set(id, firstSeenMs);
			}
		}
	}

	/** Where session `id` was in the last snapshot, or -1. */
	find(id: string): number {
		const {previous} = this;
		if (!previous) {
			return -1;
		}

		const end = Math.min(this.cursor + nearby, previous.sessions.length);
		for (let index = this.cursor; index < end; index++) {
			if (previous.sessions[index]!.id === id) {
				this.cursor = index + 1;
				return index;
			}
		}

		const index = isNewerSessionId(id, previous.newestId) ? -1 : placeOf(previous, id);
		if (index !== -1) {
			this.cursor = index + 1;
		}

		return index;
	}

	isFirstSighting(id: string): boolean {
		const isFirst = !this.unknown.has(id);
		this.unknown.add(id);
		return isFirst;
	}

	add(session: Session, firstSeenMs: number): void {
		this.sessions.push(session);
		this.firstSeenMs.push(firstSeenMs);
		if (isNewerSessionId(session.id, this.newestId)) {
			this.newestId = session.id;
		}
	}

	done(nowMs: number): HostSessions {
		return {
			sessions: this.sessions, firstSeenMs: this.firstSeenMs, seenMs: nowMs, recent: this.recent, newestId: this.newestId,
		};
	}
}

export const emptyHost: HostSessions = {
	sessions: [], firstSeenMs: [], seenMs: 0, recent: new Map(), newestId: '',
};

