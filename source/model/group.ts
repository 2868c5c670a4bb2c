import type {Session} from './session.js';
import {type FieldKey, sessionFields} from './session-fields.js';
import type {GroupBy} from './types.js';
import {clientAddress, quoteFilterValue} from './filter.js';

/** Key of the group for sessions without the attribute (handshake-pending sessions have no user). */
export const noneKey = '(none)';

export type SessionGroup = {
	key: string;
	/** The sessions lack the attribute; `key` is then `(none)`. */
	missing: boolean;
	count: number;
	/** Sum over the sessions that reported memory; absent when none did (before 22.08). */
	memoryBytes?: number;
	maxIdleSeconds?: number;
	/** Age of the youngest session. */
	newestAgeSeconds?: number;
	opensLastMinute?: number;
};

/** The session field each grouping reads; its filter name is the one `groupFilterTerm` writes. */
const groupFields = {
	user: 'user', client: 'remote', app: 'appName', service: 'services', server: 'servers', thread: 'thread', host: 'host',
} as const satisfies Record<GroupBy, FieldKey>;

/**
The keys a session is counted under, each of its servers (or services) once; a client key is the address
without port or `::ffff:`, as the churn panel's.
*/
export function groupKeys(session: Session, by: GroupBy): string[] {
	const value = session[groupFields[by]];
	const keys = typeof value === 'object' ? [...new Set(value)] : (value === undefined ? [] : [String(value)]);
	return (by === 'client' ? keys.map(key => clientAddress(key)) : keys).filter(key => key !== '');
}

function defined(pick: (a: number, b: number) => number, a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined ? b : (b === undefined ? a : pick(a, b));
}

/** Group keys per session; a client address is normalized once: thousands of sessions come from a few hundred. */
function keyReader(by: GroupBy): (session: Session) => string[] {
	if (by !== 'client') {
		return session => groupKeys(session, by);
	}

	const byRemote = new Map<string, string[]>();
	return session => {
		if (session.remote === undefined) {
			return [];
		}

		let keys = byRemote.get(session.remote);
		if (keys === undefined) {
			keys = groupKeys(session, by);
			byRemote.set(session.remote, keys);
		}

		return keys;
	};
}

/** Groups sorted by session count, largest first (ties by key). */
export function groupSessions(sessions: readonly Session[], by: GroupBy, opensLastMinute?: ReadonlyMap<string, number>): SessionGroup[] {
	const groups = new Map<string, SessionGroup>();
	const result: SessionGroup[] = [];
	const keysOf = keyReader(by);
	for (const session of sessions) {
		const keys = keysOf(session);
		const isMissing = keys.length === 0;
		for (const key of isMissing ? [noneKey] : keys) {
			const mapKey = isMissing ? '' : key;
			let group = groups.get(mapKey);
			if (!group) {
				group = {key, missing: isMissing, count: 0};
				groups.set(mapKey, group);
				result.push(group);
			}

			group.count++;
			if (session.memoryBytes !== undefined) {
				group.memoryBytes = (group.memoryBytes ?? 0) + session.memoryBytes;
			}

			group.maxIdleSeconds = defined(Math.max, group.maxIdleSeconds, session.idleSeconds);
			group.newestAgeSeconds = defined(Math.min, group.newestAgeSeconds, session.ageSeconds);
		}
	}

	if (opensLastMinute) {
		for (const group of result) {
			group.opensLastMinute = opensLastMinute.get(group.missing ? noneKey : group.key) ?? 0;
		}
	}

	return result.toSorted((a, b) => b.count - a.count || (a.key < b.key ? -1 : (a.key > b.key ? 1 : 0)));
}

/** The filter expression that selects exactly the sessions of one group (Enter on a group). */
export function groupFilterTerm(by: GroupBy, key: string, isMissing = key === noneKey): string {
	const field: {readonly name?: string; readonly filter?: readonly string[]} = sessionFields[groupFields[by]];
	const name = field.filter?.[0] ?? field.name!;
	if (isMissing) {
		// Threads are numbers: a negated comparison is what matches sessions without one.
		return by === 'thread' ? '!thread>=0' : `${name}:""`;
	}

	return `${name}=${quoteFilterValue(key)}`;
}
