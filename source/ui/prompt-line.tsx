import {TextLine} from './text-line.js';

type Props = {
	readonly label: string;
	readonly text: string;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
A one-line question with the typed answer and a cursor mark.
*/
export function PromptLine({label, text, width, ascii}: Props) {
	return <TextLine bold text={`${label} ${text}_`} width={width} ascii={ascii}/>;
}
