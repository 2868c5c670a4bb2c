import type {Session} from './session-fields.js';

export type {
	BackendConnection, BoundedField, LogLevel, LogLevels, QueryInfo, Session,
} from './session-fields.js';
export {logLevels} from './session-fields.js';

/**
Whether session id `id` is above `than`: MaxScale numbers sessions upwards in decimal, so a longer id, or one as
long and after it, is a later session. Any text compares; only decimal ids' order means anything.
*/
export function isNewerSessionId(id: string, than: string): boolean {
	return id.length > than.length || (id.length === than.length && id > than);
}

declare const sessionIdBrand: unique symbol;

/**
A session id as MaxScale makes them, checked by `sessionIdOf`: the only id a request path is built
from. A type of its own, so an id the server sent unchecked cannot reach a path by accident.
*/
export type SessionId = string & {readonly [sessionIdBrand]: true};

// MaxScale numbers sessions with a uint64 counter from 1 and prints it in decimal.
const largestSessionId = '18446744073709551615';
const decimalId = /^[1-9]\d*$/v;

/**
`text` as a `SessionId` when it is one MaxScale could have sent: decimal, 1 to 2^64−1, no leading
zero. Anything else is not: `.` or `..` in a path is another endpoint once the URL is normalized
(`POST /v1/sessions/./restart` is the restart of every session). A leading zero is refused too:
MaxScale never prints one, and reads the path as a number, so `013100` would act on session 13100,
which may be another row.
*/
export function sessionIdOf(text: string): SessionId | undefined {
	if (text.length > largestSessionId.length || !decimalId.test(text)) {
		return undefined;
	}

	return text.length < largestSessionId.length || text <= largestSessionId ? text as SessionId : undefined;
}

// Lists never change: each one's map is built once, ahead of the reducer for a large list.
const placesOfLists = new WeakMap<readonly Session[], ReadonlyMap<string, number>>();

/** Where each id is in one host's list (the later place of an id listed twice). */
export function placesOf(sessions: readonly Session[]): ReadonlyMap<string, number> {
	let places = placesOfLists.get(sessions);
	if (!places) {
		const byId = new Map<string, number>();
		// An index loop: this runs once a list, mostly before V8 optimizes it.
		const count = sessions.length;
		for (let index = 0; index < count; index++) {
			byId.set(sessions[index]!.id, index);
		}

		places = byId;
		placesOfLists.set(sessions, places);
	}

	return places;
}

/**
One host's list with each id once, the later kept: everything in the table is keyed by id (rows, cursor, tags, churn,
kills), and a second row of an id outlived its list. The same array when there are none, which is the rule.
*/
export function withUniqueIds(sessions: Session[]): {sessions: Session[]; duplicates: number} {
	const places = placesOf(sessions);
	return places.size === sessions.length
		? {sessions, duplicates: 0}
		: {sessions: sessions.filter((session, index) => places.get(session.id) === index), duplicates: sessions.length - places.size};
}
