import {
	columns as allColumns,
	columnsWithData,
	type Column,
	type ContentWidths,
} from '../model/columns.js';
import {measureContent, resetContentWidths, trackContentWidths} from '../model/content-width.js';
import {placesOf, type Session} from '../model/session.js';
import {sessionKey, type SessionsSnapshot, type SortKey} from '../model/types.js';
import {applyFilter, filterMatcher} from '../model/filter.js';
import {sortSessions, sortValue} from '../model/sort.js';
import type {PendingKill, State} from './types.js';

/** How long the row order stays put after the cursor moved. */
export const freezeMs = 3000;

export function withClock(state: State, atMs: number | undefined): State {
	return atMs === undefined || atMs <= state.clockMs ? state : {...state, clockMs: atMs};
}

export function isFrozen({frozenUntilMs}: Pick<State, 'frozenUntilMs'>, nowMs: number): boolean {
	return frozenUntilMs !== undefined && nowMs < frozenUntilMs;
}

/**
The row order stays as it is for a while: the operator is aiming at a row. Keys without a time
(reducer tests running actions) never freeze: the freeze could not end.
*/
export function freeze(state: State): State {
	return state.clockMs > 0 ? {...state, frozenUntilMs: state.clockMs + freezeMs} : state;
}

/** Beside a table's rows: each row's host (its index in `state.hosts`) and its place in that host's list. */
type RowPlaces = {lists: ReadonlyArray<readonly Session[]>; host: Uint16Array; place: Int32Array};

// Rows never change: what the next frozen arrangement needs of them is kept beside them, so that it
// reads no session of a list that did not change (in sorted order, each read is a cache miss).
const placesOfRows = new WeakMap<readonly Session[], RowPlaces>();

function placeRows(rows: readonly Session[], hosts: readonly string[], lists: ReadonlyArray<readonly Session[]>): RowPlaces {
	const hostIndex = new Map(hosts.map((host, index) => [host, index]));
	const host = new Uint16Array(rows.length);
	const place = new Int32Array(rows.length);
	const count = rows.length;
	for (let row = 0; row < count; row++) {
		const session = rows[row]!;
		const index = hostIndex.get(session.host);
		host[row] = index ?? 0;
		place[row] = index === undefined ? -1 : placesOf(lists[index]!).get(session.id) ?? -1;
	}

	return {lists, host, place};
}

// Lists never change: where each session of one list is in the next (-1: gone), worked out ahead of
// the reducer for a large list. Keyed weakly on both, so neither list is kept alive by it.
const movesOfLists = new WeakMap<readonly Session[], WeakMap<readonly Session[], Int32Array>>();

function movesBetween(from: readonly Session[], to: readonly Session[]): Int32Array {
	const byTarget = movesOfLists.get(from);
	let moves = byTarget?.get(to);
	if (!moves) {
		const places = placesOf(to);
		const count = from.length;
		moves = new Int32Array(count);
		for (let index = 0; index < count; index++) {
			moves[index] = places.get(from[index]!.id) ?? -1;
		}

		movesOfLists.set(from, (byTarget ?? new WeakMap()).set(to, moves));
	}

	return moves;
}

