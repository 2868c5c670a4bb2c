import {columns, type ColumnChoice, type ColumnId} from '../model/columns.js';
import {setStatus} from './helpers.js';
import type {State} from './types.js';

const defaultOrder: readonly ColumnId[] = columns.map(column => column.id);

/**
The choice in force: the operator's, else every column in the default order.
*/
export function currentChoice(state: Pick<State, 'columnChoice'>): ColumnChoice {
	return state.columnChoice ?? {order: defaultOrder, hidden: []};
}

/**
One chooser line per column: shown or not, and whether the server sends it at all.
*/
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
	const moved = order[from]!;
	order[from] = order[to]!;
	order[to] = moved;
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

/**
The keys of the column chooser (`C`) and the worker meters toggle (`t`).
*/
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

export function applyColumnChooser(state: State, action: keyof typeof columnChooserKeys): State {
	return columnChooserKeys[action](state);
}
