import {footerText, type ScreenMode} from '../keymap.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly mode: ScreenMode;
	readonly width: number;
	readonly ascii?: boolean;
};

export function Footer({mode, width, ascii}: Props) {
	return <TextLine tone='dim' text={footerText(mode)} width={width} ascii={ascii}/>;
}
