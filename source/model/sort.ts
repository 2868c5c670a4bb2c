import {radixOrder} from './radix-order.js';
import type {Session} from './session.js';
import {columns} from './columns.js';
import {fieldNamed, isNumberType} from './session-fields.js';
import {type SortKey, sortKeys} from './types.js';

/** Sort keys in the order `<` and `>` walk through them (the table's column order). */
export const sortKeyOrder: readonly SortKey[] = columns.flatMap(column => column.sortKey ?? []);

const numericKeys = new Set<SortKey>(sortKeys.filter(key => isNumberType(fieldNamed(key).type)));

/** Numbers read best largest first (the busiest, the oldest); names read best A→Z. */
export function isDescendingByDefault(key: SortKey): boolean {
	return numericKeys.has(key) && key !== 'id';
}

/** The text a text key lowercases (a list sorts by its first name). */
function rawText(session: Session, key: SortKey): string | undefined {
	const value = session[fieldNamed(key).key] as string | readonly string[] | undefined;
	return typeof value === 'object' ? value[0] : value;
}

export function sortValue(session: Session, key: SortKey): number | string | undefined {
	if (key === 'client') {
		// Port padded so that :9 sorts before :10 within one address.
		return session.remote === undefined ? undefined : `${session.remote.toLowerCase()}\u{0}${String(session.port ?? 0).padStart(5, '0')}`;
	}

	if (key === 'id') {
		return idNumber(session.id);
	}

	return numericKeys.has(key) ? session[fieldNamed(key).key] as number | undefined : rawText(session, key)?.toLowerCase();
}

function idNumber(id: string): number | undefined {
	const value = Number(id);
	return Number.isFinite(value) ? value : undefined;
}

function compareValues(a: number | string, b: number | string): number {
	return a === b ? 0 : (a < b ? -1 : 1);
}

// Index loops over the sessions: `entries()` allocates a pair per session until V8 optimizes these once-a-refresh loops.

function numericValues(sessions: readonly Session[], key: SortKey): Float64Array {
	const count = sessions.length;
	const values = new Float64Array(count);
	for (let index = 0; index < count; index++) {
		const value = sortValue(sessions[index]!, key);
		values[index] = typeof value === 'number' ? value : NaN;
	}

	return values;
}

/** Text keys as their rank among the distinct values, so the sort compares numbers. */
function textRanks(sessions: readonly Session[], key: SortKey): Float64Array {
	const raw = key === 'client' ? undefined : rawText;
	const count = sessions.length;
	const slotOf = new Int32Array(count);
	const slots = new Map<string, number>();
	const distinct: string[] = [];
	for (let index = 0; index < count; index++) {
		const session = sessions[index]!;
		const text = raw ? raw(session, key) : sortValue(session, key) as string | undefined;
		let slot = -1;
		if (text !== undefined) {
			slot = slots.get(text) ?? distinct.length;
			if (slot === distinct.length) {
				slots.set(text, slot);
				distinct.push(text);
			}
		}

		slotOf[index] = slot;
	}

	const texts = raw ? distinct.map(text => text.toLowerCase()) : distinct;
	// Plain sort(): UTF-16 code unit order, the same as `<`.
	const rankOf = new Map([...new Set(texts)].sort().map((text, rank) => [text, rank]));
	const slotRanks = texts.map(text => rankOf.get(text)!);
	const ranks = new Float64Array(count);
	for (let index = 0; index < count; index++) {
		const slot = slotOf[index]!;
		ranks[index] = slot === -1 ? NaN : slotRanks[slot]!;
	}

	return ranks;
}

