import {Box} from 'ink';
import {TextLine} from './text-line.js';

type Props = {
	readonly title: string;
	readonly lines: readonly string[];
	readonly scroll: number;
	/**
	Lines available, the title included.
	*/
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
A titled block of text that shows `height - 1` lines from `scroll` on.
*/
export function ScrollPane({title, lines, scroll, height, width, ascii}: Props) {
	if (height <= 0) {
		return null;
	}

	const bodyHeight = height - 1;
	const start = Math.max(0, Math.min(scroll, lines.length - bodyHeight));
	const isMore = lines.length > start + bodyHeight;
	const suffix = isMore || start > 0 ? `  [${start + 1}-${Math.min(lines.length, start + bodyHeight)} of ${lines.length}, Up/Down scroll]` : '';
	return (
		<Box flexDirection='column'>
			<TextLine inverse text={` ${title}${suffix}`} width={width} ascii={ascii}/>
			{lines.slice(start, start + bodyHeight).map((line, index) => <TextLine key={start + index} text={line} width={width} ascii={ascii}/>)}
		</Box>
	);
}
