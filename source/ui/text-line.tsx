import {Text} from 'ink';
import {memo} from 'react';
import {spellOutPunctuation} from '../model/charset.js';
import {fitWidth} from '../model/text.js';
import type {Tone} from '../state/tone.js';
import {useLook} from './look.js';

type Props = {
	readonly text: string;
	readonly width: number;
	readonly tone?: Tone;
	readonly inverse?: boolean;
	readonly bold?: boolean;
	readonly ascii?: boolean;
};

/** One screen line, cut or padded to the width so it can never wrap into a second line; `dim` is the dim attribute, which survives `mono`. */
export const TextLine = memo(({text, width, tone = 'normal', inverse, bold, ascii}: Props) => {
	const {colors} = useLook();
	return (
		<Text wrap='truncate' color={tone === 'error' || tone === 'warning' ? colors[tone] : undefined} dimColor={tone === 'dim'} inverse={inverse} bold={bold}>
			{fitWidth(ascii ? spellOutPunctuation(text) : text, width, {ascii})}
		</Text>
	);
});
