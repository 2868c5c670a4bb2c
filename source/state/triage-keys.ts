import type {ActionName} from '../keymap.js';
import {parseFilter} from '../model/filter.js';
import {formatAddress, formatBytes, formatDuration} from '../model/format.js';
import {groupFilterTerm, groupSessions} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';
import {type GroupBy, sessionKey} from '../model/types.js';
import {setStatus} from './helpers.js';
import {filterLine} from './prompt-lines.js';
import {
	moveCursorTo,
	rebuildRows,
	selectedSession,
} from './table.js';
import {freezeMs} from './triage.js';
import {
	cancelBulkPrompt,
	isBulkPurpose,
	startBulkKill,
	startBulkRestart,
	stopBulk,
	submitBulkPrompt,
} from './triage-bulk.js';
import {groupingOrder, type TriageState} from './triage-types.js';
import type {State} from './types.js';

export type KeyResult = {state: State; done: boolean};

const table = {kind: 'table'} as const;

const cursorActions = new Set<ActionName>(['cursorUp', 'cursorDown', 'pageUp', 'pageDown', 'home', 'end']);
const sortActions = new Set<ActionName>(['sortIdle', 'sortMemory', 'sortPrevious', 'sortNext', 'sortInvert']);
const sessionActions = new Set<ActionName>(['killSession', 'restartSession', 'openLogLevels', 'toggleTag', 'copySession']);

const groupNames: Record<GroupBy, string> = {
	user: 'user', client: 'client host', app: 'application', service: 'service', server: 'backend server', thread: 'worker thread', host: 'MaxScale',
};

function done(state: State): KeyResult {
	return {state, done: true};
}

function withTriage(state: State, triage: Partial<TriageState>): State {
	return {...state, triage: {...state.triage, ...triage}};
}

/**
The text `y` copies: enough to paste into an incident channel.
*/
export function copyText(session: Session): string {
	const parts = [
		`session ${session.id}`,
		`${session.user ?? '?'}@${formatAddress(session.remote, session.port) || '?'}`,
		`service ${session.services.join(',') || '?'}`,
		`backends ${session.servers.join(',') || '-'}`,
	];
	if (session.memoryBytes !== undefined) {
		parts.push(`mem ${formatBytes(session.memoryBytes)}`);
	}

	if (session.idleSeconds !== undefined) {
		parts.push(`idle ${formatDuration(session.idleSeconds)}`);
	}

	return sanitize(parts.join('  '));
}

function applyFilterText(state: State, text: string): State | string {
	const parsed = parseFilter(text);
	if (!parsed.ok) {
		return parsed.error;
	}

	const isEmpty = parsed.filter.terms.length === 0;
	return rebuildRows(withTriage(state, {filterText: isEmpty ? '' : text.trim(), filter: isEmpty ? undefined : parsed.filter}));
}

function onFilterPrompt(state: State, action: ActionName, input: string): KeyResult | undefined {
	const {mode} = state;
	if (mode.kind !== 'prompt' || mode.purpose !== 'filter') {
		return undefined;
	}

	switch (action) {
		case 'promptType':
		case 'promptBackspace': {
			const typed = [...input].filter(character => character >= ' ' && character !== '\u{7F}').join('');
			const text = action === 'promptType' ? (mode.text + typed).slice(0, 200) : [...mode.text].slice(0, -1).join('');
			const applied = applyFilterText(state, text);
			// Incremental: each keystroke that leaves a valid expression filters at once; the error waits for Enter.
			return done(typeof applied === 'string'
				? {...state, mode: {...mode, text, error: undefined}}
				: {...applied, mode: {...mode, text, error: undefined}});
		}

		case 'promptSubmit': {
			const applied = applyFilterText(state, mode.text);
			if (typeof applied === 'string') {
				return done({...state, mode: {...mode, error: `${applied}; the previous filter stays`}});
			}

			const text = applied.triage.filterText;
			return done(setStatus(withTriage({...applied, mode: table}, {filterBefore: undefined}), text === '' ? 'filter cleared' : `filter: ${sanitize(text)}`, false));
		}

		case 'promptCancel': {
			const before = state.triage.filterBefore ?? '';
			const restored = applyFilterText(state, before);
			const next = typeof restored === 'string' ? state : restored;
			return done(setStatus(withTriage({...next, mode: table}, {filterBefore: undefined}), 'filter unchanged', false));
		}

		default: {
			return undefined;
		}
	}
}

function onBulkPrompt(state: State, action: ActionName): KeyResult | undefined {
	const {mode} = state;
	if (mode.kind !== 'prompt' || !isBulkPurpose(mode.purpose)) {
		return undefined;
	}

	if (action === 'promptSubmit') {
		return done(submitBulkPrompt(state) ?? state);
	}

	return action === 'promptCancel' ? done(cancelBulkPrompt(state)) : undefined;
}

