import {
	findBinding,
	helpLines,
	type ActionName,
	type KeyPress,
} from '../keymap.js';
import {logLevels} from '../model/session.js';
import {isDescendingByDefault, sortKeyOrder} from '../model/sort.js';
import {sessionKey, type SortKey} from '../model/types.js';
import {enqueue, setStatus} from './helpers.js';
import {applyColumnChooser, isColumnChooserAction} from './column-chooser.js';
import {onPrompt} from './prompts.js';
import {killGraceLine, restartAllLine, restartConfirmLine} from './prompt-lines.js';
import {triageKey} from './triage-keys.js';
import {fleetKey} from './fleet.js';
import {
	moveCursorTo,
	selectedSession,
	startSort,
} from './table.js';
import {
	refusal,
	targetOf,
	unwritableText,
	writableId,
} from './targets.js';
import type {State} from './types.js';

function sortBy(state: State, key: SortKey): State {
	return startSort(state, {
		requested: key, key, descending: isDescendingByDefault(key), explicit: true,
	});
}

function cycleSort(state: State, step: number): State {
	// Only columns on screen: sorting by one the terminal has no room for, or the operator hid, shows no arrow anywhere.
	const shown = state.columns.filter(column => state.shownColumns?.includes(column.id) ?? true);
	const available = sortKeyOrder.filter(key => shown.some(column => column.sortKey === key));
	if (available.length === 0) {
		return state;
	}

	const current = available.indexOf(state.sort.key);
	const next = available[(current + step + available.length) % available.length]!;
	return sortBy(state, next);
}

function scrollPane(state: State, delta: number | 'start' | 'end'): State {
	if (state.mode.kind !== 'detail' && state.mode.kind !== 'help') {
		return state;
	}

	const {maxScroll} = state.mode;
	const wanted = delta === 'start' ? 0 : (delta === 'end' ? maxScroll : state.mode.scroll + delta);
	return {...state, mode: {...state.mode, scroll: Math.max(0, Math.min(wanted, maxScroll))}};
}

function move(state: State, delta: number | 'start' | 'end'): State {
	if (state.mode.kind === 'detail' || state.mode.kind === 'help') {
		return scrollPane(state, delta);
	}

	if (state.mode.kind === 'log') {
		const step = typeof delta === 'number' ? Math.sign(delta) : 0;
		const cursor = Math.max(0, Math.min(state.mode.cursor + step, logLevels.length - 1));
		return {...state, mode: {...state.mode, cursor}};
	}

	return delta === 'start' ? moveCursorTo(state, 0) : moveCursorTo(state, delta === 'end' ? state.rows.length - 1 : state.cursorIndex + delta);
}

/**
The session an action aims at: the one in the detail pane, else the selected row.
*/
function actionTarget(state: State) {
	if (state.mode.kind === 'detail' || state.mode.kind === 'log') {
		const {key} = state.mode;
		const session = state.detail?.session ?? state.rows.find(row => sessionKey(row) === key);
		return session;
	}

	return selectedSession(state);
}

