import {fitLine, type Line} from '../model/fit-line.js';
import type {PaneSize, StyledLine} from './tone.js';

/**
The title line: on a narrow terminal the key hint shortens first, then the title; which lines
are shown stays.
*/
function scrollTitle(title: string | Line, first: number, last: number, total: number): Line {
	const name: Line = typeof title === 'string' ? [{text: title, priority: 2, cut: {min: 8}}] : title;
	return [
		{text: ' ', priority: 9},
		...name,
		{text: `  [${first}-${last} of ${total}`, priority: 9},
		{text: ', Up/Down PgUp/PgDn Home/End scroll', priority: 1, shorter: [', Up/Down scroll', '']},
		{text: ']', priority: 9},
	];
}

/** A titled block of text (detail, help) that shows `height - 1` lines from `scroll` on. */
export function scrollPaneLines(title: string | Line, lines: readonly string[], scroll: number, {height, width, ascii}: PaneSize): StyledLine[] {
	if (height <= 0) {
		return [];
	}

	const bodyHeight = height - 1;
	const start = Math.max(0, Math.min(scroll, lines.length - bodyHeight));
	const isMore = lines.length > start + bodyHeight;
	const heading = isMore || start > 0
		? fitLine(scrollTitle(title, start + 1, Math.min(lines.length, start + bodyHeight), lines.length), width, {ascii})
		: (typeof title === 'string' ? ` ${title}` : fitLine([{text: ' ', priority: 9}, ...title], width, {ascii}));
	return [{text: heading, inverse: true}, ...lines.slice(start, start + bodyHeight).map(text => ({text}))];
}