function onGrouped(state: State, action: ActionName): KeyResult | undefined {
	const {grouping} = state.triage;
	if (grouping === 'none' || state.mode.kind !== 'table') {
		return undefined;
	}

	if (action === 'bulkStop') {
		// Esc stops a running bulk action first; otherwise it leaves the group view, as it closes a pane.
		return done(stopBulk(state) ?? setStatus(withTriage(state, {grouping: 'none', groupCursor: 0}), 'grouping off', false));
	}

	if (cursorActions.has(action)) {
		const count = groupSessions(state.rows, grouping).length;
		const current = state.triage.groupCursor;
		const page = Math.max(1, state.pageSize);
		const wanted = {
			cursorUp: current - 1, cursorDown: current + 1, pageUp: current - page, pageDown: current + page, home: 0, end: count - 1,
		}[action as 'cursorUp'];
		return done(withTriage(state, {groupCursor: Math.max(0, Math.min(wanted, count - 1))}));
	}

	if (action === 'openDetail') {
		const groups = groupSessions(state.rows, grouping);
		const group = groups[Math.min(state.triage.groupCursor, groups.length - 1)];
		if (!group) {
			return done(setStatus(state, 'no group selected', true));
		}

		const term = groupFilterTerm(grouping, group.key, group.missing);
		const text = state.triage.filterText === '' ? term : `${state.triage.filterText} ${term}`;
		const applied = applyFilterText(withTriage(state, {grouping: 'none', groupCursor: 0}), text);
		return done(typeof applied === 'string' ? setStatus(state, applied, true) : setStatus(moveCursorTo(applied, 0), String.raw`filter: ${sanitize(text)}  (\ clears)`, false));
	}

	return sessionActions.has(action) ? done(setStatus(state, 'this acts on one session: Esc leaves the group view', true)) : undefined;
}

function toggleTag(state: State): State {
	const session = selectedSession(state);
	if (!session) {
		return setStatus(state, 'no session selected', true);
	}

	const key = sessionKey(session);
	const tags = new Set(state.triage.tags);
	if (tags.has(key)) {
		tags.delete(key);
	} else {
		tags.add(key);
	}

	return moveCursorTo(withTriage(state, {tags, frozenUntilMs: state.triage.clockMs + freezeMs}), state.cursorIndex + 1);
}

function step(state: State, delta: number): State {
	if (!state.triage.isReplay) {
		return setStatus(state, '←/→ step through a recording: start maxtop with --replay FILE', true);
	}

	const seq = state.triage.nextSeq;
	return withTriage(state, {replay: {seq, delta}, nextSeq: seq + 1});
}

function act(state: State, action: ActionName): State | undefined {
	switch (action) {
		case 'filterOpen': {
			return {
				...withTriage(state, {filterBefore: state.triage.filterText}),
				mode: {
					kind: 'prompt', purpose: 'filter', label: filterLine(), text: state.triage.filterText,
				},
			};
		}

		case 'filterClear': {
			return state.triage.filterText === '' ? setStatus(state, 'no filter to clear', false) : setStatus(rebuildRows(withTriage(state, {filterText: '', filter: undefined})), 'filter cleared', false);
		}

		case 'toggleChurn': {
			return {...state, mode: state.mode.kind === 'churn' ? table : {kind: 'churn'}};
		}

		case 'cycleGroup': {
			// By MaxScale only means something in a fleet.
			const order = state.hosts.length > 1 ? [...groupingOrder, 'host' as const] : groupingOrder;
			const index = order.indexOf(state.triage.grouping);
			const grouping = order[(index + 1) % order.length]!;
			return setStatus(withTriage(state, {grouping, groupCursor: 0}), grouping === 'none' ? 'grouping off' : `grouped by ${groupNames[grouping]} (Enter filters to a group)`, false);
		}

		case 'toggleTag': {
			return toggleTag(state);
		}

		case 'clearTags': {
			const count = state.triage.tags.size;
			return setStatus(withTriage(state, {tags: new Set()}), count === 0 ? 'no tags to clear' : `${count} tag${count === 1 ? '' : 's'} cleared`, false);
		}

		case 'bulkKill': {
			return startBulkKill(state);
		}

		case 'restartAll': {
			return startBulkRestart(state);
		}

		case 'bulkStop': {
			return stopBulk(state) ?? state;
		}

		case 'copySession': {
			const session = selectedSession(state);
			if (!session) {
				return setStatus(state, 'no session selected', true);
			}

			const seq = state.triage.nextSeq;
			return setStatus(withTriage(state, {clipboard: {seq, text: copyText(session)}, nextSeq: seq + 1}), `copied session ${sanitize(session.id)} to the clipboard (OSC 52)`, false);
		}

		case 'replayBack': {
			return step(state, -1);
		}

		case 'replayForward': {
			return step(state, 1);
		}

		default: {
			return undefined;
		}
	}
}

/**
Triage keys, run before the core ones: either handles the key (`done`) or passes the state on,
perhaps with the row order frozen because the cursor moved.
*/
export function triageKey(state: State, action: ActionName, input: string): KeyResult {
	const handled = onFilterPrompt(state, action, input) ?? onBulkPrompt(state, action) ?? onGrouped(state, action);
	if (handled) {
		return handled;
	}

	const next = act(state, action);
	if (next) {
		return done(next);
	}

	// Keys without a time (reducer tests replaying actions) never freeze: the freeze could not end.
	if (state.mode.kind === 'table' && cursorActions.has(action) && state.triage.clockMs > 0) {
		return {state: withTriage(state, {frozenUntilMs: state.triage.clockMs + freezeMs}), done: false};
	}

	return sortActions.has(action) && state.triage.frozenUntilMs !== undefined ? {state: withTriage(state, {frozenUntilMs: undefined}), done: false} : {state, done: false};
}