function act(state: State, action: ActionName): State {
	switch (action) {
		case 'quit': {
			return {...state, quit: true};
		}

		case 'cursorUp': {
			return move(state, -1);
		}

		case 'cursorDown': {
			return move(state, 1);
		}

		case 'pageUp': {
			return move(state, -Math.max(1, state.pageSize));
		}

		case 'pageDown': {
			return move(state, Math.max(1, state.pageSize));
		}

		case 'home': {
			return move(state, 'start');
		}

		case 'end': {
			return move(state, 'end');
		}

		case 'sortIdle': {
			return sortBy(state, 'idle');
		}

		case 'sortMemory': {
			const hasNoMemory = state.rows.length > 0 && state.rows.every(session => session.memoryBytes === undefined);
			return hasNoMemory ? setStatus(state, 'no memory figures: MaxScale reports session memory from 22.08 on', true) : sortBy(state, 'memory');
		}

		case 'sortPrevious': {
			return cycleSort(state, -1);
		}

		case 'sortNext': {
			return cycleSort(state, 1);
		}

		case 'sortInvert': {
			return startSort(state, {
				...state.sort, requested: state.sort.key, descending: !state.sort.descending, explicit: true,
			});
		}

		case 'toggleHelp': {
			// Until the screen reports how far the help can scroll, it may scroll as far as it has lines.
			return {...state, mode: state.mode.kind === 'help' ? {kind: 'table'} : {kind: 'help', scroll: 0, maxScroll: helpLines().length}};
		}

		case 'closePane': {
			return {...state, mode: {kind: 'table'}, detail: undefined};
		}

		case 'togglePause': {
			const isPaused = !state.paused;
			return setStatus({...state, paused: isPaused}, isPaused ? 'polling paused (p resumes)' : 'polling resumed', false);
		}

		case 'pollNow': {
			return setStatus(enqueue(state, {kind: 'pollNow'}), 'polling now', false);
		}

		case 'intervalUp':
		case 'intervalDown': {
			const intervalSeconds = Math.max(1, state.intervalSeconds + (action === 'intervalUp' ? 1 : -1));
			return setStatus({...state, intervalSeconds}, `refresh every ${intervalSeconds}s requested`, false);
		}

		case 'openDetail': {
			const session = selectedSession(state);
			if (!session) {
				return setStatus(state, 'no session selected', true);
			}

			return {
				...state,
				mode: {
					kind: 'detail', key: sessionKey(session), host: session.host, id: session.id, rdns: false, scroll: 0, maxScroll: 0,
				},
				// No request names a row whose id is not MaxScale's: the pane shows what the list had.
				detail: writableId(session) === undefined ? {session, error: unwritableText(session)} : {session},
			};
		}

		case 'toggleRdns': {
			if (state.mode.kind !== 'detail') {
				return state;
			}

			const isRdns = !state.mode.rdns;
			return setStatus({...state, mode: {...state.mode, rdns: isRdns}}, isRdns ? 'reverse DNS on' : 'reverse DNS off', false);
		}

		case 'openLogLevels': {
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

		case 'toggleLogLevel': {
			if (state.mode.kind !== 'log') {
				return state;
			}

			const why = refusal(state, [state.mode.host], 'patchSession');
			if (why) {
				return setStatus(state, why, true);
			}

			if (state.mode.busy || !state.mode.levels) {
				return setStatus(state, 'waiting for the server to report the log levels', true);
			}

			const level = logLevels[state.mode.cursor]!;
			const isValue = !(state.mode.levels[level] ?? false);
			return enqueue({...state, mode: {...state.mode, busy: true}}, {
				kind: 'setLogLevel', host: state.mode.host, sessionId: state.mode.id, level, value: isValue,
			});
		}

		case 'restartSession':
		case 'killSession': {
			const session = actionTarget(state);
			if (!session) {
				return setStatus(state, 'no session selected', true);
			}

			const why = refusal(state, [session.host], action === 'killSession' ? 'killSession' : 'restartSession');
			if (why) {
				return setStatus(state, why, true);
			}

			const target = targetOf(session);
			if (!target) {
				return setStatus(state, unwritableText(session), true);
			}

			const under = state.mode.kind === 'detail' ? {under: state.mode} : {};
			return action === 'restartSession'
				? {
					...state, mode: {
						kind: 'confirm', purpose: 'restart', question: restartConfirmLine(target), target, ...under,
					},
				}
				: {
					...state, mode: {
						kind: 'prompt', purpose: 'kill-grace', label: killGraceLine(target), text: '', target, ...under,
					},
				};
		}

		case 'restartAll': {
			const why = refusal(state, state.hosts, 'restartSession');
			if (why) {
				return setStatus(state, why, true);
			}

			const where = state.hosts.length === 1 ? state.hosts[0]! : `all ${state.hosts.length} hosts`;
			return {
				...state, mode: {
					kind: 'prompt', purpose: 'restart-all', label: restartAllLine(where), text: '',
				},
			};
		}

		default: {
			return onPrompt(state, action);
		}
	}
}

/**
A key press → the state after the bound action; keys with no binding change nothing.
*/
export function applyKey(state: State, input: string, key: KeyPress): State {
	const binding = findBinding(state.mode.kind, input, key);
	if (!binding) {
		return state;
	}

	if (isColumnChooserAction(binding.action)) {
		return applyColumnChooser(state, binding.action);
	}

	const fleet = fleetKey(state, binding.action, input, key);
	if (fleet.done) {
		return fleet.state;
	}

	const triaged = triageKey(fleet.state, binding.action, input);
	if (triaged.done) {
		return triaged.state;
	}

	return binding.action === 'promptType' ? onPrompt(triaged.state, 'promptType', input) : act(triaged.state, binding.action);
}
