import type {Column, ColumnId, ContentWidths} from './columns.js';
import {maxSensibleSeconds} from './bounds.js';
import {formatAddress, formatBytes} from './format.js';
import {sanitize} from './sanitize.js';
import type {Session} from './session.js';
import {displayWidth, nonPrintableAscii} from './text.js';

/*
Column content widths, measured for every session of every refresh, so no cell text is built: each column computes
the width its sanitized `value()` would take from the raw fields (a test over odd values checks they agree).
*/

function textWidth(text: string): number {
	// Printable ASCII is its own sanitized form, one cell a character.
	return nonPrintableAscii.test(text) ? displayWidth(sanitize(text)) : text.length;
}

/** Characters of `String(value)` for a number: arithmetic for the usual small non-negative integers. */
function numberWidth(value: number): number {
	if (!Number.isSafeInteger(value) || value < 0) {
		return String(value).length;
	}

	let width = 1;
	for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) {
		width++;
	}

	return width;
}

/** Width of `formatDuration(seconds)`: `45s`, `12m05s`, `3h12m`, `2d04h`. */
function durationWidth(seconds: number): number {
	if (!Number.isFinite(seconds)) {
		return 0;
	}

	if (seconds > maxSensibleSeconds) {
		return 1;
	}

	const total = Math.max(0, Math.floor(seconds));
	if (total < 60) {
		return numberWidth(total) + 1;
	}

	const minutes = Math.floor(total / 60);
	if (minutes < 60) {
		return numberWidth(minutes) + 4;
	}

	const hours = Math.floor(minutes / 60);
	return (hours < 24 ? numberWidth(hours) : numberWidth(Math.floor(hours / 24))) + 4;
}

/** Width of `formatBytes(bytes)`: from 1 KiB to 1000 GiB, away from the rounding edges, it follows from the magnitude. */
function bytesWidth(bytes: number): number {
	let value = bytes / 1024;
	if (value >= 1 && value < 1024 * 1024 * 1000) {
		while (value >= 1024) {
			value /= 1024;
		}

		if (value < 9.9) {
			return 7;
		}

		if (value >= 10 && value < 99.9) {
			return 8;
		}

		if (value >= 100 && value < 999) {
			return 7;
		}
	}

	return displayWidth(formatBytes(bytes));
}

function listWidth(values: readonly string[]): number | undefined {
	if (values.length < 2) {
		return values.length === 0 ? undefined : textWidth(values[0]!);
	}

	// Commas between items; an item that is not printable ASCII is measured joined, as shown.
	let width = values.length - 1;
	for (const value of values) {
		if (nonPrintableAscii.test(value)) {
			return textWidth(values.join(','));
		}

		width += value.length;
	}

	return width;
}

function addressWidth(remote: string | undefined, port: number | undefined): number {
	if (remote !== undefined && nonPrintableAscii.test(remote)) {
		return displayWidth(sanitize(formatAddress(remote, port)));
	}

	const portWidth = port === undefined ? 0 : 1 + numberWidth(port);
	// `formatAddress` brackets a bare IPv6 address.
	return remote === undefined || remote === '' ? portWidth : remote.length + (remote.includes(':') && !remote.startsWith('[') ? 2 : 0) + portWidth;
}

/** Width of a session's cell from the raw fields; `states` caches the state column's handful of repeating values. */
const measures: Record<ColumnId, (session: Session, column: Column, states: Map<string, number>) => number> = {
	host: session => textWidth(session.host),
	id: session => textWidth(session.id),
	user: session => session.user === undefined ? 0 : textWidth(session.user),
	client: session => session.remote === undefined && session.port === undefined ? 0 : addressWidth(session.remote, session.port),
	service: session => listWidth(session.services) ?? 0,
	servers: session => listWidth(session.servers) ?? 0,
	state(session, column, states) {
		if (session.state === undefined) {
			return 0;
		}

		let width = states.get(session.state);
		if (width === undefined) {
			width = textWidth(column.value(session) ?? '');
			states.set(session.state, width);
		}

		return width;
	},
	age: session => session.ageSeconds === undefined ? 0 : durationWidth(session.ageSeconds),
	idle: session => session.idleSeconds === undefined ? 0 : durationWidth(session.idleSeconds),
	memory: session => session.memoryBytes === undefined ? 0 : bytesWidth(session.memoryBytes),
	io: session => session.ioActivity === undefined ? 0 : numberWidth(session.ioActivity),
	thread: session => session.thread === undefined ? 0 : numberWidth(session.thread),
};

