import {boundedText} from './bounds.js';
import {glyphs} from './charset.js';
import {formatBytes, formatClient, formatDuration} from './format.js';
import {sanitize} from './sanitize.js';
import {
	type BoundedField,
	type Field,
	fieldNamed,
	type FieldName,
	isNumberType,
	namedFields,
	type Session,
} from './session-fields.js';
import {fitWidth} from './text.js';
import {fitHostKey} from './fleet-host.js';
import {type SortKey, sortKeys} from './types.js';

type Layout<Id extends FieldName = FieldName> = {
	field: Id;
	title: string;
	/** Cells; the title plus a sort arrow always fits. */
	minWidth: number;
	maxWidth: number;
	/** Share of spare width this column takes; 0 keeps it at `minWidth`. */
	flex: number;
	/** Narrow screens drop the lowest priority first. */
	priority: number;
	/** The value when it is more than the field's own, for the cell and tsv alike. */
	text?: (session: Session) => string | undefined;
	/** The cell's text when shorter than the tsv value. */
	shorten?: (text: string) => string;
};

function clientText(session: Session): string | undefined {
	return (session.remote === undefined && session.port === undefined && session.unknown === undefined) ? undefined : formatClient(session) || undefined;
}

function stateText(state: string): string {
	// Every 2.4+ state string starts with "Session " ("Session started"); the prefix costs 8 cells a row.
	return state.replace(/^session /iv, '');
}

// The live table's columns, in order; fields without one are `--once` columns only.
const layouts = [
	{
		field: 'host', title: 'HOST', minWidth: 10, maxWidth: 24, flex: 1, priority: 70,
	},
	{
		field: 'id', title: 'ID', minWidth: 6, maxWidth: 10, flex: 0, priority: 100,
	},
	{
		field: 'user', title: 'USER', minWidth: 6, maxWidth: 16, flex: 3, priority: 95,
	},
	{
		field: 'client', title: 'CLIENT', minWidth: 21, maxWidth: 28, flex: 1, priority: 90, text: clientText,
	},
	{
		field: 'service', title: 'SERVICE', minWidth: 8, maxWidth: 22, flex: 2, priority: 60,
	},
	{
		field: 'servers', title: 'SERVERS', minWidth: 8, maxWidth: 24, flex: 2, priority: 40,
	},
	{
		field: 'state', title: 'STATE', minWidth: 10, maxWidth: 16, flex: 1, priority: 55, shorten: stateText,
	},
	{
		field: 'age', title: 'AGE', minWidth: 6, maxWidth: 6, flex: 0, priority: 50,
	},
	{
		field: 'idle', title: 'IDLE', minWidth: 6, maxWidth: 6, flex: 0, priority: 85,
	},
	{
		field: 'memory', title: 'MEMORY', minWidth: 9, maxWidth: 9, flex: 0, priority: 80,
	},
	{
		field: 'io', title: 'I/O', minWidth: 5, maxWidth: 6, flex: 0, priority: 30,
	},
	{
		field: 'thread', title: 'THR', minWidth: 4, maxWidth: 4, flex: 0, priority: 20,
	},
] as const satisfies readonly Layout[];

export type ColumnId = typeof layouts[number]['field'];

export type Column<Id extends FieldName = ColumnId> = Omit<Layout, 'field' | 'text' | 'shorten'> & {
	id: Id;
	align: 'left' | 'right';
	sortKey?: SortKey;
	/** Display text, unsanitized; undefined when the server did not send the value. */
	value(session: Session): string | undefined;
	/** Machine value for tsv: seconds, bytes, counts as plain numbers. */
	raw(session: Session): string | undefined;
};

const formats: Partial<Record<Field['type'], (value: number) => string>> = {seconds: formatDuration, bytes: formatBytes};

/** The field's value as text, numbers in `format`; `?` for a number out of sense. */
function plainText(field: Field, session: Session, format: (value: number) => string): string | undefined {
	const value = session[field.key];
	if (Array.isArray(value)) {
		return value.length === 0 ? undefined : value.join(',');
	}

	return isNumberType(field.type) && field.type !== 'id' ? boundedText(session, field.key as BoundedField, format) : value as string | undefined;
}

function columnOf<Id extends FieldName>({
	field: id, text, shorten, ...sizes
}: Layout<Id>): Column<Id> {
	const field = fieldNamed(id);
	const format = formats[field.type] ?? String;
	return {
		...sizes,
		id,
		align: isNumberType(field.type) ? 'right' : 'left',
		...((sortKeys as readonly string[]).includes(id) && {sortKey: id as SortKey}),
		value(session) {
			const value = text ? text(session) : plainText(field, session, format);
			return shorten && value !== undefined ? shorten(value) : value;
		},
		raw: session => text ? text(session) : plainText(field, session, String),
	};
}

export const columns: readonly Column[] = layouts.map(layout => columnOf(layout));

/** Every column `--once` can print: the table's, then one for each other field with a name. */
export const onceColumns: ReadonlyArray<Column<FieldName>> = [
	...columns,
	...namedFields.filter(field => columns.every(column => column.id !== field.name)).map(field => columnOf({
		field: field.name, title: field.name.toUpperCase(), minWidth: 0, maxWidth: 0, flex: 0, priority: 0,
	})),
];

/**
The columns worth showing: a column no session has a value for is hidden, as older servers lack some attributes
(`memory` before 22.08, `io_activity`/`thread` before 23.02, `port` before 6.3.1).
*/
export function columnsWithData(sessions: readonly Session[], options: {multiHost: boolean}): Column[] {
	return columns.filter(column => (column.id === 'host' ? options.multiHost : column.id === 'id' || sessions.some(session => column.value(session) !== undefined)));
}

