import {Text} from 'ink';
import {memo} from 'react';

type Props = {
	/**
	Pre-padded to the terminal width by `formatRow`.
	*/
	readonly text: string;
	readonly selected: boolean;
	readonly killing?: boolean;
};

/**
Memoized: a refresh re-renders only rows whose text changed (ink#401; Ink 8 no longer memoizes Text).
*/
export const SessionRow = memo(({text, selected, killing}: Props) => (
	<Text wrap='truncate' inverse={selected} color={killing ? 'red' : undefined}>{text}</Text>
));
