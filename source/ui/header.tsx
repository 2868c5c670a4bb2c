import {Box} from 'ink';
import {TextLine} from './text-line.js';
import type {ToneLine} from './tone.js';

type Props = {
	readonly lines: readonly ToneLine[];
	readonly width: number;
	readonly ascii?: boolean;
};

export function Header({lines, width, ascii}: Props) {
	return (
		<Box flexDirection='column'>
			{lines.map((line, index) => <TextLine key={index} text={line.text} tone={line.tone} width={width} bold={index === 0} ascii={ascii}/>)}
		</Box>
	);
}
