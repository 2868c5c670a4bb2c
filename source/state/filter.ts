import {parseFilter} from '../model/filter.js';
import {sanitize} from '../model/sanitize.js';
import {setStatus} from './helpers.js';
import {filterLine} from './prompt-lines.js';
import {rebuildRows} from './table.js';
import type {State} from './types.js';

/** The rows filtered by `text`, or why `text` is not a filter. */
export function applyFilterText(state: State, text: string): State | string {
	const parsed = parseFilter(text);
	if (!parsed.ok) {
		return parsed.error;
	}

	const isEmpty = parsed.filter.terms.length === 0;
	return rebuildRows({...state, filterText: isEmpty ? '' : text.trim(), filter: isEmpty ? undefined : parsed.filter});
}

export function openFilterPrompt(state: State): State {
	return {
		...state,
		filterBefore: state.filterText,
		mode: {
			kind: 'prompt', purpose: 'filter', label: filterLine(), text: state.filterText,
		},
	};
}

export function clearFilter(state: State): State {
	return state.filterText === '' ? setStatus(state, 'no filter to clear', false) : setStatus(rebuildRows({...state, filterText: '', filter: undefined}), 'filter cleared', false);
}

/** Incremental: each keystroke that leaves a valid expression filters at once; the error waits for Enter. */
export function editFilter(state: State, text: string): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	const mode = {...state.mode, text: text.slice(0, 200), error: undefined};
	const applied = applyFilterText(state, mode.text);
	return typeof applied === 'string' ? {...state, mode} : {...applied, mode};
}

export function submitFilter(state: State): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	const applied = applyFilterText(state, state.mode.text);
	if (typeof applied === 'string') {
		return {...state, mode: {...state.mode, error: `${applied}; the previous filter stays`}};
	}

	const text = applied.filterText;
	return setStatus({...applied, mode: {kind: 'table'}, filterBefore: undefined}, text === '' ? 'filter cleared' : `filter: ${sanitize(text)}`, false);
}

export function cancelFilter(state: State): State {
	const restored = applyFilterText(state, state.filterBefore ?? '');
	const next = typeof restored === 'string' ? state : restored;
	return setStatus({...next, mode: {kind: 'table'}, filterBefore: undefined}, 'filter unchanged', false);
}
