import type {KeyPress} from '../keymap.js';
import {columnsWithData} from '../model/columns.js';
import {measureContent, resetContentWidths} from '../model/content-width.js';
import {isDescendingByDefault} from '../model/sort.js';
import {withUniqueIds} from '../model/session.js';
import {type CountersSnapshot, sessionKey, type SortKey} from '../model/types.js';
import type {Action} from './actions.js';
import {setStatus, shownMode} from './helpers.js';
import {applyKey} from './keys.js';
import {fitScreen} from './screen.js';
import {screenOf} from './selectors.js';
import {clampOffset, rebuildRows} from './table.js';
import {
	createTriageState,
	onTriageCounters,
	onTriageSessions,
	withClock,
} from './triage.js';
import {onBulkAction} from './triage-bulk.js';
import {onFleetAction} from './fleet.js';
import {createFleetState} from './fleet-types.js';
import type {PendingKill, State} from './types.js';

export type InitialOptions = {
	hosts: readonly string[];
	sort: SortKey;
	sortDescending?: boolean;
	readOnly: boolean;
	intervalSeconds: number;
	pageSize?: number;
	/**
	`--filter` (ignored when it does not parse: the CLI has checked it), `--group-by`, `--replay`.
	*/
	filter?: string;
	groupBy?: string;
	isReplay?: boolean;
};

export function createInitialState(options: InitialOptions): State {
	const columns = columnsWithData([], {multiHost: options.hosts.length > 1});
	return {
		readOnly: options.readOnly,
		hosts: options.hosts,
		sessionsByHost: new Map(),
		statuses: new Map(),
		counters: new Map(),
		previousCounters: new Map(),
		rows: [],
		columns,
		content: resetContentWidths(undefined, measureContent([], columns, {fromTitle: true})),
		sort: {
			requested: options.sort,
			key: options.sort,
			descending: options.sortDescending ?? isDescendingByDefault(options.sort),
			explicit: false,
		},
		cursorIndex: 0,
		offset: 0,
		pageSize: options.pageSize ?? 10,
		mode: {kind: 'table'},
		paused: false,
		intervalSeconds: Math.max(1, Math.round(options.intervalSeconds)),
		pendingKills: new Map(),
		outbox: [],
		nextCommandId: 1,
		quit: false,
		fleet: createFleetState(),
		showMeters: true,
		triage: createTriageState({filter: options.filter, groupBy: options.groupBy, isReplay: options.isReplay}),
	};
}

/**
Keys typed fast (tmux send-keys, a laggy SSH link, a paste) reach Ink as one string such as
`3\ry`, without key flags. Each character is a key of its own, in order, so an answer and the
Enter after it are never swallowed as one unknown key.
*/
function applyKeys(state: State, input: string, key: KeyPress): State {
	const characters = [...input];
	if (characters.length < 2 || key.ctrl === true || key.meta === true || key.escape === true) {
		return applyKey(state, input, key);
	}

	let next = state;
	for (const character of characters) {
		if (character === '\r' || character === '\n') {
			next = applyKey(next, '\r', {return: true});
		} else if (character === '\u{7F}' || character === '\b') {
			next = applyKey(next, '', {backspace: true});
		} else {
			next = applyKey(next, character, {});
		}
	}

	return next;
}

/**
A counters snapshot carries threads or services only when that one was freshly fetched (the
poller paces them apart), so each keeps its last fresh value.
*/
function applyCounters(state: State, snapshot: CountersSnapshot): State {
	const last = state.counters.get(snapshot.host);
	const merged: CountersSnapshot = {
		host: snapshot.host,
		atMs: snapshot.atMs,
		threads: snapshot.threads ?? last?.threads,
		services: snapshot.services ?? last?.services,
	};
	const counters = new Map(state.counters);
	counters.set(snapshot.host, merged);
	const previousCounters = new Map(state.previousCounters);
	if (last) {
		previousCounters.set(snapshot.host, last);
	}

	return {...state, counters, previousCounters};
}

