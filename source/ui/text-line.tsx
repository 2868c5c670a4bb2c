import {Text} from 'ink';
import {memo} from 'react';
import {fitWidth} from '../model/text.js';
import type {Tone} from './header-lines.js';

type Props = {
	readonly text: string;
	readonly width: number;
	readonly tone?: Tone;
	readonly inverse?: boolean;
	readonly bold?: boolean;
	readonly ascii?: boolean;
};

const colors: Partial<Record<Tone, string>> = {error: 'red', warning: 'yellow'};

/**
One screen line, cut or padded to the width so it can never wrap into a second line.
*/
export const TextLine = memo(({text, width, tone = 'normal', inverse, bold, ascii}: Props) => (
	<Text wrap='truncate' color={colors[tone]} dimColor={tone === 'dim'} inverse={inverse} bold={bold}>
		{fitWidth(text, width, {ascii})}
	</Text>
));
