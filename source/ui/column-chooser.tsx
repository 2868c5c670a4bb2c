import {Box} from 'ink';
import type {chooserEntries} from '../state/column-chooser.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly entries: ReturnType<typeof chooserEntries>;
	readonly shownColumns?: readonly string[];
	readonly cursor: number;
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
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
export function ColumnChooser({entries, shownColumns, cursor, height, width, ascii}: Props) {
	if (height <= 0) {
		return null;
	}

	const bodyHeight = height - 2;
	const start = Math.max(0, Math.min(cursor - bodyHeight + 1, entries.length - bodyHeight));
	const mark = ascii ? '>' : '›';
	return (
		<Box flexDirection='column'>
			<TextLine inverse text=' Columns  (Space show/hide, [ ] move, 0 reset, Enter/Esc done)' width={width} ascii={ascii}/>
			{height > 1 ? <TextLine tone='dim' text='  Columns without data from this MaxScale stay hidden whatever is chosen.' width={width} ascii={ascii}/> : null}
			{entries.slice(start, start + Math.max(0, bodyHeight)).map((entry, index) => {
				const isCursor = start + index === cursor;
				const text = `${isCursor ? mark : ' '} [${entry.shown ? 'x' : ' '}] ${entry.title.padEnd(8)}${note(entry, shownColumns)}`;
				return <TextLine key={entry.id} bold={isCursor} inverse={isCursor} text={text} width={width} ascii={ascii}/>;
			})}
		</Box>
	);
}
