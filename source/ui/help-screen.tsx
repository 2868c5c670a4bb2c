import {ScrollPane} from './scroll-pane.js';

type Props = {
	/**
	From `helpLines(width)`.
	*/
	readonly lines: readonly string[];
	readonly scroll: number;
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
};

export function HelpScreen({lines, scroll, height, width, ascii}: Props) {
	return <ScrollPane title='Keys  (? or Esc closes)' lines={lines} scroll={scroll} height={height} width={width} ascii={ascii}/>;
}