/**
The table's rows from every host's sessions, sorted and the filter applied. While the cursor is
aiming the previous order is kept instead, and only the sessions that appeared since are sorted
(they go to the end). Rows of a host whose list did not change (`changedHost` names the one that
did) are the very sessions of that list, unless a filter is applied: a filter can depend on the time.
*/
function arrangeRows(state: State, all: readonly Session[], key: SortKey, changedHost?: string): Session[] {
	const {filter, clockMs, hosts} = state;
	if (!isFrozen(state, clockMs) || state.rows.length === 0) {
		return sortSessions(filter ? applyFilter(all, filter, clockMs || undefined) : all, key, state.sort.descending);
	}

	const isMatch = filter ? filterMatcher(filter, clockMs || undefined) : () => true;
	const lists = hosts.map(host => state.sessionsByHost.get(host) ?? []);
	const before = placesOfRows.get(state.rows) ?? placeRows(state.rows, hosts, lists);
	const moves = lists.map((list, host) => before.lists[host] === list ? undefined : movesBetween(before.lists[host] ?? [], list));
	// The lists whose sessions are looked at again, and which of their sessions have a row.
	const placed = lists.map((list, host) => filter !== undefined || changedHost === undefined || changedHost === hosts[host] || moves[host]
		? new Uint8Array(list.length)
		: undefined);
	// Index loops: these run once a refresh, mostly before V8 optimizes them.
	const arranged: Session[] = [];
	const total = lists.reduce((sum, list) => sum + list.length, 0);
	const host = new Uint16Array(total);
	const place = new Int32Array(total);
	const rowCount = state.rows.length;
	for (let row = 0; row < rowCount; row++) {
		const from = before.host[row]!;
		const at = before.place[row]!;
		const move = moves[from];
		const index = move === undefined || at === -1 ? at : move[at]!;
		const list = lists[from]!;
		if (index === -1 || (placed[from] && !isMatch(list[index]!))) {
			continue;
		}

		if (placed[from]) {
			placed[from][index] = 1;
		}

		host[arranged.length] = from;
		place[arranged.length] = index;
		arranged.push(list[index]!);
	}

	const appeared: Session[] = [];
	for (const [from, list] of lists.entries()) {
		const seen = placed[from];
		const count = seen ? list.length : 0;
		for (let index = 0; index < count; index++) {
			if (seen![index] === 1 || !isMatch(list[index]!)) {
				continue;
			}

			appeared.push(list[index]!);
		}
	}

	const hostIndex = new Map(hosts.map((name, index) => [name, index]));
	for (const session of sortSessions(appeared, key, state.sort.descending)) {
		const from = hostIndex.get(session.host)!;
		host[arranged.length] = from;
		place[arranged.length] = placesOf(lists[from]!).get(session.id)!;
		arranged.push(session);
	}

	placesOfRows.set(arranged, {lists, host, place});
	return arranged;
}

/**
The key the table can really be sorted by: a server that does not send the requested value
(memory before 22.08, I/O and thread before 23.02) falls back to idle, then to id.
*/
function effectiveSortKey(requested: SortKey, sessions: readonly Session[]): SortKey {
	const hasValues = (key: SortKey) => sessions.some(session => sortValue(session, key) !== undefined);
	if (sessions.length === 0 || hasValues(requested)) {
		return requested;
	}

	return hasValues('idle') ? 'idle' : 'id';
}

export function clampOffset(offset: number, cursorIndex: number, pageSize: number, rowCount: number): number {
	const showingCursor = Math.min(Math.max(offset, cursorIndex - pageSize + 1), cursorIndex);
	return Math.max(0, Math.min(showingCursor, rowCount - pageSize));
}

/** Put the cursor on `index` (clamped) and keep it on screen. */
export function moveCursorTo(state: State, index: number): State {
	const count = state.rows.length;
	if (count === 0) {
		return {
			...state, cursorIndex: 0, cursorKey: undefined, offset: 0,
		};
	}

	const cursorIndex = Math.max(0, Math.min(index, count - 1));
	return {
		...state,
		cursorIndex,
		cursorKey: sessionKey(state.rows[cursorIndex]!),
		offset: clampOffset(state.offset, cursorIndex, state.pageSize, count),
	};
}

/** Every host's sessions in configuration order; one host's own array when only one has any. */
export function mergedSessions(state: State): readonly Session[] {
	const lists: Array<readonly Session[]> = [];
	for (const host of state.hosts) {
		const sessions = state.sessionsByHost.get(host);
		if (sessions && sessions.length > 0) {
			lists.push(sessions);
		}
	}

	// Spreading 50,000 sessions into push() arguments is slow and can overflow the stack.
	return lists.length === 1 ? lists[0]! : lists.flat();
}

function indexOfKey(rows: readonly Session[], key: string, near: number): number {
	const separator = key.indexOf('\u{0}');
	const host = key.slice(0, separator);
	const id = key.slice(separator + 1);
	const matches = (session: Session | undefined) => session?.id === id && session.host === host;
	// Between refreshes the selected session mostly keeps its row.
	return matches(rows[near]) ? near : rows.findIndex(session => matches(session));
}

// Lists never change: their widths are measured once, ahead of the reducer for a large list.
const measuredLists = new WeakMap<readonly Session[], ContentWidths>();
// A large list's widths are measured ahead in parts: the widest so far, and which part is next.
const widthParts = 3;
const partlyMeasured = new WeakMap<readonly Session[], {widths: ContentWidths; next: number}>();

function widest(a: ContentWidths, b: ContentWidths): ContentWidths {
	return new Map([...a].map(([id, width]) => [id, Math.max(width, b.get(id) ?? 0)]));
}

