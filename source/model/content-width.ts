import type {Column, ColumnId, ContentWidths} from './columns.js';
import {maxSensibleSeconds} from './bounds.js';
import {formatAddress, formatBytes} from './format.js';
import {sanitize} from './sanitize.js';
import type {Session} from './session.js';
import {displayWidth} from './text.js';

/*
Column content widths for the table layout, measured once per snapshot. Measuring runs for every
session of every refresh, so it never builds a cell's text: each column computes the width its
`value()` text would take, sanitized, from the raw fields (checked equal by a test over odd values).
*/

// A negated class without a quantifier stays linear on huge values.
const nonPrintableAscii = /[^\u{20}-\u{7E}]/v;

function textWidth(text: string): number {
	// Printable ASCII is its own sanitized form, one cell a character.
	return nonPrintableAscii.test(text) ? displayWidth(sanitize(text)) : text.length;
}

/**
Characters of `String(value)` for a number: arithmetic for the usual small non-negative integers.
*/
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

/**
Width of `formatDuration(seconds)`: `45s`, `12m05s`, `3h12m`, `2d04h`.
*/
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

/**
Width of `formatBytes(bytes)`. Between 1 KiB and 1000 GiB (every real session) the text is `d.d`,
`dd.d` or `ddd` plus a unit: away from the rounding edges the width follows from the magnitude.
*/
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

/**
Widest sanitized value per column, capped at the column's maximum; `layoutColumns` sizes columns
to it so short values leave room for long ones. With `fromTitle`, a column is never measured
narrower than its title plus a sort arrow: the layout treats anything narrower alike, so a column
whose maximum is that wide is not scanned at all.
*/
export function measureContent(sessions: readonly Session[], candidates: readonly Column[], options: {fromTitle?: boolean} = {}): Map<ColumnId, number> {
	const column = (id: ColumnId) => candidates.find(candidate => candidate.id === id);
	// Where a column starts and where it is full; a column not asked for starts full.
	const start = (id: ColumnId) => {
		const found = column(id);
		return found === undefined ? Infinity : (options.fromTitle ? Math.min(found.title.length + 1, found.maxWidth) : 0);
	};

	const full = (id: ColumnId) => column(id)?.maxWidth ?? 0;
	let host = start('host');
	let id = start('id');
	let user = start('user');
	let client = start('client');
	let service = start('service');
	let servers = start('servers');
	let state = start('state');
	let age = start('age');
	let idle = start('idle');
	let memory = start('memory');
	let io = start('io');
	let thread = start('thread');
	const hostFull = full('host');
	const idFull = full('id');
	const userFull = full('user');
	const clientFull = full('client');
	const serviceFull = full('service');
	const serversFull = full('servers');
	const stateFull = full('state');
	const ageFull = full('age');
	const idleFull = full('idle');
	const memoryFull = full('memory');
	const ioFull = full('io');
	const threadFull = full('thread');
	const stateColumn = column('state');
	// A handful of states repeat over thousands of sessions: shorten and measure each once.
	const states = new Map<string, number>();

	// One pass with every column inline, in locals: 50,000 sessions lie all over the heap, and a
	// pass per column, or a call per cell, costs about twice as much.
	let lastHost: string | undefined;
	const count = sessions.length;
	// An index, not for-of: this runs once a refresh, often before V8 optimizes the loop, and the
	// unoptimized iterator costs several times more.
	for (let index = 0; index < count; index++) {
		const session = sessions[index]!;
		// Most rows share their host.
		if (host < hostFull && session.host !== lastHost) {
			lastHost = session.host;
			host = Math.max(host, textWidth(session.host));
		}

		if (id < idFull) {
			id = Math.max(id, textWidth(session.id));
		}

		if (user < userFull && session.user !== undefined) {
			user = Math.max(user, textWidth(session.user));
		}

		if (client < clientFull && (session.remote !== undefined || session.port !== undefined)) {
			client = Math.max(client, addressWidth(session.remote, session.port));
		}

		if (service < serviceFull) {
			service = Math.max(service, listWidth(session.services) ?? 0);
		}

		if (servers < serversFull) {
			servers = Math.max(servers, listWidth(session.servers) ?? 0);
		}

		if (state < stateFull && session.state !== undefined) {
			let width = states.get(session.state);
			if (width === undefined) {
				width = textWidth(stateColumn?.value(session) ?? '');
				states.set(session.state, width);
			}

			state = Math.max(state, width);
		}

		if (age < ageFull && session.ageSeconds !== undefined) {
			age = Math.max(age, durationWidth(session.ageSeconds));
		}

		if (idle < idleFull && session.idleSeconds !== undefined) {
			idle = Math.max(idle, durationWidth(session.idleSeconds));
		}

		if (memory < memoryFull && session.memoryBytes !== undefined) {
			memory = Math.max(memory, bytesWidth(session.memoryBytes));
		}

		if (io < ioFull && session.ioActivity !== undefined) {
			io = Math.max(io, numberWidth(session.ioActivity));
		}

		if (thread < threadFull && session.thread !== undefined) {
			thread = Math.max(thread, numberWidth(session.thread));
		}
	}

	const widest: Record<ColumnId, number> = {
		host, id, user, client, service, servers, state, age, idle, memory, io, thread,
	};
	return new Map(candidates.map(candidate => [candidate.id, Math.min(widest[candidate.id], candidate.maxWidth)]));
}

/**
The widths the layout uses, and per column that measured narrower than that, how many refreshes
in a row it did and the widest it measured meanwhile.
*/
export type ContentWidthTracker = {
	widths: ContentWidths;
	narrowing: ReadonlyMap<ColumnId, {refreshes: number; widest: number}>;
};

/**
Refreshes a column must measure narrower before it shrinks.
*/
export const shrinkAfterRefreshes = 5;

function sameWidths(a: ContentWidths, b: ContentWidths): boolean {
	if (a.size !== b.size) {
		return false;
	}

	for (const [id, width] of a) {
		if (b.get(id) !== width) {
			return false;
		}
	}

	return true;
}

/**
Start over from `measured` (the rows changed wholesale: a filter, a sort); the previous widths
object is kept when equal, so the layout is not recomputed.
*/
export function resetContentWidths(previous: ContentWidthTracker | undefined, measured: ContentWidths): ContentWidthTracker {
	return {widths: previous && sameWidths(previous.widths, measured) ? previous.widths : measured, narrowing: new Map()};
}

/**
The widths after one refresh. A column grows at once (a value would be cut otherwise) but shrinks
only after it measured narrower for `shrinkAfter` refreshes in a row, to the widest it measured
meanwhile: a layout change moves every cell and makes Ink rewrite every line, so steady churn of
a long value must not do that each refresh. The previous widths object is kept while unchanged.
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
