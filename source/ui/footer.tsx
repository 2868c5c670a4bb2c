import {footerText, type ScreenMode} from '../keymap.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly mode: ScreenMode;
	readonly width: number;
	readonly ascii?: boolean;
};

/**
The keys an operator needs most on this screen, as many as fit (ranks in `keymap.ts`).
*/
export function Footer({mode, width, ascii}: Props) {
	return <TextLine tone='dim' text={footerText(mode, width)} width={width} ascii={ascii}/>;
}
