import {columns, type ColumnChoice, type ColumnId} from '../model/columns.js';
import {setStatus} from './helpers.js';
import type {PaneSize, StyledLine} from './tone.js';
import type {State} from './types.js';

const defaultOrder: readonly ColumnId[] = columns.map(column => column.id);

/** The choice in force: the operator's, else every column in the default order. */
export function currentChoice(state: Pick<State, 'columnChoice'>): ColumnChoice {
	return state.columnChoice ?? {order: defaultOrder, hidden: []};
}

/** One chooser line per column: shown or not, and whether the server sends it at all. */
export function chooserEntries(state: Pick<State, 'columnChoice' | 'columns'>): Array<{id: ColumnId; title: string; shown: boolean; hasData: boolean}> {
	const choice = currentChoice(state);
	return choice.order.map(id => ({
		id,
		title: columns.find(column => column.id === id)!.title,
		shown: !choice.hidden.includes(id),
		hasData: state.columns.some(column => column.id === id),
	}));
}

function withCursor(state: State, cursor: number): State {
	return state.mode.kind === 'columns' ? {...state, mode: {...state.mode, cursor: Math.max(0, Math.min(cursor, defaultOrder.length - 1))}} : state;
}

function moveColumn(state: State, step: number): State {
	if (state.mode.kind !== 'columns') {
		return state;
	}

	const choice = currentChoice(state);
	const from = state.mode.cursor;
	const to = from + step;
	if (to < 0 || to >= choice.order.length) {
		return state;
	}

	const order = [...choice.order];
	order.splice(to, 0, ...order.splice(from, 1));
	return withCursor({...state, columnChoice: {...choice, order}}, to);
}

function toggleColumn(state: State): State {
	if (state.mode.kind !== 'columns') {
		return state;
	}

	const choice = currentChoice(state);
	const id = choice.order[state.mode.cursor]!;
	if (id === 'id' && !choice.hidden.includes(id)) {
		return setStatus(state, 'the ID column always stays: actions need to show which session they hit', true);
	}

	const hidden = choice.hidden.includes(id) ? choice.hidden.filter(other => other !== id) : [...choice.hidden, id];
	return {...state, columnChoice: {...choice, hidden}};
}

/** The keys of the column chooser (`C`) and the worker meters toggle (`t`). */
export const columnChooserKeys = {
	openColumns: (state: State): State => ({...state, mode: {kind: 'columns', cursor: 0}}),
	columnsClose: (state: State): State => ({...state, mode: {kind: 'table'}}),
	columnsUp: (state: State) => (state.mode.kind === 'columns' ? withCursor(state, state.mode.cursor - 1) : state),
	columnsDown: (state: State) => (state.mode.kind === 'columns' ? withCursor(state, state.mode.cursor + 1) : state),
	columnsMoveUp: (state: State) => moveColumn(state, -1),
	columnsMoveDown: (state: State) => moveColumn(state, 1),
	columnsToggle: toggleColumn,
	columnsReset: (state: State) => setStatus({...state, columnChoice: undefined}, 'columns reset to the default', false),
	toggleMeters(state: State) {
		const showMeters = !state.showMeters;
		return setStatus({...state, showMeters}, showMeters ? 'worker meters on (t hides)' : 'worker meters off (t shows)', false);
	},
};

// Why a chosen column is not on screen: the server sends nothing for it, or the terminal is too narrow.
function note(entry: {id: string; shown: boolean; hasData: boolean}, shownColumns: readonly string[] | undefined): string {
	if (!entry.hasData) {
		return ' (no data)';
	}

	return entry.shown && shownColumns !== undefined && !shownColumns.includes(entry.id) ? ' (no room at this width)' : '';
}

/**
`C`: every column of the live table, in display order, with a check box; left to right on screen
is top to bottom here.
*/
export function columnChooserLines(entries: ReturnType<typeof chooserEntries>, shownColumns: readonly string[] | undefined, cursor: number, {height, ascii}: PaneSize): StyledLine[] {
	const bodyHeight = height - 2;
	const start = Math.max(0, Math.min(cursor - bodyHeight + 1, entries.length - bodyHeight));
	const mark = ascii ? '>' : '›';
	return [
		{text: ' Columns  (Space show/hide, [ ] move, 0 reset, Enter/Esc done)', inverse: true},
		{text: '  Columns without data from this MaxScale stay hidden whatever is chosen.', tone: 'dim' as const},
		...entries.slice(start, start + Math.max(0, bodyHeight)).map((entry, index) => {
			const isCursor = start + index === cursor;
			return {text: `${isCursor ? mark : ' '} [${entry.shown ? 'x' : ' '}] ${entry.title.padEnd(8)}${note(entry, shownColumns)}`, bold: isCursor, inverse: isCursor};
		}),
	].slice(0, Math.max(0, height));
}
