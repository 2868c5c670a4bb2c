import {fitLine, type Line} from '../model/fit-line.js';
import {sanitize} from '../model/sanitize.js';
import {filterPickerItems, type FilterPickerMode} from './filter-chain.js';
import type {PaneSize, StyledLine} from './tone.js';

/**
The chain, then the keys: the rarer keys go first, then the chain is cut, and left out when short
of room (the list below shows it too).
*/
export function chainHint(chainText: string): Line {
	return [
		{
			text: `  chain: ${chainText}  `, priority: 4, cut: {min: 18, keep: '  '}, shorter: [' '],
		},
		{text: ' (Space add/remove', priority: 9},
		{text: ', [ ] move', priority: 2, shorter: ['']},
		{text: ', x none', priority: 1, shorter: ['']},
		{text: ', Enter apply', priority: 8},
		{text: ', Esc close', priority: 3, shorter: ['']},
		{text: ')', priority: 9},
	];
}

/**
`f`: the session's filter chain in order, then the other filters MaxScale defines.
*/
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
	const chainText = mode.chain.length === 0 ? '(no filters)' : mode.chain.map(name => sanitize(name)).join(ascii ? ' -> ' : ' → ');
	return [
		{text: ` Filter chain of session ${mode.label}`, inverse: true},
		...(height > 1 ? [{text: fitLine(chainHint(chainText), width, {ascii}), tone: 'dim' as const}] : []),
		...items.slice(start, start + listHeight).map((item, index) => {
			const isCursor = start + index === mode.cursor;
			const box = item.position === undefined ? '[ ]' : `[${item.position}]`;
			return {text: `${isCursor ? mark : ' '} ${box.padEnd(4)} ${sanitize(item.name)}`, bold: isCursor, inverse: isCursor};
		}),
		...notes.slice(0, Math.max(0, height - 2)),
	];
}
