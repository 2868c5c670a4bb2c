import {Box} from 'ink';
import {fitLine, type Line} from '../model/fit-line.js';
import {TextLine} from './text-line.js';

type Props = {
	/**
	A plain title, or one in pieces that say what gives way first on a narrow terminal.
	*/
	readonly title: string | Line;
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
The title line: on a narrow terminal the key hint shortens first, then the title; which lines
are shown stays.
*/
export function scrollTitle(title: string | Line, first: number, last: number, total: number): Line {
	const name: Line = typeof title === 'string' ? [{text: title, priority: 2, cut: {min: 8}}] : title;
	return [
		{text: ' ', priority: 9},
		...name,
		{text: `  [${first}-${last} of ${total}`, priority: 9},
		{text: ', Up/Down PgUp/PgDn Home/End scroll', priority: 1, shorter: [', Up/Down scroll', '']},
		{text: ']', priority: 9},
	];
}

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
	const heading = isMore || start > 0
		? fitLine(scrollTitle(title, start + 1, Math.min(lines.length, start + bodyHeight), lines.length), width, {ascii})
		: (typeof title === 'string' ? ` ${title}` : fitLine([{text: ' ', priority: 9}, ...title], width, {ascii}));
	return (
		<Box flexDirection='column'>
			<TextLine inverse text={heading} width={width} ascii={ascii}/>
			{lines.slice(start, start + bodyHeight).map((line, index) => <TextLine key={start + index} text={line} width={width} ascii={ascii}/>)}
		</Box>
	);
}
