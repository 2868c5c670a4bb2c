import type {Session} from './session.js';
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

/**
The keys a session is counted under. A session routed to several servers (or services) counts
in each of them. Client keys are the address without port, `::ffff:` mapping removed, matching
the churn panel's keys.
*/
export function groupKeys(session: Session, by: GroupBy): string[] {
	return keyReaders[by](session).filter((key): key is string => key !== undefined && key !== '');
}

const keyReaders: Record<GroupBy, (session: Session) => Array<string | undefined>> = {
	user: session => [session.user],
	client: session => [session.remote === undefined ? undefined : clientAddress(session.remote)],
	app: session => [session.appName],
	service: session => [...new Set(session.services)],
	server: session => [...new Set(session.servers)],
	thread: session => [session.thread === undefined ? undefined : String(session.thread)],
	host: session => [session.host],
};

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined ? b : (b === undefined ? a : Math.max(a, b));
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined ? b : (b === undefined ? a : Math.min(a, b));
}

/**
The group keys of each session, with a client's address normalized once per distinct address:
thousands of sessions come from a few hundred addresses.
*/
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

			group.maxIdleSeconds = maxDefined(group.maxIdleSeconds, session.idleSeconds);
			group.newestAgeSeconds = minDefined(group.newestAgeSeconds, session.ageSeconds);
		}
	}

	if (opensLastMinute) {
		for (const group of result) {
			group.opensLastMinute = opensLastMinute.get(group.missing ? noneKey : group.key) ?? 0;
		}
	}

	return result.toSorted((a, b) => b.count - a.count || (a.key < b.key ? -1 : (a.key > b.key ? 1 : 0)));
}

const groupFields: Record<GroupBy, string> = {
	user: 'user',
	client: 'host',
	app: 'app',
	service: 'svc',
	server: 'server',
	thread: 'thread',
	host: 'mx',
};

/** The filter expression that selects exactly the sessions of one group (Enter on a group). */
export function groupFilterTerm(by: GroupBy, key: string, isMissing = key === noneKey): string {
	if (isMissing) {
		// Threads are numbers: a negated comparison is what matches sessions without one.
		return by === 'thread' ? '!thread>=0' : `${groupFields[by]}:""`;
	}

	return `${groupFields[by]}=${quoteFilterValue(key)}`;
}
