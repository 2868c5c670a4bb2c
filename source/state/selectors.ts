import {clampOffset} from './table.js';
import type {PendingKill, State} from './types.js';

/**
The rows on screen: never more than fit, whatever the session count.
*/
export function visibleRows(state: State) {
	const offset = clampOffset(state.offset, state.cursorIndex, state.pageSize, state.rows.length);
	return {offset, rows: state.rows.slice(offset, offset + state.pageSize)};
}

/**
`✖ kill 7s` while the grace period runs, then `✖ killing…` until the session leaves the list:
MaxScale kills ttl sessions 1–2 s after the deadline (measured on 22.08.14 and 24.02.3).
*/
export function pendingKillText(kill: PendingKill, nowMs: number, isAscii = false): string {
	const symbol = isAscii ? 'x' : '✖';
	const remainingMs = kill.sentMs + (kill.graceSeconds * 1000) - nowMs;
	return remainingMs > 0 ? `${symbol} kill ${Math.ceil(remainingMs / 1000)}s` : `${symbol} ${isAscii ? 'killing...' : 'killing…'}`;
}
