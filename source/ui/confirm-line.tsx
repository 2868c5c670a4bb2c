import {fitKeepingTail} from './prompt-line.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly question: string;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
`…? [y/N]`: anything but y answers No.
*/
export function ConfirmLine({question, width, ascii}: Props) {
	return <TextLine bold tone='warning' text={fitKeepingTail(question, ' [y/N]', width, ascii)} width={width} ascii={ascii}/>;
}
