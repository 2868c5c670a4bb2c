import {fitLine, type Line} from '../model/fit-line.js';
import {typedPart} from '../state/prompt-lines.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly label: Line;
	readonly text: string;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
A one-line question with the typed answer and a cursor mark. On a narrow terminal the session's
label and the courtesy words give way first; the verb, the timing and the answer stay.
*/
export function PromptLine({label, text, width, ascii}: Props) {
	return <TextLine bold text={fitLine([...label, typedPart(text)], width, {ascii})} width={width} ascii={ascii}/>;
}
