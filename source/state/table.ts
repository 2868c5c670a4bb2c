import type {SortKey} from '../config/types.js';
import {columnsWithData} from '../model/columns.js';
import type {Session} from '../model/session.js';
import {sortSessions, sortValue} from '../model/sort.js';
import {arrangeRows} from './triage.js';
import type {State} from './types.js';

export function sessionKey(session: Pick<Session, 'host' | 'id'>): string {
	return session.host + '\u{0}' + session.id;
}

function hasValues(sessions: readonly Session[], key: SortKey): boolean {
	return sessions.some(session => sortValue(session, key) !== undefined);
}

/**
The key the table can really be sorted by: a server that does not send the requested value
(memory before 22.08, I/O and thread before 23.02) falls back to idle, then to id.
*/
export function effectiveSortKey(requested: SortKey, sessions: readonly Session[]): SortKey {
	if (sessions.length === 0 || hasValues(sessions, requested)) {
		return requested;
	}

	return hasValues(sessions, 'idle') ? 'idle' : 'id';
}

export function clampOffset(offset: number, cursorIndex: number, pageSize: number, rowCount: number): number {
	let next = offset;
	if (cursorIndex < next) {
		next = cursorIndex;
	}

	if (cursorIndex >= next + pageSize) {
		next = cursorIndex - pageSize + 1;
	}

	return Math.max(0, Math.min(next, rowCount - pageSize));
}

/**
Put the cursor on `index` (clamped) and keep it on screen.
*/
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

/**
Merge every host's sessions, sort them once, and find the selected session again.
*/
export function rebuildRows(state: State): State {
	const all: Session[] = [];
	for (const host of state.hosts) {
		const sessions = state.sessionsByHost.get(host);
		if (sessions) {
			all.push(...sessions);
		}
	}

	const key = effectiveSortKey(state.sort.requested, all);
	const rows = arrangeRows(state, sortSessions(all, key, state.sort.descending));
	const columns = columnsWithData(all, {multiHost: state.hosts.length > 1});
	const next: State = {
		...state, rows, columns, sort: {...state.sort, key},
	};
	if (state.cursorKey !== undefined) {
		const found = rows.findIndex(session => sessionKey(session) === state.cursorKey);
		if (found !== -1) {
			return moveCursorTo(next, found);
		}
	}

	// The selected session vanished (or nothing was selected): stay at the same row index.
	return moveCursorTo(next, state.cursorIndex);
}

export function selectedSession(state: State): Session | undefined {
	return state.rows[state.cursorIndex];
}