/** Widest value per column in cells (content-width.ts), capped at its maximum, so short values leave room for long ones. */
export type ContentWidths = ReadonlyMap<ColumnId, number>;

/** Which columns the operator wants, in which order (the column chooser, `--columns`, preferences). */
export type ColumnChoice = {
	order: readonly ColumnId[];
	hidden: readonly ColumnId[];
};

/**
A `--columns` or preferences list: those columns in that order, the rest hidden, unknown names (`app` is `--once`
only) skipped; `host` stays unless listed elsewhere, so a list saved on one MaxScale still tells a fleet apart.
*/
export function choiceFromList(names: readonly string[]): ColumnChoice | undefined {
	const listed = names.filter((name): name is ColumnId => columns.some(column => column.id === name));
	if (listed.length === 0) {
		return undefined;
	}

	const rest = columns.map(column => column.id).filter(id => !listed.includes(id));
	const order = [...listed, ...rest];
	const hidden = rest.filter(id => id !== 'host');
	return {order: listed.includes('host') ? order : ['host', ...order.filter(id => id !== 'host')], hidden};
}

export function choiceToList(choice: ColumnChoice): ColumnId[] {
	return choice.order.filter(id => !choice.hidden.includes(id));
}

/** The columns to lay out: the available ones, ordered and filtered by the choice. */
export function applyColumnChoice(available: readonly Column[], choice: ColumnChoice | undefined): Column[] {
	if (!choice) {
		return [...available];
	}

	const rank = (id: ColumnId) => {
		const index = choice.order.indexOf(id);
		return index === -1 ? choice.order.length : index;
	};

	return available.filter(column => !choice.hidden.includes(column.id)).sort((a, b) => rank(a.id) - rank(b.id));
}

export type ColumnLayout = {
	/** The whole row, in cells: the terminal width. */
	width: number;
	cells: Array<{column: Column; width: number}>;
};

/** One cell at the start of each row: the cursor mark. */
const gutterWidth = 1;

function usedWidth(cells: ReadonlyArray<{width: number}>): number {
	return gutterWidth + cells.reduce((sum, cell) => sum + cell.width, 0) + Math.max(0, cells.length - 1);
}

/**
Fit `candidates` into `width` cells: drop the lowest-priority columns until the minimum widths fit, the
sorted-by column last (a table sorted by a column it does not show looks unsorted), then give spare width
to flexible columns up to their maximum, with `content` only as far as the widest value. Order is kept.
*/
export function layoutColumns(width: number, candidates: readonly Column[], content?: ContentWidths, options: {sortKey?: SortKey} = {}): ColumnLayout {
	// Short values (an IPv4 client, `started`) free their column's unused minimum for long ones.
	const minimum = (column: Column) => content ? Math.min(column.minWidth, Math.max(column.title.length + 1, content.get(column.id) ?? column.minWidth)) : column.minWidth;
	const limit = (column: Column) => content
		? Math.min(column.maxWidth, Math.max(minimum(column), column.title.length + 1, content.get(column.id) ?? 0))
		: column.maxWidth;
	const weight = (column: Column) => content ? Math.max(1, column.flex) : column.flex;
	const priority = (column: Column) => column.sortKey !== undefined && column.sortKey === options.sortKey ? Infinity : column.priority;
	let kept = [...candidates];
	while (kept.length > 1 && usedWidth(kept.map(column => ({width: minimum(column)}))) > width) {
		const lowest = kept.reduce((low, column) => (priority(column) < priority(low) ? column : low));
		kept = kept.filter(column => column !== lowest);
	}

	const cells = kept.map(column => ({column, width: minimum(column)}));
	let spare = width - usedWidth(cells);
	while (spare > 0) {
		const growable = cells.filter(cell => weight(cell.column) > 0 && cell.width < limit(cell.column));
		if (growable.length === 0) {
			break;
		}

		const totalFlex = growable.reduce((sum, cell) => sum + weight(cell.column), 0);
		const round = spare;
		for (const cell of growable) {
			const share = Math.max(1, Math.floor(round * weight(cell.column) / totalFlex));
			const grow = Math.min(share, limit(cell.column) - cell.width, spare);
			cell.width += grow;
			spare -= grow;
		}
	}

	return {width: Math.max(0, width), cells};
}

function joinCells(first: string, layout: ColumnLayout, text: (cell: ColumnLayout['cells'][number]) => string, ascii?: boolean): string {
	const cells = layout.cells.map(cell => fitWidth(text(cell), cell.width, {align: cell.column.align, ascii}));
	return fitWidth(first + cells.join(' '), layout.width, {ascii});
}

/** One table row, padded or cut to exactly `layout.width` cells; every value sanitized. `state` replaces the state cell (a kill countdown). */
export function formatRow(session: Session, layout: ColumnLayout, options: {ascii?: boolean; selected?: boolean; state?: string} = {}): string {
	return joinCells(options.selected ? glyphs(!options.ascii).cursor : ' ', layout, ({column, width}) => {
		const text = sanitize((column.id === 'state' && options.state !== undefined ? options.state : column.value(session)) ?? '');
		return column.id === 'host' ? fitHostKey(text, width, options.ascii) : text;
	}, options.ascii);
}

export function formatHeaderRow(layout: ColumnLayout, sort: {key: SortKey; descending: boolean}, options: {ascii?: boolean} = {}): string {
	const set = glyphs(!options.ascii);
	return joinCells(' ', layout, ({column}) => column.title + (column.sortKey === sort.key ? (sort.descending ? set.sortDescending : set.sortAscending) : ''), options.ascii);
}
