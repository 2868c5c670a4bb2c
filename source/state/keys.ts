import {
	findBinding,
	helpLines,
	type ActionName,
	type KeyPress,
} from '../keymap.js';
import {formatAddress, formatBytes, formatDuration} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {logLevels, type Session} from '../model/session.js';
import {isDescendingByDefault, sortKeyOrder} from '../model/sort.js';
import {sessionKey, type SortKey} from '../model/types.js';
import {askRestart, startBulkKill, stopBulk} from './bulk-kill.js';
import {toggleChurn} from './churn-panel.js';
import {columnChooserKeys} from './column-chooser.js';
import {clearFilter, openFilterPrompt} from './filter.js';
import {filterChainEditStep, onFilterChain, openFilterChain} from './filter-chain.js';
import {
	cycleGroup,
	isGroupView,
	leaveGroupView,
	moveGroupCursor,
	openGroup,
} from './grouping.js';
import {enqueue, setStatus} from './helpers.js';
import {askLease} from './lease.js';
import {openLogLevels, toggleLogLevel} from './log-levels.js';
import {killGraceLine, restartConfirmLine} from './prompt-lines.js';
import {
	backspaceInPrompt,
	cancelPrompt,
	confirmNo,
	confirmYes,
	submitPrompt,
	typeIntoPrompt,
} from './prompts.js';
import {toggleWrite} from './read-only.js';
import {
	freeze,
	moveCursorTo,
	selectedSession,
	startSort,
	unfrozen,
} from './table.js';
import {clearTags, toggleTag} from './tags.js';
import {unwritableText, withTarget, writableId} from './targets.js';
import type {State} from './types.js';

type KeyHandler = (state: State, input: string, key: KeyPress) => State;

function sortBy(state: State, key: SortKey): State {
	return startSort(unfrozen(state), {
		requested: key, key, descending: isDescendingByDefault(key), explicit: true,
	});
}

function cycleSort(state: State, step: number): State {
	// Only columns on screen: sorting by one the terminal has no room for, or the operator hid, shows no arrow anywhere.
	const shown = state.columns.filter(column => state.shownColumns?.includes(column.id) ?? true);
	const available = sortKeyOrder.filter(key => shown.some(column => column.sortKey === key));
	if (available.length === 0) {
		return unfrozen(state);
	}

	const current = available.indexOf(state.sort.key);
	return sortBy(state, available[(current + step + available.length) % available.length]!);
}

/**
Up, Down, pages, Home and End: whatever the screen shows moves (rows, groups, a pane's lines, the
log levels, the filter chain).
*/
function move(state: State, delta: number | 'start' | 'end'): State {
	const {mode} = state;
	if (mode.kind === 'detail' || mode.kind === 'help') {
		const wanted = delta === 'start' ? 0 : (delta === 'end' ? mode.maxScroll : mode.scroll + delta);
		return {...state, mode: {...mode, scroll: Math.max(0, Math.min(wanted, mode.maxScroll))}};
	}

	if (mode.kind === 'log') {
		const step = typeof delta === 'number' ? Math.sign(delta) : 0;
		return {...state, mode: {...mode, cursor: Math.max(0, Math.min(mode.cursor + step, logLevels.length - 1))}};
	}

	if (mode.kind === 'filters') {
		return onFilterChain(state, delta === -1 ? 'up' : 'down');
	}

	if (isGroupView(state)) {
		return moveGroupCursor(state, delta);
	}

	const aimed = mode.kind === 'table' ? freeze(state) : state;
	return moveCursorTo(aimed, delta === 'start' ? 0 : (delta === 'end' ? state.rows.length - 1 : state.cursorIndex + delta));
}

function changeInterval(state: State, step: number): State {
	const intervalSeconds = Math.max(1, state.intervalSeconds + step);
	return setStatus({...state, intervalSeconds}, `refresh every ${intervalSeconds}s requested`, false);
}

function askKillOrRestart(state: State, action: 'killSession' | 'restartSession'): State {
	return withTarget(state, action, target => {
		const under = state.mode.kind === 'detail' ? {under: state.mode} : {};
		return {
			...state,
			mode: action === 'restartSession'
				? {
					kind: 'confirm', purpose: 'restart', question: restartConfirmLine(target), target, ...under,
				}
				: {
					kind: 'prompt', purpose: 'kill-grace', label: killGraceLine(target), text: '', target, ...under,
				},
		};
	});
}

