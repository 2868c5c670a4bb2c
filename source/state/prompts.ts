import type {ActionName} from '../keymap.js';
import {sanitize} from '../model/sanitize.js';
import {afterQuestion, enqueue, setStatus} from './helpers.js';
import {killConfirmLine} from './prompt-lines.js';
import type {State} from './types.js';

const table = {kind: 'table'} as const;

function submit(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'prompt') {
		return state;
	}

	const text = mode.text.trim();
	if (mode.purpose === 'restart-all') {
		if (text === '') {
			return setStatus({...state, mode: table}, 'cancelled: no session was restarted', false);
		}

		if (text !== 'restart') {
			return {...state, mode: {...mode, error: 'type exactly "restart", or Esc to cancel'}};
		}

		const hosts = [...state.hosts];
		return setStatus(enqueue({...state, mode: table}, {kind: 'restartAll', hosts}), 'restarting all sessions…', false);
	}

	if (!mode.target) {
		return {...state, mode: table};
	}

	if (text !== '' && !/^\d+$/v.test(text)) {
		return {...state, mode: {...mode, error: `"${sanitize(text)}" is not a whole number of seconds (0 or more)`}};
	}

	const graceSeconds = text === '' ? 0 : Number(text);
	return {
		...state,
		mode: {
			kind: 'confirm', purpose: 'kill', question: killConfirmLine(mode.target, graceSeconds), target: mode.target, graceSeconds, ...(mode.under && {under: mode.under}),
		},
	};
}

function confirm(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'confirm') {
		return state;
	}

	const {target} = mode;
	const next: State = {...state, mode: afterQuestion(mode)};
	if (mode.purpose === 'restart') {
		return setStatus(enqueue(next, {kind: 'restart', host: target.host, sessionId: target.id}), `restarting session ${target.id}…`, false);
	}

	const graceSeconds = mode.graceSeconds ?? 0;
	return setStatus(enqueue(next, {
		kind: 'kill', host: target.host, sessionId: target.id, graceSeconds,
	}), `killing session ${target.id}…`, false);
}

/**
Keys while a prompt or a y/N question is open.
*/
export function onPrompt(state: State, action: ActionName, input = ''): State {
	const {mode} = state;
	switch (action) {
		case 'promptType': {
			if (mode.kind !== 'prompt') {
				return state;
			}

			// A paste arrives as one string; control characters never belong in an answer.
			const typed = [...input].filter(character => character >= ' ' && character !== '\u{7F}').join('');
			return {...state, mode: {...mode, text: (mode.text + typed).slice(0, 64), error: undefined}};
		}

		case 'promptBackspace': {
			return mode.kind === 'prompt' ? {...state, mode: {...mode, text: [...mode.text].slice(0, -1).join(''), error: undefined}} : state;
		}

		case 'promptCancel': {
			return setStatus({...state, mode: afterQuestion(mode)}, 'cancelled', false);
		}

		case 'promptSubmit': {
			return submit(state);
		}

		case 'confirmYes': {
			return confirm(state);
		}

		case 'confirmNo': {
			const what = mode.kind === 'confirm' ? (mode.purpose === 'kill' ? `session ${mode.target.id} was not killed` : `session ${mode.target.id} was not restarted`) : 'nothing was done';
			return setStatus({...state, mode: afterQuestion(mode)}, `cancelled: ${what}`, false);
		}

		default: {
			return state;
		}
	}
}
