import {displayWidth, fitWidth} from '../model/text.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly label: string;
	readonly text: string;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
Keeps the end of a line whole and cuts the beginning instead: what the operator types (or the
`[y/N]` they must answer) is the part that has to stay visible on a narrow terminal.
*/
export function fitKeepingTail(head: string, tail: string, width: number, ascii?: boolean): string {
	const tailWidth = displayWidth(tail);
	const fits = displayWidth(head) + tailWidth <= width || tailWidth >= width;
	return (fits ? head : fitWidth(head, width - tailWidth, {ascii})) + tail;
}

/**
A one-line question with the typed answer and a cursor mark.
*/
export function PromptLine({label, text, width, ascii}: Props) {
	return <TextLine bold text={fitKeepingTail(label, ` ${text}_`, width, ascii)} width={width} ascii={ascii}/>;
}
