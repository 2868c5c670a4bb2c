import {detailTitleLine} from './detail-lines.js';
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
	/**
	Playing a recording, showing the poll recorded at `replayAtMs`.
	*/
	readonly replay?: boolean;
	readonly replayAtMs?: number;
	readonly utc?: boolean;
};

export function DetailPane({lines, sessionId, host, scroll, height, width, ascii, replay, replayAtMs, utc}: Props) {
	return <ScrollPane title={detailTitleLine(sessionId, host, {replay, replayAtMs, utc})} lines={lines} scroll={scroll} height={height} width={width} ascii={ascii}/>;
}
