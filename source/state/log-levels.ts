import {logLevels} from '../model/session.js';
import {sessionKey} from '../model/types.js';
import type {Action} from './actions.js';
import {enqueue, setStatus} from './helpers.js';
import {dropLeaseOnToggle} from './lease.js';
import {refusal} from './read-only.js';
import {selectedSession} from './table.js';
import {unwritableText, writableId} from './targets.js';
import type {State} from './types.js';

/**
`l`: the log panel of the selected session, its levels asked of the server.
*/
export function openLogLevels(state: State): State {
	const session = selectedSession(state);
	if (!session) {
		return setStatus(state, 'no session selected', true);
	}

	const id = writableId(session);
	if (id === undefined) {
		return setStatus(state, unwritableText(session), true);
	}

	const next: State = {
		...state, mode: {
			kind: 'log', key: sessionKey(session), host: session.host, id, cursor: 1, busy: true,
		},
	};
	return enqueue(next, {kind: 'getLogLevels', host: session.host, sessionId: id});
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
