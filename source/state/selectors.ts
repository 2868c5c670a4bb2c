import {displayWidth} from '../model/text.js';
import {shownMode} from './helpers.js';
import {clampOffset} from './table.js';
import type {PendingKill, State} from './types.js';

/** The rows on screen: never more than fit, whatever the session count. */
export function visibleRows(state: State) {
	const offset = clampOffset(state.offset, state.cursorIndex, state.pageSize, state.rows.length);
	return {offset, rows: state.rows.slice(offset, offset + state.pageSize)};
}

/**
`✖ kill 7s` while the grace period runs, then `✖ killing…` until the session leaves the list:
MaxScale kills ttl sessions 1–2 s after the deadline (measured on 22.08.14 and 24.02.3). The text
fits the state cell's `width` (`✖ 7s`, `✖ kill…` where it is narrower): the countdown never widens
the column, so the layout does not jump while it runs.
*/
export function pendingKillText(kill: PendingKill, nowMs: number, isAscii = false, width = Infinity): string {
	const symbol = isAscii ? 'x' : '✖';
	const remainingMs = kill.sentMs + (kill.graceSeconds * 1000) - nowMs;
	const dots = isAscii ? '...' : '…';
	const texts = remainingMs > 0
		? [`${symbol} kill ${Math.ceil(remainingMs / 1000)}s`, `${symbol} ${Math.ceil(remainingMs / 1000)}s`]
		: [`${symbol} killing${dots}`, `${symbol} kill${dots}`, `${symbol} ${dots}`];
	return texts.find(text => displayWidth(text) <= width) ?? texts.at(-1)!;
}

/**
Which screen the operator sees: the table, the group view, a pane (per session) or a panel. A
question keeps the screen it was asked over.
*/
export function screenOf(state: State): string {
	const mode = shownMode(state.mode);
	if ('key' in mode) {
		return `${mode.kind}\u{0}${mode.key}`;
	}

	return ['table', 'prompt', 'confirm'].includes(mode.kind) ? (state.grouping === 'none' ? 'table' : 'group') : mode.kind;
}
