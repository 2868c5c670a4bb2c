import type {chooserEntries} from '../state/column-chooser.js';
import type {PaneSize, StyledLine} from './tone.js';

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
