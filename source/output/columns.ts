import {onceColumns} from '../model/columns.js';
import type {Session} from '../model/session.js';

/** `value`: display text (unsanitized) for `table`; `raw`: the machine value for `tsv`. */
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
`--columns`, else every column some session has a value for (older MaxScales send fewer), `host`
only for a fleet. With no session, every column: `ID` alone would look like another output.
*/
export function selectColumns(sessions: readonly Session[], options: {columns?: readonly string[]; multiHost: boolean}): OutputColumn[] {
	if (options.columns && options.columns.length > 0) {
		return options.columns.map(id => byId.get(id)).filter(column => column !== undefined);
	}

	const hasValues = (column: OutputColumn) => column.id === 'id' || sessions.length === 0 || sessions.some(session => column.raw(session) !== undefined);
	return outputColumns.filter(column => column.id === 'host' ? options.multiHost : hasValues(column));
}
