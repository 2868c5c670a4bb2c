import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';
import {displayWidth, fitWidth} from '../model/text.js';
import type {OutputColumn} from './columns.js';
import {stringifyJson} from './safe-json.js';

/** A hostile 10,000-character user name must not push every other column off the screen. */
export const maxCellWidth = 48;
const missing = '-';

/** Aligned plain-text table with a header row; widths from the data; every value sanitized. */
export function formatTable(sessions: readonly Session[], columns: readonly OutputColumn[], options: {ascii?: boolean} = {}): string {
	const rows = sessions.map(session => columns.map(column => {
		const value = column.value(session);
		return value === undefined || value === '' ? missing : sanitize(value);
	}));
	const widths = columns.map((column, index) => {
		let width = displayWidth(column.title);
		for (const row of rows) {
			width = Math.max(width, displayWidth(row[index]!));
		}

		return Math.min(width, maxCellWidth);
	});

	const line = (cells: readonly string[]) => cells
		.map((cell, index) => fitWidth(cell, widths[index]!, {align: columns[index]!.align, ascii: options.ascii}))
		.join('  ')
		.trimEnd();

	return [line(columns.map(column => column.title)), ...rows.map(row => line(row))].join('\n') + '\n';
}

/** Raw numbers for scripts; a tab, newline or backslash is written `\t`, `\n`, `\\`, so a session stays on one line. */
export function formatTsv(sessions: readonly Session[], columns: readonly OutputColumn[]): string {
	const lines = [columns.map(column => column.id).join('\t')];
	for (const session of sessions) {
		lines.push(columns.map(column => escapeTsv(column.raw(session) ?? '')).join('\t'));
	}

	return lines.join('\n') + '\n';
}

export function escapeTsv(value: string): string {
	const escaped = value.replaceAll('\\', '\\\\').replaceAll('\t', String.raw`\t`).replaceAll('\n', String.raw`\n`).replaceAll('\r', String.raw`\r`);
	return sanitize(escaped);
}

/** The normalized sessions as a JSON array (or any value holding them), safe to print on a terminal. */
export function formatJson(value: unknown): string {
	return stringifyJson(value, 2) + '\n';
}
