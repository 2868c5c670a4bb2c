import {onceColumns, type Column} from '../model/columns.js';
import type {Session} from '../model/session.js';

/** A session column, or the TIME column of several polls. */
export type OutputColumn = Pick<Column, 'title' | 'align' | 'value' | 'raw'> & {id: string};

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