function openDetail(state: State): State {
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

/** The text `y` copies: enough to paste into an incident channel. */
export function copyText(session: Session): string {
	return sanitize([
		`session ${session.id}`,
		`${session.user ?? '?'}@${formatAddress(session.remote, session.port) || '?'}`,
		`service ${session.services.join(',') || '?'}`,
		`backends ${session.servers.join(',') || '-'}`,
		session.memoryBytes !== undefined && `mem ${formatBytes(session.memoryBytes)}`,
		session.idleSeconds !== undefined && `idle ${formatDuration(session.idleSeconds)}`,
	].filter(part => part !== false).join('  '));
}

function copySession(state: State): State {
	const session = selectedSession(state);
	return session
		? setStatus(enqueue(state, {kind: 'copy', text: copyText(session)}), `copied session ${sanitize(session.id)} to the clipboard (OSC 52)`, false)
		: setStatus(state, 'no session selected', true);
}

function replayStep(state: State, delta: number): State {
	return state.isReplay ? enqueue(state, {kind: 'replayStep', delta}) : setStatus(state, '←/→ step through a recording: start maxtop with --replay FILE', true);
}

/** A key of the table view that acts on one session means nothing on a group. */
function oneSession(handler: KeyHandler): KeyHandler {
	return (state, input, key) => (isGroupView(state) ? setStatus(state, 'this acts on one session: Esc leaves the group view', true) : handler(state, input, key));
}

/** What each action of the key table (`source/keymap.ts`) does. */
const handlers: Record<ActionName, KeyHandler> = {
	quit: state => ({...state, quit: true}),
	cursorUp: state => move(state, -1),
	cursorDown: state => move(state, 1),
	pageUp: state => move(state, -Math.max(1, state.pageSize)),
	pageDown: state => move(state, Math.max(1, state.pageSize)),
	home: state => move(state, 'start'),
	end: state => move(state, 'end'),
	sortIdle: state => sortBy(state, 'idle'),
	sortMemory(state) {
		const hasNoMemory = state.rows.length > 0 && state.rows.every(session => session.memoryBytes === undefined);
		return hasNoMemory ? setStatus(unfrozen(state), 'no memory figures: MaxScale reports session memory from 22.08 on', true) : sortBy(state, 'memory');
	},
	sortPrevious: state => cycleSort(state, -1),
	sortNext: state => cycleSort(state, 1),
	sortInvert: state => startSort(unfrozen(state), {
		...state.sort, requested: state.sort.key, descending: !state.sort.descending, explicit: true,
	}),
	openDetail: state => (isGroupView(state) ? openGroup(state) : openDetail(state)),
	toggleRdns(state) {
		if (state.mode.kind !== 'detail') {
			return state;
		}

		const isRdns = !state.mode.rdns;
		return setStatus({...state, mode: {...state.mode, rdns: isRdns}}, isRdns ? 'reverse DNS on' : 'reverse DNS off', false);
	},
	closePane: state => (state.mode.kind === 'filters' ? onFilterChain(state, 'close') : {...state, mode: {kind: 'table'}, detail: undefined}),
	openLogLevels: oneSession(openLogLevels),
	toggleLogLevel,
	restartSession: oneSession(state => askKillOrRestart(state, 'restartSession')),
	restartAll: askRestart,
	killSession: oneSession(state => askKillOrRestart(state, 'killSession')),
	togglePause(state) {
		const isPaused = !state.paused;
		return setStatus({...state, paused: isPaused}, isPaused ? 'polling paused (p resumes)' : 'polling resumed', false);
	},
	pollNow: state => setStatus(enqueue(state, {kind: 'pollNow'}), 'polling now', false),
	intervalUp: state => changeInterval(state, 1),
	intervalDown: state => changeInterval(state, -1),
	// Until the screen reports how far the help can scroll, it may scroll as far as it has lines.
	toggleHelp: state => ({...state, mode: state.mode.kind === 'help' ? {kind: 'table'} : {kind: 'help', scroll: 0, maxScroll: helpLines().length}}),
	promptSubmit: submitPrompt,
	promptCancel: cancelPrompt,
	promptBackspace: backspaceInPrompt,
	promptType: typeIntoPrompt,
	confirmYes,
	confirmNo,
	filterOpen: openFilterPrompt,
	filterClear: clearFilter,
	toggleChurn,
	cycleGroup,
	toggleTag: oneSession(toggleTag),
	clearTags,
	bulkKill: startBulkKill,
	// Esc stops a running bulk action first; otherwise it leaves the group view, as it closes a pane.
	bulkStop: state => stopBulk(state) ?? (isGroupView(state) ? leaveGroupView(state) : state),
	copySession: oneSession(copySession),
	replayBack: state => replayStep(state, -1),
	replayForward: state => replayStep(state, 1),
	...columnChooserKeys,
	toggleWrite,
	leaseLogLevel: askLease,
	openFilters: openFilterChain,
	filtersEdit: (state, input, key) => onFilterChain(state, filterChainEditStep(input, key)),
};

/** A key press → the state after the bound action; keys with no binding change nothing. */
export function applyKey(state: State, input: string, key: KeyPress): State {
	const binding = findBinding(state.mode.kind, input, key);
	return binding ? handlers[binding.action](state, input, key) : state;
}

const typedKeys: Record<string, [string, KeyPress]> = {
	'\r': ['\r', {return: true}], '\n': ['\r', {return: true}], '\u{7F}': ['', {backspace: true}], '\b': ['', {backspace: true}],
};

/**
Keys typed fast (tmux send-keys, a laggy SSH link, a paste) reach Ink as one string such as
`3\ry`, without key flags. Each character is a key of its own, in order, so an answer and the
Enter after it are never swallowed as one unknown key.
*/
export function applyKeys(state: State, input: string, key: KeyPress): State {
	const characters = [...input];
	if (characters.length < 2 || key.ctrl === true || key.meta === true || key.escape === true) {
		return applyKey(state, input, key);
	}

	let next = state;
	for (const character of characters) {
		const [typed, flags] = typedKeys[character] ?? [character, {}];
		next = applyKey(next, typed, flags);
	}

	return next;
}
