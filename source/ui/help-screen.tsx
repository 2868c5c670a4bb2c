import {helpLines} from '../keymap.js';
import {ScrollPane} from './scroll-pane.js';

type Props = {
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
};

export function HelpScreen({height, width, ascii}: Props) {
	return <ScrollPane title='Keys  (? or Esc closes)' lines={helpLines()} scroll={0} height={height} width={width} ascii={ascii}/>;
}
