import {fitLine, type Line} from '../model/fit-line.js';
import {answerKeys} from '../state/prompt-lines.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly question: Line;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
`…? [y/N]`: anything but y answers No.
*/
export function ConfirmLine({question, width, ascii}: Props) {
	return <TextLine bold tone='warning' text={fitLine([...question, answerKeys], width, {ascii})} width={width} ascii={ascii}/>;
}
