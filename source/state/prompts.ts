import {cancelBulkPrompt, submitBulkPrompt} from './bulk-kill.js';
import {cancelFilter, editFilter, submitFilter} from './filter.js';
import {
	afterQuestion,
	enqueue,
	parseGrace,
	setStatus,
} from './helpers.js';
import {cancelLease, submitLease} from './lease.js';
import {killConfirmLine} from './prompt-lines.js';
import {submitWrite} from './read-only.js';
import type {Mode, State} from './types.js';

type PromptMode = Extract<Mode, {kind: 'prompt'}>;

type PromptHandlers = {
	/** Enter, with the answer trimmed. */
	submit: (state: State, text: string) => State;
	cancel?: (state: State) => State;
	/** The answer as typed so far (the filter applies as it is typed). */
	edit?: (state: State, text: string) => State;
};

function submitKillGrace(state: State, text: string): State {
	const {mode} = state;
	if (mode.kind !== 'prompt' || !mode.target) {
		return {...state, mode: {kind: 'table'}};
	}

	const graceSeconds = parseGrace(text);
	if (typeof graceSeconds === 'string') {
		return {...state, mode: {...mode, error: graceSeconds}};
	}

	return {
		...state,
		mode: {
			kind: 'confirm', purpose: 'kill', question: killConfirmLine(mode.target, graceSeconds), target: mode.target, graceSeconds, ...(mode.under && {under: mode.under}),
		},
	};
}

function submitRestartAll(state: State, text: string): State {
	if (text === '') {
		return setStatus({...state, mode: {kind: 'table'}}, 'cancelled: no session was restarted', false);
	}

	return text === 'restart' || state.mode.kind !== 'prompt'
		? setStatus(enqueue({...state, mode: {kind: 'table'}}, {kind: 'restartAll', hosts: [...state.hosts]}), 'restarting all sessions…', false)
		: {...state, mode: {...state.mode, error: 'type exactly "restart", or Esc to cancel'}};
}

const bulk: PromptHandlers = {submit: submitBulkPrompt, cancel: cancelBulkPrompt};

/** What each question does with its answer. */
const prompts: Record<PromptMode['purpose'], PromptHandlers> = {
	'kill-grace': {submit: submitKillGrace},
	'restart-all': {submit: submitRestartAll},
	filter: {submit: submitFilter, cancel: cancelFilter, edit: editFilter},
	'bulk-grace': bulk,
	'bulk-count': bulk,
	'bulk-restart': bulk,
	'lease-minutes': {submit: submitLease, cancel: cancelLease},
	'read-write': {submit: submitWrite},
};

function edit(state: State, text: (mode: PromptMode) => string): State {
	const {mode} = state;
	if (mode.kind !== 'prompt') {
		return state;
	}

	const handle = prompts[mode.purpose].edit;
	return handle ? handle(state, text(mode)) : {...state, mode: {...mode, text: text(mode).slice(0, 64), error: undefined}};
}

export function typeIntoPrompt(state: State, input: string): State {
	// A paste arrives as one string; control characters never belong in an answer.
	const typed = [...input].filter(character => character >= ' ' && character !== '\u{7F}').join('');
	return edit(state, mode => mode.text + typed);
}

export function backspaceInPrompt(state: State): State {
	return edit(state, mode => [...mode.text].slice(0, -1).join(''));
}

export function submitPrompt(state: State): State {
	return state.mode.kind === 'prompt' ? prompts[state.mode.purpose].submit(state, state.mode.text.trim()) : state;
}

export function cancelPrompt(state: State): State {
	const cancel = state.mode.kind === 'prompt' ? prompts[state.mode.purpose].cancel : undefined;
	return cancel ? cancel(state) : setStatus({...state, mode: afterQuestion(state.mode)}, 'cancelled', false);
}

export function confirmYes(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'confirm') {
		return state;
	}

	const {target} = mode;
	const next: State = {...state, mode: afterQuestion(mode)};
	if (mode.purpose === 'restart') {
		return setStatus(enqueue(next, {kind: 'restart', host: target.host, sessionId: target.id}), `restarting session ${target.id}…`, false);
	}

	return setStatus(enqueue(next, {
		kind: 'kill', host: target.host, sessionId: target.id, graceSeconds: mode.graceSeconds ?? 0,
	}), `killing session ${target.id}…`, false);
}

export function confirmNo(state: State): State {
	const {mode} = state;
	const what = mode.kind === 'confirm' ? (mode.purpose === 'kill' ? `session ${mode.target.id} was not killed` : `session ${mode.target.id} was not restarted`) : 'nothing was done';
	return setStatus({...state, mode: afterQuestion(mode)}, `cancelled: ${what}`, false);
}
