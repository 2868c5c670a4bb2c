import {Box} from 'ink';
import {formatHeaderRow, formatRow, type ColumnLayout} from '../model/columns.js';
import {fitWidth} from '../model/text.js';
import type {SortKey} from '../model/types.js';
import type {RowMark, RowView} from '../state/screen.js';
import {SessionRow} from './session-row.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly rows: readonly RowView[];
	readonly layout: ColumnLayout;
	readonly sort: {key: SortKey; descending: boolean};
	/** Lines available, the column titles included. */
	readonly height: number;
	readonly ascii?: boolean;
	readonly emptyText: string;
};

const markGlyphs: Record<RowMark, [string, string]> = {
	tag: ['●', '*'], new: ['+', '+'], tombstone: ['†', 'x'], kill: ['✖', 'x'],
};

/** The mark replaces the leading cell (the cursor's); the selected row is drawn inverse anyway. */
function markRow(text: string, mark: RowMark | undefined, ascii: boolean | undefined): string {
	return mark ? markGlyphs[mark][ascii ? 1 : 0] + text.slice(1) : text;
}

export function SessionTable({rows, layout, sort, height, ascii, emptyText}: Props) {
	if (height <= 0) {
		return null;
	}

	const visible = rows.slice(0, height - 1);
	return (
		<Box flexDirection='column'>
			<TextLine bold text={formatHeaderRow(layout, sort, {ascii})} width={layout.width} ascii={ascii}/>
			{visible.length === 0 && height > 1 ? <TextLine text={fitWidth(' ' + emptyText, layout.width)} tone='dim' width={layout.width} ascii={ascii}/> : null}
			{visible.map(row => (
				<SessionRow
					key={row.key}
					text={markRow(formatRow(row.session, layout, {ascii, selected: row.selected, state: row.state}), row.mark, ascii)}
					selected={row.selected}
					killing={row.state !== undefined}
					mark={row.mark}
				/>
			))}
		</Box>
	);
}
