import {Box} from 'ink';
import {TextLine} from './text-line.js';

type Props = {
	readonly lines: readonly string[];
	readonly width: number;
	readonly height: number;
	/**
	Index into `lines` drawn inverse, kept on screen.
	*/
	readonly selected?: number;
	/**
	Lines at the top that never scroll away (titles).
	*/
	readonly fixed?: number;
	readonly ascii?: boolean;
};

/**
A pane of plain lines cut to its height; with a selection the lines scroll to keep it in view.
*/
export function LinesPane({lines, width, height, selected, fixed = 0, ascii}: Props) {
	if (height <= 0) {
		return null;
	}

	const head = lines.slice(0, Math.min(fixed, height));
	const room = height - head.length;
	const rest = lines.slice(fixed);
	const target = selected === undefined ? 0 : selected - fixed;
	const offset = Math.max(0, Math.min(target - room + 1, rest.length - room));
	const start = selected === undefined ? 0 : Math.max(0, Math.min(offset, target));
	const body = rest.slice(start, start + room);
	return (
		<Box flexDirection='column'>
			{head.map((line, index) => <TextLine key={`h${index}`} bold text={line} width={width} ascii={ascii}/>)}
			{body.map((line, index) => <TextLine key={start + index} inverse={start + index + fixed === selected} text={line} width={width} ascii={ascii}/>)}
		</Box>
	);
}
