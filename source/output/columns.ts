import {boundedText} from '../model/bounds.js';
import {columns as tableColumns} from '../model/columns.js';
import type {Session} from '../model/session.js';

/**
A column of the one-shot listing: human text for `table`, raw value for `tsv`.
*/
export type OutputColumn = {
	id: string;
	title: string;
	align: 'left' | 'right';
	/**
	Display text (unsanitized), as the interactive table shows it.
	*/
	text(session: Session): string | undefined;
	/**
	Machine value for tsv: seconds, bytes, counts as plain numbers.
	*/
	raw(session: Session): string | undefined;
};

const rawValues: Record<string, (session: Session) => string | undefined> = {
	age: session => boundedText(session, 'ageSeconds', String),
	idle: session => boundedText(session, 'idleSeconds', String),
	memory: session => boundedText(session, 'memoryBytes', String),
	io: session => boundedText(session, 'ioActivity', String),
	thread: session => boundedText(session, 'thread', String),
	state: session => session.state,
};

const appColumn: OutputColumn = {
	id: 'app',
	title: 'APP',
	align: 'left',
	text: session => session.appName,
	raw: session => session.appName,
};

export const outputColumns: readonly OutputColumn[] = [
	...tableColumns.map(column => ({
		id: column.id,
		title: column.title,
		align: column.align,
		text: (session: Session) => column.value(session),
		raw: rawValues[column.id] ?? ((session: Session) => column.value(session)),
	})),
	appColumn,
];

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
