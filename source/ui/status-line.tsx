import {errorLine, fitLine} from '../model/fit-line.js';
import type {StatusMessage} from '../state/types.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly status?: StatusMessage;
	readonly width: number;
	readonly ascii?: boolean;
};

export function StatusLine({status, width, ascii}: Props) {
	return status ? <TextLine text={status.error ? fitLine(errorLine(status.text), width, {ascii}) : status.text} tone={status.error ? 'error' : 'normal'} width={width} ascii={ascii}/> : <TextLine text='' width={width}/>;
}
