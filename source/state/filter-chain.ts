import type {KeyPress} from '../keymap.js';
import {fitLine, type Line} from '../model/fit-line.js';
import {sanitize} from '../model/sanitize.js';
import type {Action} from './actions.js';
import {enqueue, setStatus} from './helpers.js';
import {refusal} from './read-only.js';
import {withTarget} from './targets.js';
import type {PaneSize, StyledLine} from './tone.js';
import type {Mode, State} from './types.js';

/** `a → b`, or `no filters`, as the status line and the picker say it. */
export function chainText(chain: readonly string[], ascii = false): string {
	return chain.length === 0 ? 'no filters' : chain.map(name => sanitize(name)).join(ascii ? ' -> ' : ' → ');
}

export type FilterPickerMode = Extract<Mode, {kind: 'filters'}>;

/** The picker's lines: the chain in order first, then the other filters MaxScale defines. */
export function filterPickerItems(mode: Pick<FilterPickerMode, 'chain' | 'available'>): Array<{name: string; position?: number}> {
	const inChain = new Set(mode.chain);
	return [
		...mode.chain.map((name, index) => ({name, position: index + 1})),
		...(mode.available ?? []).filter(name => !inChain.has(name)).map(name => ({name})),
	];
}

/** `f`: the filter chain picker of the selected session (or the one in the detail pane). */
export function openFilterChain(state: State): State {
	return withTarget(state, 'patchSession', ({key, host, id, label}, session) => enqueue({
		...state, mode: {
			kind: 'filters', key, host, id, label, chain: [...session.filters], serverChain: session.filters, cursor: 0, busy: true,
		},
	}, {kind: 'loadFilters', host, sessionId: id}));
}

export type PickerStep = 'up' | 'down' | 'toggle' | 'earlier' | 'later' | 'empty' | 'apply' | 'close';

const editSteps: Record<string, PickerStep> = {
	' ': 'toggle', '[': 'earlier', ']': 'later', x: 'empty',
};

export function filterChainEditStep(input: string, key: KeyPress): PickerStep | undefined {
	return key.return ? 'apply' : editSteps[input];
}

export function onFilterChain(state: State, step: PickerStep | undefined): State {
	const {mode} = state;
	if (mode.kind !== 'filters') {
		return state;
	}

	const items = filterPickerItems(mode);
	const last = Math.max(0, items.length - 1);
	const item = items[mode.cursor];
	switch (step) {
		case 'up':
		case 'down': {
			const cursor = Math.max(0, Math.min(mode.cursor + (step === 'up' ? -1 : 1), last));
			return {...state, mode: {...mode, cursor}};
		}

		case 'toggle': {
			if (!item) {
				return state;
			}

			// Added filters go to the end of the chain; the cursor follows the filter it moved.
			const chain = item.position === undefined ? [...mode.chain, item.name] : mode.chain.filter(name => name !== item.name);
			const cursor = filterPickerItems({...mode, chain}).findIndex(entry => entry.name === item.name);
			return {...state, mode: {...mode, chain, cursor: Math.max(0, cursor)}};
		}

		case 'earlier':
		case 'later': {
			if (item?.position === undefined) {
				return setStatus(state, 'only filters in the chain can be moved; Space adds one', true);
			}

			const from = item.position - 1;
			const to = from + (step === 'earlier' ? -1 : 1);
			if (to < 0 || to >= mode.chain.length) {
				return state;
			}

			const chain = [...mode.chain];
			chain.splice(to, 0, ...chain.splice(from, 1));
			return {...state, mode: {...mode, chain, cursor: to}};
		}

		case 'empty': {
			return {...state, mode: {...mode, chain: [], cursor: 0}};
		}

		case 'apply': {
			const why = refusal(state, [mode.host], 'patchSession');
			if (why) {
				return setStatus(state, why, true);
			}

			if (mode.busy) {
				return setStatus(state, 'waiting for the server', true);
			}

			return setStatus(enqueue({...state, mode: {...mode, busy: true, error: undefined}}, {
				kind: 'applyFilters', host: mode.host, sessionId: mode.id, filters: [...mode.chain],
			}), `session ${mode.id}: sending filter chain ${chainText(mode.chain)}…`, false);
		}

		case 'close': {
			// After an apply the status line already says what the server reports: leave it.
			const isEdited = mode.chain.length !== mode.serverChain.length || mode.chain.some((name, index) => name !== mode.serverChain[index]);
			return isEdited ? setStatus({...state, mode: {kind: 'table'}}, 'filter chain edits not applied; nothing was sent', false) : {...state, mode: {kind: 'table'}};
		}

		case undefined: {
			return state;
		}
	}
}

export function onFiltersLoaded(state: State, action: Extract<Action, {type: 'filtersLoaded'}>): State {
	const {mode} = state;
	if (mode.kind !== 'filters' || mode.host !== action.host || mode.id !== action.id) {
		return state;
	}

	const chain = action.chain ? [...action.chain] : mode.chain;
	const available = action.available ? [...action.available] : mode.available;
	const items = filterPickerItems({chain, available});
	return {
		...state, mode: {
			...mode, busy: false, chain, serverChain: action.chain ?? mode.serverChain, available, error: action.error, cursor: Math.min(mode.cursor, Math.max(0, items.length - 1)),
		},
	};
}

/**
The chain, then the keys: the rarer keys go first, then the chain is cut, and left out when short
of room (the list below shows it too).
*/
export function chainHint(chain: string): Line {
	return [
		{
			text: `  chain: ${chain}  `, priority: 4, cut: {min: 18, keep: '  '}, shorter: [' '],
		},
		{text: ' (Space add/remove', priority: 9},
		{text: ', [ ] move', priority: 2, shorter: ['']},
		{text: ', x none', priority: 1, shorter: ['']},
		{text: ', Enter apply', priority: 8},
		{text: ', Esc close', priority: 3, shorter: ['']},
		{text: ')', priority: 9},
	];
}

/** `f`: the session's filter chain in order, then the other filters MaxScale defines. */
export function filterPickerLines(mode: FilterPickerMode, {height, width, ascii}: PaneSize): StyledLine[] {
	if (height <= 0) {
		return [];
	}

	const items = filterPickerItems(mode);
	const notes: StyledLine[] = [];
	if (mode.busy) {
		notes.push({text: 'asking the server…', tone: 'dim'});
	} else if (mode.error) {
		notes.push({text: `maxtop: ${mode.error}`, tone: 'error'});
	} else if (items.length === 0) {
		notes.push({text: 'MaxScale defines no filters (GET /v1/filters is empty)', tone: 'dim'});
	}

	const listHeight = Math.max(0, height - 2 - notes.length);
	const start = Math.max(0, Math.min(mode.cursor - listHeight + 1, items.length - listHeight));
	const mark = ascii ? '>' : '›';
	return [
		{text: ` Filter chain of session ${mode.label}`, inverse: true},
		...(height > 1 ? [{text: fitLine(chainHint(mode.chain.length === 0 ? '(no filters)' : chainText(mode.chain, ascii)), width, {ascii}), tone: 'dim' as const}] : []),
		...items.slice(start, start + listHeight).map((item, index) => {
			const isCursor = start + index === mode.cursor;
			const box = item.position === undefined ? '[ ]' : `[${item.position}]`;
			return {text: `${isCursor ? mark : ' '} ${box.padEnd(4)} ${sanitize(item.name)}`, bold: isCursor, inverse: isCursor};
		}),
		...notes.slice(0, Math.max(0, height - 2)),
	];
}