function goneText(ids: string[]): string {
	return ids.length === 1 ? `session ${ids[0]} is gone` : `sessions ${ids.join(', ')} are gone`;
}

function onSessions(state: State, action: Extract<Action, {type: 'sessions'}>): State {
	const {host} = action.snapshot;
	const {sessions, duplicates} = withUniqueIds(action.snapshot.sessions);
	const snapshot = duplicates === 0 ? action.snapshot : {...action.snapshot, sessions};
	const sessionsByHost = new Map(state.sessionsByHost);
	sessionsByHost.set(host, sessions);
	let next = rebuildRows(onTriageSessions({...state, sessionsByHost}, snapshot), {isRefresh: true});
	next = noteDuplicates(next, host, duplicates);

	// Nothing in MaxScale's JSON shows a pending ttl kill (22.08+), so maxtop tracks its own and
	// learns that a kill landed only when the session leaves the list.
	const pendingOnHost = [...state.pendingKills].filter(([, kill]) => kill.host === host);
	if (pendingOnHost.length > 0) {
		const present = new Set(sessions.map(session => session.id));
		const gone = pendingOnHost.filter(([, kill]) => !present.has(kill.id));
		if (gone.length > 0) {
			const pendingKills = new Map(state.pendingKills);
			for (const [key] of gone) {
				pendingKills.delete(key);
			}

			next = setStatus({...next, pendingKills}, goneText(gone.map(([, kill]) => kill.id)), false);
		}

		// A real MaxScale lands a ttl kill N+1 to N+2 s after the request; a session still listed well
		// after that outlived it. Say so once and stop the countdown; sending again is the operator's call.
		const overdue = pendingOnHost.filter(([, kill]) => present.has(kill.id) && action.snapshot.atMs > kill.sentMs + (kill.graceSeconds * 1000) + killLandingMarginMs);
		if (overdue.length > 0) {
			const pendingKills = new Map(next.pendingKills);
			for (const [key] of overdue) {
				pendingKills.delete(key);
			}

			const ids = overdue.map(([, kill]) => kill.id);
			const text = ids.length === 1
				? `session ${ids[0]} outlived its kill deadline: the kill did not land (k to try again)`
				: `sessions ${ids.join(', ')} outlived their kill deadline: the kills did not land (k to try again)`;
			next = setStatus({...next, pendingKills}, text, true);
		}
	}

	return next;
}

const killLandingMarginMs = 5000;

/**
A status message belongs to the screen it was made on (the one the action that made it leads to):
switching to another pane or panel leaves it behind, and coming back does not bring it back.
*/
function scopeStatus(before: State, after: State): State {
	const {status} = after;
	if (!status) {
		return after;
	}

	const screen = screenOf(after);
	if (status !== before.status) {
		return status.screen === screen ? after : {...after, status: {...status, screen}};
	}

	return status.screen === screen ? after : {...after, status: undefined};
}

/**
Said once when a host's lists start to repeat ids, not at every poll (that would hide every other message).
*/
function noteDuplicates(state: State, host: string, duplicates: number): State {
	const known = state.duplicateIdHosts?.has(host) ?? false;
	if ((duplicates > 0) === known) {
		return state;
	}

	const duplicateIdHosts = new Set(state.duplicateIdHosts);
	if (known) {
		duplicateIdHosts.delete(host);
		return {...state, duplicateIdHosts};
	}

	duplicateIdHosts.add(host);
	return setStatus({...state, duplicateIdHosts}, `MaxScale at ${host} listed ${duplicates} session id${duplicates === 1 ? '' : 's'} more than once: the later of each is shown`, true);
}

export function reducer(state: State, action: Action): State {
	return fitted(scopeStatus(state, reduce(state, action)));
}

