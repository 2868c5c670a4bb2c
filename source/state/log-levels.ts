import {fitLine, type Line} from '../model/fit-line.js';
import {logLevels} from '../model/session.js';
import type {Action} from './actions.js';
import {enqueue, setStatus} from './helpers.js';
import {dropLeaseOnToggle} from './lease.js';
import {refusal} from './read-only.js';
import {withTarget} from './targets.js';
import type {PaneSize, StyledLine} from './tone.js';
import type {Mode, State} from './types.js';

/** `l`: the log panel of the selected session, its levels asked of the server. */
export function openLogLevels(state: State): State {
	return withTarget(state, undefined, ({key, host, id}) => enqueue({
		...state, mode: {
			kind: 'log', key, host, id, cursor: 1, busy: true,
		},
	}, {kind: 'getLogLevels', host, sessionId: id}));
}

export function toggleLogLevel(state: State): State {
	if (state.mode.kind !== 'log') {
		return state;
	}

	const next = dropLeaseOnToggle(state);
	const why = refusal(next, [state.mode.host], 'patchSession');
	if (why) {
		return setStatus(next, why, true);
	}

	if (state.mode.busy || !state.mode.levels) {
		return setStatus(next, 'waiting for the server to report the log levels', true);
	}

	const level = logLevels[state.mode.cursor]!;
	const isValue = !(state.mode.levels[level] ?? false);
	return enqueue({...next, mode: {...state.mode, busy: true}}, {
		kind: 'setLogLevel', host: state.mode.host, sessionId: state.mode.id, level, value: isValue,
	});
}

export function onLogLevelsLoaded(state: State, action: Extract<Action, {type: 'logLevelsLoaded'}>): State {
	const {mode} = state;
	return mode.kind !== 'log' || mode.host !== action.host || mode.id !== action.id
		? state
		: {
			...state, mode: {
				...mode, busy: false, levels: action.levels ?? mode.levels, error: action.error,
			},
		};
}

type LogMode = Extract<Mode, {kind: 'log'}>;

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
The five session log levels as the server last reported them, and the leases on them (which
levels maxtop turns off again, and when).
*/
export function logPanelLines(mode: Pick<LogMode, 'levels' | 'cursor' | 'busy' | 'error'>, title: string, notes: readonly string[], {height, width, ascii}: PaneSize): StyledLine[] {
	const {levels, cursor} = mode;
	const lines: StyledLine[] = [{text: ` ${title}`, inverse: true}, {text: fitLine(logHint, width, {ascii}), tone: 'dim'}];
	for (const [index, level] of logLevels.entries()) {
		const value = levels?.[level];
		const box = value === undefined ? '[?]' : (value ? '[x]' : '[ ]');
		const shown = levels ? stateText(value, level) : '…';
		lines.push({text: `${index === cursor ? (ascii ? '>' : '›') : ' '} ${box} ${level.padEnd(12)} ${shown}`, bold: index === cursor});
	}

	for (const note of notes) {
		lines.push({text: `  lease: ${note}`});
	}

	if (mode.busy) {
		lines.push({text: 'asking the server…', tone: 'dim'});
	}

	if (mode.error) {
		lines.push({text: `maxtop: ${mode.error}`, tone: 'error'});
	}

	return lines.slice(0, Math.max(1, height));
}
