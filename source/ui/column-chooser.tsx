import {Box} from 'ink';
import {chooserEntries} from '../state/column-chooser.js';
import type {State} from '../state/types.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly state: Pick<State, 'columnChoice' | 'columns'>;
	readonly cursor: number;
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
`C`: every column of the live table, in display order, with a check box; left to right on screen
is top to bottom here.
*/
export function ColumnChooser({state, cursor, height, width, ascii}: Props) {
	if (height <= 0) {
		return null;
	}

	const entries = chooserEntries(state);
	const bodyHeight = height - 2;
	const start = Math.max(0, Math.min(cursor - bodyHeight + 1, entries.length - bodyHeight));
	const mark = ascii ? '>' : '›';
	return (
		<Box flexDirection='column'>
			<TextLine inverse text=' Columns  (Space show/hide, [ ] move, 0 reset, Enter/Esc done)' width={width} ascii={ascii}/>
			{height > 1 ? <TextLine tone='dim' text='  Columns without data from this MaxScale stay hidden whatever is chosen.' width={width} ascii={ascii}/> : null}
			{entries.slice(start, start + Math.max(0, bodyHeight)).map((entry, index) => {
				const isCursor = start + index === cursor;
				const text = `${isCursor ? mark : ' '} [${entry.shown ? 'x' : ' '}] ${entry.title.padEnd(8)}${entry.hasData ? '' : ' (no data)'}`;
				return <TextLine key={entry.id} bold={isCursor} inverse={isCursor} text={text} width={width} ascii={ascii}/>;
			})}
		</Box>
	);
}
