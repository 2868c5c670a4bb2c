import {Box} from 'ink';
import type {Screen} from '../state/screen.js';
import type {StyledLine} from '../state/tone.js';
import {SessionTable} from './session-table.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly screen: Screen;
	readonly width: number;
	readonly ascii?: boolean;
};

function lines(shown: readonly StyledLine[], key: string, {width, ascii}: Omit<Props, 'screen'>) {
	return shown.map((line, index) => <TextLine key={key + index} {...line} width={width} ascii={ascii}/>);
}

/** The whole frame, drawn from `selectScreen`. */
export function ScreenView({screen, width, ascii}: Props) {
	if (screen.tooSmall !== undefined) {
		return <TextLine bold text={screen.tooSmall} width={width} ascii={ascii}/>;
	}

	const {body, bodyHeight} = screen;
	return (
		<Box flexDirection='column' width={width}>
			{lines(screen.header, 'h', {width, ascii})}
			<Box flexDirection='column' height={bodyHeight}>
				{body.kind === 'table'
					? <SessionTable rows={body.rows} layout={body.layout} sort={body.sort} height={bodyHeight} ascii={ascii} emptyText={body.emptyText}/>
					: lines(body.lines, 'b', {width, ascii})}
			</Box>
			{lines(screen.bottom, 'f', {width, ascii})}
		</Box>
	);
}
