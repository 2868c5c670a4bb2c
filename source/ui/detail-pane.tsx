import {ScrollPane} from './scroll-pane.js';

type Props = {
	/**
	From `detailLines`.
	*/
	readonly lines: readonly string[];
	readonly sessionId: string;
	readonly host: string;
	readonly scroll: number;
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
};

export function DetailPane({lines, sessionId, host, scroll, height, width, ascii}: Props) {
	return <ScrollPane title={`Session ${sessionId} on ${host}, live  (Esc closes)`} lines={lines} scroll={scroll} height={height} width={width} ascii={ascii}/>;
}
