import {Box} from 'ink';
import {errorLine, fitLine} from '../model/fit-line.js';
import type {Body, Screen} from '../state/screen.js';
import {ColumnChooser} from './column-chooser.js';
import {ConfirmLine} from './confirm-line.js';
import {FilterPicker} from './filter-picker.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {LinesPane} from './lines-pane.js';
import {LogPanel} from './log-panel.js';
import {PromptLine} from './prompt-line.js';
import {ScrollPane} from './scroll-pane.js';
import {SessionTable} from './session-table.js';
import {StatusLine} from './status-line.js';
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

function BottomLines({screen, width, ascii}: Omit<Size, 'height'> & {readonly screen: Screen}) {
	const {bottom} = screen;
	let question;
	if (bottom.kind === 'prompt') {
		question = <PromptLine label={bottom.label} text={bottom.text} width={width} ascii={ascii}/>;
	} else if (bottom.kind === 'confirm') {
		question = <ConfirmLine question={bottom.question} width={width} ascii={ascii}/>;
	} else {
		question = <StatusLine status={bottom.status} width={width} ascii={ascii}/>;
	}

	return (
		<>
			{question}
			{bottom.kind === 'prompt' && bottom.error
				? <TextLine tone='error' text={fitLine(errorLine(bottom.error), width, {ascii})} width={width} ascii={ascii}/>
				: <Footer mode={screen.footer} width={width} ascii={ascii}/>}
		</>
	);
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
			<Header lines={screen.header} width={width} ascii={ascii}/>
			<Box flexDirection='column' height={screen.bodyHeight}><BodyView body={screen.body} height={screen.bodyHeight} width={width} ascii={ascii}/></Box>
			<BottomLines screen={screen} width={width} ascii={ascii}/>
		</Box>
	);
}
