import {Text} from 'ink';
import {memo} from 'react';
import type {RowMark} from '../state/screen.js';
import {useLook} from './look.js';

type Props = {
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
export const SessionRow = memo(({text, selected, killing, mark}: Props) => {
	const {colors} = useLook();
	const markColors = {
		tag: colors.tagged, new: colors.new, tombstone: colors.tombstone, kill: colors.pendingKill,
	};
	const color = killing ? colors.pendingKill : (mark && markColors[mark]);
	return <Text wrap='truncate' inverse={selected} dimColor={mark === 'tombstone'} color={color}>{text}</Text>;
});