/**
The client key as one number (address rank, then port), ordered as `sortValue`'s padded text; undefined when a
port exceeds five digits or an address holds NUL (it would sort against the separator): the text key decides.
*/
function clientValues(sessions: readonly Session[]): Float64Array | undefined {
	const count = sessions.length;
	const values = new Float64Array(count);
	const remotes = new Map<string, number>();
	for (let index = 0; index < count; index++) {
		const session = sessions[index]!;
		const port = session.port ?? 0;
		if (!Number.isSafeInteger(port) || port < 0 || port > 99_999 || session.remote?.includes('\u{0}')) {
			return undefined;
		}

		if (session.remote !== undefined) {
			remotes.set(session.remote, 0);
		}
	}

	const lowered = new Map<string, number>();
	for (const remote of remotes.keys()) {
		lowered.set(remote.toLowerCase(), 0);
	}

	for (const [rank, remote] of [...lowered.keys()].sort().entries()) {
		lowered.set(remote, rank);
	}

	for (const remote of remotes.keys()) {
		remotes.set(remote, lowered.get(remote.toLowerCase())!);
	}

	for (let index = 0; index < count; index++) {
		const {remote, port} = sessions[index]!;
		values[index] = remote === undefined ? NaN : (remotes.get(remote)! * 100_000) + (port ?? 0);
	}

	return values;
}

function keyValues(sessions: readonly Session[], key: SortKey): Float64Array {
	if (key === 'client') {
		return clientValues(sessions) ?? textRanks(sessions, key);
	}

	return numericKeys.has(key) ? numericValues(sessions, key) : textRanks(sessions, key);
}

function compareTies(sessions: readonly Session[], ids: Float64Array, left: number, right: number): number {
	const idA = ids[left]!;
	const idB = ids[right]!;
	if (idA !== idB && !Number.isNaN(idA) && !Number.isNaN(idB)) {
		return idA < idB ? -1 : 1;
	}

	const sessionA = sessions[left]!;
	const sessionB = sessions[right]!;
	return compareValues(sessionA.id, sessionB.id) || compareValues(sessionA.host, sessionB.host);
}

/**
Equal-valued sessions in id order, then host (ids repeat in a fleet); ids are parsed only for these runs, so sorting
by memory reads almost none. Long runs (by thread, by user) of distinct numeric ids take the radix sort.
*/
function sortRunById(sessions: readonly Session[], run: Uint32Array, ids: Float64Array): void {
	let isNumeric = true;
	const count = run.length;
	for (let position = 0; position < count; position++) {
		const index = run[position]!;
		const id = idNumber(sessions[index]!.id) ?? NaN;
		ids[index] = id;
		isNumeric &&= !Number.isNaN(id);
	}

	if (isNumeric && count > 16) {
		const byId = radixOrder(ids, run);
		if (byId.every((index, position) => position === 0 || ids[byId[position - 1]!] !== ids[index])) {
			run.set(byId);
			return;
		}
	}

	run.sort((left, right) => compareTies(sessions, ids, left, right));
}

/**
Sorted copy of `sessions`: each key computed once into a typed array and radix-sorted, no comparator calls.
Sessions without a value go last either way; ties break by id, then host, so the order never jitters.
*/
export function sortSessions(sessions: readonly Session[], key: SortKey, isDescending = isDescendingByDefault(key)): Session[] {
	const count = sessions.length;
	// NaN stands for "no value" (sortValue never yields NaN: normalize keeps only finite numbers).
	const values = keyValues(sessions, key);
	const keys = new Float64Array(count);
	const present = new Uint32Array(count);
	const missing: number[] = [];
	let presentCount = 0;
	for (let index = 0; index < count; index++) {
		const value = values[index]!;
		if (Number.isNaN(value)) {
			missing.push(index);
		} else {
			// Adding 0 turns -0 into 0, which compare equal.
			keys[index] = (isDescending ? -value : value) + 0;
			present[presentCount++] = index;
		}
	}

	const order = new Uint32Array(count);
	order.set(radixOrder(keys, present.subarray(0, presentCount)));
	order.set(missing, presentCount);
	let ids: Float64Array | undefined;
	let start = 0;
	for (let end = 1; end <= count; end++) {
		const isRunEnd = end === presentCount || end === count || (end < presentCount && keys[order[end]!] !== keys[order[start]!]);
		if (!isRunEnd) {
			continue;
		}

		if (end - start > 1) {
			ids ??= new Float64Array(count);
			sortRunById(sessions, order.subarray(start, end), ids);
		}

		start = end;
	}

	const sorted: Session[] = [];
	for (let position = 0; position < count; position++) {
		sorted.push(sessions[order[position]!]!);
	}

	return sorted;
}