/**
What fits is worked out from the terminal size after every action, and before every key at the
key's time, so a key acts on the screen as drawn. Without a size (tests) `pageSize` is left as set.
*/
function fitted(state: State): State {
	if (!state.screenSize) {
		return state;
	}

	const fit = fitScreen(state, state.screenSize, state.triage.clockMs);
	const sized = reduce(state, {type: 'viewport', pageSize: fit.pageSize, shownColumns: fit.layout.cells.map(cell => cell.column.id)});
	return fit.maxScroll === undefined ? sized : reduce(sized, {type: 'scrollBounds', maxScroll: fit.maxScroll});
}

function reduce(state: State, action: Action): State {
	switch (action.type) {
		case 'key': {
			return applyKeys(fitted(withClock(state, action.atMs)), action.input, action.key);
		}

		case 'sessions': {
			return onSessions(state, action);
		}

		case 'counters': {
			return onTriageCounters(applyCounters(state, action.snapshot), action.snapshot, state);
		}

		case 'status': {
			const statuses = new Map(state.statuses);
			statuses.set(action.status.host, action.status);
			return {...state, statuses};
		}

		case 'detail': {
			const mode = shownMode(state.mode);
			if (mode.kind !== 'detail' || mode.host !== action.host || mode.id !== action.id) {
				return state;
			}

			if (action.session) {
				return {...state, detail: {session: action.session, error: action.error}};
			}

			if (action.error) {
				return {...state, detail: {...state.detail, error: action.error}};
			}

			return state.detail?.gone ? state : setStatus({...state, detail: {...state.detail, gone: true}}, goneText([action.id]), false);
		}

		case 'resize': {
			return state.screenSize?.width === action.width && state.screenSize.height === action.height ? state : {...state, screenSize: {width: action.width, height: action.height}};
		}

		case 'viewport': {
			const pageSize = Math.max(1, action.pageSize);
			const sized = pageSize === state.pageSize ? state : {...state, pageSize, offset: clampOffset(state.offset, state.cursorIndex, pageSize, state.rows.length)};
			const {shownColumns} = action;
			return shownColumns === undefined || shownColumns.join(',') === state.shownColumns?.join(',') ? sized : {...sized, shownColumns};
		}

		case 'scrollBounds': {
			if (!(state.mode.kind === 'detail' || state.mode.kind === 'help') || state.mode.maxScroll === action.maxScroll) {
				return state;
			}

			const maxScroll = Math.max(0, action.maxScroll);
			return {...state, mode: {...state.mode, maxScroll, scroll: Math.min(state.mode.scroll, maxScroll)}};
		}

		case 'commandsTaken': {
			const taken = new Set(action.ids);
			return {...state, outbox: state.outbox.filter(command => !taken.has(command.id))};
		}

		case 'logLevelsLoaded': {
			const {mode} = state;
			return mode.kind !== 'log' || mode.host !== action.host || mode.id !== action.id
				? state
				: {
					...state, mode: {
						...mode, busy: false, levels: action.levels ?? mode.levels, error: action.error,
					},
				};
		}

		case 'commandDone': {
			return setStatus(state, action.text, action.error);
		}

		case 'bulkItem':
		case 'bulkFinished': {
			return onBulkAction(state, action);
		}

		case 'fleetTaken':
		case 'filtersLoaded':
		case 'leaseStarted':
		case 'leaseTick': {
			return onFleetAction(state, action);
		}

		case 'killSent': {
			const pendingKills = new Map(state.pendingKills);
			const kill: PendingKill = {
				host: action.host, id: action.id, sentMs: action.sentMs, graceSeconds: action.graceSeconds,
			};
			pendingKills.set(sessionKey(action), kill);
			const text = action.graceSeconds === 0
				? `kill sent: session ${action.id} is being killed`
				: `kill sent: session ${action.id} will be killed in ${action.graceSeconds}s`;
			return setStatus({...state, pendingKills}, text, false);
		}
	}
}
