import {onceColumns} from '../model/columns.js';
import type {Session} from '../model/session.js';

/**
A column of the one-shot listing: display text (unsanitized) for `table`, the machine value for
`tsv` (seconds, bytes, counts as plain numbers).
*/
export type OutputColumn = {
	id: string;
	title: string;
	align: 'left' | 'right';
	value(session: Session): string | undefined;
	raw(session: Session): string | undefined;
};

export const outputColumns: readonly OutputColumn[] = onceColumns;

const byId = new Map(outputColumns.map(column => [column.id, column]));

/**
The columns to print: the ones asked for with `--columns`, else every column some session has a
value for (older MaxScales send fewer attributes), with `host` only for a fleet. With no session
to look at, every column: a header of `ID` alone would look like a different output.
*/
export function selectColumns(sessions: readonly Session[], options: {columns?: readonly string[]; multiHost: boolean}): OutputColumn[] {
	if (options.columns && options.columns.length > 0) {
		return options.columns.map(id => byId.get(id)).filter(column => column !== undefined);
	}

	const hasValues = (column: OutputColumn) => column.id === 'id' || sessions.length === 0 || sessions.some(session => column.raw(session) !== undefined);
	return outputColumns.filter(column => column.id === 'host' ? options.multiHost : hasValues(column));
}
