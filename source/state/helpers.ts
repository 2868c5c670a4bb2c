import {sanitize} from '../model/sanitize.js';
import type {Command, Mode, State} from './types.js';

export function enqueue(state: State, command: Command): State {
	const id = state.nextCommandId;
	return {...state, commands: [...state.commands, {...command, id}], nextCommandId: id + 1};
}

/** What the body shows: a question asked from a pane keeps that pane behind it. */
export function shownMode(mode: Mode): Mode {
	return (mode.kind === 'prompt' || mode.kind === 'confirm') && mode.under ? mode.under : mode;
}

/** Where a question goes back to when it is answered or cancelled. */
export function afterQuestion(mode: Mode): Mode {
	return (mode.kind === 'prompt' || mode.kind === 'confirm') && mode.under ? mode.under : {kind: 'table'};
}

export function setStatus(state: State, text: string, isError: boolean): State {
	return {...state, status: {text, error: isError}};
}

/** A grace period as typed (empty is 0), or why it is not one. */
export function parseGrace(text: string): number | string {
	return text === '' || /^\d+$/v.test(text) ? Number(text) : `"${sanitize(text)}" is not a whole number of seconds (0 or more)`;
}
