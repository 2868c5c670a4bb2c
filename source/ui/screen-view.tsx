import {Box} from 'ink';
import type {Body, Screen} from '../state/screen.js';
import {ColumnChooser} from './column-chooser.js';
import {FilterPicker} from './filter-picker.js';
import {LinesPane} from './lines-pane.js';
import {LogPanel} from './log-panel.js';
import {ScrollPane} from './scroll-pane.js';
import {SessionTable} from './session-table.js';
import {TextLine} from './text-line.js';

type Size = {readonly height: number; readonly width: number; readonly ascii?: boolean};

function BodyView({body, height, width, ascii}: Size & {readonly body: Body}) {
	switch (body.kind) {
		case 'table': {
			return <SessionTable rows={body.rows} layout={body.layout} sort={body.sort} height={height} ascii={ascii} emptyText={body.emptyText}/>;
		}

		case 'lines': {
			return <LinesPane lines={body.lines} width={width} height={height} fixed={1} selected={body.selected} ascii={ascii}/>;
		}

		case 'scroll': {
			return <ScrollPane title={body.title} lines={body.lines} scroll={body.scroll} height={height} width={width} ascii={ascii}/>;
		}

		case 'log': {
			const {mode} = body;
			return <LogPanel title={body.title} levels={mode.levels} cursor={mode.cursor} busy={mode.busy} error={mode.error} height={height} width={width} ascii={ascii} notes={body.notes}/>;
		}

		case 'filters': {
			return <FilterPicker mode={body.mode} height={height} width={width} ascii={ascii}/>;
		}

		case 'columns': {
			return <ColumnChooser entries={body.entries} shownColumns={body.shownColumns} cursor={body.cursor} height={height} width={width} ascii={ascii}/>;
		}
	}
}

/**
The whole frame, drawn from `selectScreen`.
*/
export function ScreenView({screen, width, ascii}: Omit<Size, 'height'> & {readonly screen: Screen}) {
	if (screen.tooSmall !== undefined) {
		return <TextLine bold text={screen.tooSmall} width={width} ascii={ascii}/>;
	}

	return (
		<Box flexDirection='column' width={width}>
			{screen.header.map((line, index) => <TextLine key={index} text={line.text} tone={line.tone} width={width} bold={index === 0} ascii={ascii}/>)}
			<Box flexDirection='column' height={screen.bodyHeight}><BodyView body={screen.body} height={screen.bodyHeight} width={width} ascii={ascii}/></Box>
			{screen.bottom.map((line, index) => <TextLine key={`b${index}`} text={line.text} tone={line.tone} bold={line.bold} width={width} ascii={ascii}/>)}
		</Box>
	);
}