/**
Widest sanitized value per column, capped at its maximum. With `fromTitle`, never below its title plus a
sort arrow (the layout treats narrower alike), so a column whose maximum is that wide is not scanned.
*/
export function measureContent(sessions: readonly Session[], candidates: readonly Column[], options: {fromTitle?: boolean} = {}): Map<ColumnId, number> {
	const states = new Map<string, number>();
	const widths = candidates.map(column => (options.fromTitle ? Math.min(column.title.length + 1, column.maxWidth) : 0));
	// Index loops: this runs once a refresh, often before V8 optimizes it, when iterators cost several times more.
	const count = sessions.length;
	const columnCount = candidates.length;
	for (let index = 0; index < count; index++) {
		const session = sessions[index]!;
		for (let place = 0; place < columnCount; place++) {
			const column = candidates[place]!;
			if (widths[place]! < column.maxWidth) {
				widths[place] = Math.max(widths[place]!, measures[column.id](session, column, states));
			}
		}
	}

	return new Map(candidates.map((column, place) => [column.id, Math.min(widths[place]!, column.maxWidth)]));
}

/** The widths the layout uses; per column measured narrower, how many refreshes in a row and the widest meanwhile. */
export type ContentWidthTracker = {
	widths: ContentWidths;
	narrowing: ReadonlyMap<ColumnId, {refreshes: number; widest: number}>;
};

/** Refreshes a column must measure narrower before it shrinks. */
export const shrinkAfterRefreshes = 5;

function sameWidths(a: ContentWidths, b: ContentWidths): boolean {
	return a.size === b.size && [...a].every(([id, width]) => b.get(id) === width);
}

/** Start over from `measured` (a filter, a sort); equal widths keep the previous object, so the layout is not redone. */
export function resetContentWidths(previous: ContentWidthTracker | undefined, measured: ContentWidths): ContentWidthTracker {
	return {widths: previous && sameWidths(previous.widths, measured) ? previous.widths : measured, narrowing: new Map()};
}

/**
The widths after one refresh. A column grows at once but shrinks only after `shrinkAfter` narrower refreshes
in a row, to the widest meanwhile: a layout change makes Ink rewrite every line, so churn of a long value must
not do that each refresh. The previous widths object is kept while unchanged.
*/
export function trackContentWidths(previous: ContentWidthTracker | undefined, measured: ContentWidths, shrinkAfter = shrinkAfterRefreshes): ContentWidthTracker {
	if (!previous) {
		return resetContentWidths(undefined, measured);
	}

	const widths = new Map<ColumnId, number>();
	const narrowing = new Map<ColumnId, {refreshes: number; widest: number}>();
	for (const [id, width] of measured) {
		const shown = previous.widths.get(id);
		if (shown === undefined || width >= shown) {
			widths.set(id, width);
			continue;
		}

		const streak = previous.narrowing.get(id);
		const refreshes = (streak?.refreshes ?? 0) + 1;
		const widest = Math.max(streak?.widest ?? 0, width);
		if (refreshes >= shrinkAfter) {
			widths.set(id, widest);
		} else {
			widths.set(id, shown);
			narrowing.set(id, {refreshes, widest});
		}
	}

	return {widths: sameWidths(previous.widths, widths) ? previous.widths : widths, narrowing};
}