function measurePart(sessions: readonly Session[], part: number): void {
	const before = partlyMeasured.get(sessions);
	if (measuredLists.has(sessions) || (before?.next ?? 0) !== part) {
		return;
	}

	const size = Math.ceil(sessions.length / widthParts);
	const measured = measureContent(sessions.slice(part * size, (part + 1) * size), allColumns, {fromTitle: true});
	const widths = before ? widest(before.widths, measured) : measured;
	if (part === widthParts - 1) {
		measuredLists.set(sessions, widths);
		partlyMeasured.delete(sessions);
	} else {
		partlyMeasured.set(sessions, {widths, next: part + 1});
	}
}

function listWidths(sessions: readonly Session[]): ContentWidths {
	for (let part = 0; part < widthParts; part++) {
		measurePart(sessions, part);
	}

	return measuredLists.get(sessions)!;
}

/** One part of the work on a large list done ahead of the reducer; true when it has more to do. */
export type PreparePart = (state: State, snapshot: SessionsSnapshot) => boolean | undefined;

/**
What the table needs of a host's new list, worked out ahead of the reducer in parts: the poller hook
runs each part in a turn of the event loop of its own for a large list.
*/
export const prepareList: readonly PreparePart[] = [
	...Array.from({length: widthParts}, (_, part): PreparePart => (_state, {sessions}) => {
		measurePart(sessions, part);
	}),
	({sessionsByHost}, {host, sessions}) => {
		const previous = sessionsByHost.get(host);
		if (previous) {
			movesBetween(previous, sessions);
		}

		placesOf(sessions);
	},
];

/**
The widest value per column: of the rows when filtered, else of each host's list.
*/
function measureRows(state: State, rows: readonly Session[], count: number, columns: readonly Column[]): ContentWidths {
	if (rows.length !== count) {
		return measureContent(rows, columns, {fromTitle: true});
	}

	const widths = measureContent([], columns, {fromTitle: true});
	for (const host of state.hosts) {
		const list = listWidths(state.sessionsByHost.get(host) ?? []);
		for (const column of columns) {
			widths.set(column.id, Math.max(widths.get(column.id)!, list.get(column.id)!));
		}
	}

	return widths;
}

/**
Merge every host's sessions, arrange them, and find the selected session again. A refresh of
`host`'s list (not a new sort or filter) lets columns shrink only gradually.
*/
export function rebuildRows(state: State, refresh?: {host: string}): State {
	const all = mergedSessions(state);
	const key = effectiveSortKey(state.sort.requested, all);
	const rows = arrangeRows(state, all, key, refresh?.host);
	const found = columnsWithData(all, {multiHost: state.hosts.length > 1});
	// The same columns keep their array, so the layout is not recomputed.
	const columns = found.length === state.columns.length && found.every((column, index) => column === state.columns[index]) ? state.columns : found;
	const measured = measureRows(state, rows, all.length, columns);
	const content = refresh ? trackContentWidths(state.content, measured) : resetContentWidths(state.content, measured);
	const sort = key === state.sort.key ? state.sort : {...state.sort, key};
	const next: State = {
		...state, rows, columns, content, sort,
	};
	if (state.cursorKey !== undefined) {
		const index = indexOfKey(rows, state.cursorKey, state.cursorIndex);
		if (index !== -1) {
			return moveCursorTo(next, index);
		}
	}

	// The selected session vanished (or nothing was selected): stay at the same row index.
	return moveCursorTo(next, state.cursorIndex);
}

/**
Sort anew and start at the top, cursor and view, as htop does: a selected row kept in view would
leave the top of the new order off screen, and the sort would look wrong.
*/
export function startSort(state: State, sort: State['sort']): State {
	return moveCursorTo({...rebuildRows({...state, sort}), offset: 0}, 0);
}

/** A new sort ends a freeze: the operator asked for a new order. */
export function unfrozen(state: State): State {
	return state.frozenUntilMs === undefined ? state : {...state, frozenUntilMs: undefined};
}

/** A kill maxtop waits to see land (MaxScale's JSON shows no pending kill). */
export function withPendingKill(state: State, {host, id, sentMs, graceSeconds}: PendingKill): State {
	return {
		...state, pendingKills: new Map(state.pendingKills).set(sessionKey({host, id}), {
			host, id, sentMs, graceSeconds,
		}),
	};
}

export function selectedSession(state: State): Session | undefined {
	return state.rows[state.cursorIndex];
}
