import {Box, Text} from 'ink';
import {memo} from 'react';
import {glyphs} from '../model/charset.js';
import {formatHeaderRow, formatRow, type ColumnLayout} from '../model/columns.js';
import {fitWidth} from '../model/text.js';
import type {SortKey} from '../model/types.js';
import type {RowMark, RowView} from '../state/screen.js';
import {useLook} from './look.js';
import {TextLine} from './text-line.js';

type RowProps = {
	/** Pre-padded to the terminal width by `formatRow`. */
	readonly text: string;
	readonly selected: boolean;
	readonly killing?: boolean;
	/**
	Tagged, born since a moment ago, gone (a tombstone, drawn dim), or being killed where the table
	has no STATE column for the countdown.
	*/
	readonly mark?: RowMark;
};

/** Memoized: a refresh re-renders only rows whose text changed (ink#401; Ink 8 no longer memoizes Text). */
export const SessionRow = memo(({text, selected, killing, mark}: RowProps) => {
	const {colors} = useLook();
	const markColors = {
		tag: colors.tagged, new: colors.new, tombstone: colors.tombstone, kill: colors.pendingKill,
	};
	const color = killing ? colors.pendingKill : (mark && markColors[mark]);
	return <Text wrap='truncate' inverse={selected} dimColor={mark === 'tombstone'} color={color}>{text}</Text>;
});

type Props = {
	readonly rows: readonly RowView[];
	readonly layout: ColumnLayout;
	readonly sort: {key: SortKey; descending: boolean};
	/** Lines available, the column titles included. */
	readonly height: number;
	readonly ascii?: boolean;
	readonly emptyText: string;
};

const markGlyph = {
	tag: 'tag', new: 'newSession', tombstone: 'tombstone', kill: 'pendingKill',
} as const;

/** The mark replaces the leading cell (the cursor's); the selected row is drawn inverse anyway. */
function markRow(text: string, mark: RowMark | undefined, ascii: boolean | undefined): string {
	return mark ? glyphs(!ascii)[markGlyph[mark]] + text.slice(1) : text;
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
