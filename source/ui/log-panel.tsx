import {Box} from 'ink';
import {fitLine, type Line} from '../model/fit-line.js';
import {logLevels, type LogLevels} from '../model/session.js';
import {TextLine} from './text-line.js';

type Props = {
	readonly title: string;
	readonly levels?: LogLevels;
	readonly cursor: number;
	readonly busy: boolean;
	readonly error?: string;
	readonly height: number;
	readonly width: number;
	readonly ascii?: boolean;
	/**
	Leases: which levels maxtop turns off again, and when.
	*/
	readonly notes?: readonly string[];
};

function stateText(value: boolean | undefined, level: string): string {
	if (value === undefined) {
		// MaxScale lists log_debug only in debug builds (6.0+).
		return level === 'log_debug' ? 'not reported (debug builds only)' : 'not reported';
	}

	return value ? 'on' : 'off';
}

export const logHint: Line = [
	{text: 'Space/Enter', priority: 9},
	{text: ' turns the selected level on or off', priority: 1, shorter: [' on/off']},
	{text: '; L turns it on for N minutes', priority: 2, shorter: ['; L on for N min', '']},
	{text: '; Esc', priority: 7},
	{text: ' closes', priority: 0, shorter: [' close']},
];

/**
The five session log levels as the server last reported them.
*/
const noNotes: readonly string[] = [];

export function LogPanel({title, levels, cursor, busy, error, height, width, ascii, notes = noNotes}: Props) {
	const lines: Array<{text: string; selected?: boolean; tone?: 'error' | 'dim'}> = [{text: fitLine(logHint, width, {ascii}), tone: 'dim'}];
	for (const [index, level] of logLevels.entries()) {
		const value = levels?.[level];
		const box = value === undefined ? '[?]' : (value ? '[x]' : '[ ]');
		const shown = levels ? stateText(value, level) : '…';
		lines.push({text: `${index === cursor ? (ascii ? '>' : '›') : ' '} ${box} ${level.padEnd(12)} ${shown}`, selected: index === cursor});
	}

	for (const note of notes) {
		lines.push({text: `  lease: ${note}`});
	}

	if (busy) {
		lines.push({text: 'asking the server…', tone: 'dim'});
	}

	if (error) {
		lines.push({text: `maxtop: ${error}`, tone: 'error'});
	}

	return (
		<Box flexDirection='column'>
			<TextLine inverse text={` ${title}`} width={width} ascii={ascii}/>
			{lines.slice(0, Math.max(0, height - 1)).map((line, index) => (
				<TextLine key={index} text={line.text} tone={line.tone} bold={line.selected} width={width} ascii={ascii}/>
			))}
		</Box>
	);
}
