import {choiceFromList, columnsWithData} from '../model/columns.js';
import {measureContent, resetContentWidths} from '../model/content-width.js';
import {isDescendingByDefault} from '../model/sort.js';
import {createChurnTracker} from '../model/churn.js';
import {parseFilter} from '../model/filter.js';
import {withUniqueIds} from '../model/session.js';
import {
	type CountersSnapshot,
	type Grouping,
	type SortKey,
} from '../model/types.js';
import type {Action} from './actions.js';
import {onBulkAction} from './bulk-kill.js';
import {churnOptions, onChurnCounters, onChurnSessions} from './churn-panel.js';
import {onFiltersLoaded} from './filter-chain.js';
import {groupingOrder} from './grouping.js';
import {setStatus, shownMode} from './helpers.js';
import {applyKeys} from './keys.js';
import {onLeaseStarted, onLeaseTick} from './lease.js';
import {onLogLevelsLoaded} from './log-levels.js';
import {fitScreen} from './screen.js';
import {screenOf} from './selectors.js';
import {
	clampOffset,
	rebuildRows,
	withClock,
	withPendingKill,
} from './table.js';
import type {PendingKill, State} from './types.js';

export type InitialOptions = {
	hosts: readonly string[];
	sort: SortKey;
	sortDescending?: boolean;
	readOnly: boolean;
	intervalSeconds: number;
	pageSize?: number;
	/** `--filter` (ignored when it does not parse: the CLI has checked it), `--group-by`, `--replay`. */
	filter?: string;
	groupBy?: string;
	isReplay?: boolean;
	/** Visible columns in order (`--columns` or the saved preferences). */
	columns?: readonly string[];
	/** Hosts reached over HTTPS without verifying their certificate (`--tls-verify-server-cert=false`): a header warning. */
	insecureHosts?: readonly string[];
};

export function createInitialState(options: InitialOptions): State {
	const columns = columnsWithData([], {multiHost: options.hosts.length > 1});
	const parsed = options.filter === undefined ? undefined : parseFilter(options.filter);
	const isApplied = parsed?.ok === true && parsed.filter.terms.length > 0;
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
		commands: [],
		nextCommandId: 1,
		quit: false,
		leases: [],
		showMeters: true,
		filterText: isApplied ? options.filter!.trim() : '',
		filter: isApplied ? parsed.filter : undefined,
		totalCount: 0,
		churn: createChurnTracker(churnOptions),
		grouping: groupingOrder.includes(options.groupBy as Grouping) ? options.groupBy as Grouping : 'none',
		groupCursor: 0,
		tags: new Set(),
		clockMs: 0,
		restartsByUs: 0,
		invisibleByHost: new Map(),
		isReplay: options.isReplay ?? false,
		columnChoice: options.columns ? choiceFromList(options.columns) : undefined,
		insecureHosts: options.insecureHosts,
	};
}

/**
A counters snapshot carries threads or services only when that one was freshly fetched (the
poller paces them apart), so each keeps its last fresh value.
*/
function applyCounters(state: State, snapshot: CountersSnapshot): State {
	const last = state.counters.get(snapshot.host);
	const merged = {...snapshot, threads: snapshot.threads ?? last?.threads, services: snapshot.services ?? last?.services};
	return {
		...state,
		counters: new Map(state.counters).set(snapshot.host, merged),
		previousCounters: last ? new Map(state.previousCounters).set(snapshot.host, last) : state.previousCounters,
	};
}

function goneText(ids: string[]): string {
	return ids.length === 1 ? `session ${ids[0]} is gone` : `sessions ${ids.join(', ')} are gone`;
}

function dropKills(state: State, dropped: ReadonlyArray<[string, PendingKill]>, text: string, isError: boolean): State {
	const pendingKills = new Map(state.pendingKills);
	for (const [key] of dropped) {
		pendingKills.delete(key);
	}

	return setStatus({...state, pendingKills}, text, isError);
}

function onSessions(state: State, action: Extract<Action, {type: 'sessions'}>): State {
	const {host} = action.snapshot;
	const {sessions, duplicates} = withUniqueIds(action.snapshot.sessions);
	const snapshot = duplicates === 0 ? action.snapshot : {...action.snapshot, sessions};
	const sessionsByHost = new Map(state.sessionsByHost).set(host, sessions);
	let next = rebuildRows(onChurnSessions({...state, sessionsByHost}, snapshot), {host});
	next = noteDuplicates(next, host, duplicates);

	// Nothing in MaxScale's JSON shows a pending ttl kill (22.08+), so maxtop tracks its own and
	// learns that a kill landed only when the session leaves the list.
	const pendingOnHost = [...state.pendingKills].filter(([, kill]) => kill.host === host);
	if (pendingOnHost.length === 0) {
		return next;
	}

	const present = new Set(sessions.map(session => session.id));
	const gone = pendingOnHost.filter(([, kill]) => !present.has(kill.id));
	if (gone.length > 0) {
		next = dropKills(next, gone, goneText(gone.map(([, kill]) => kill.id)), false);
	}

	// A real MaxScale lands a ttl kill N+1 to N+2 s after the request; a session still listed well
	// after that outlived it. Say so once and stop the countdown; sending again is the operator's call.
	const overdue = pendingOnHost.filter(([, kill]) => present.has(kill.id) && action.snapshot.atMs > kill.sentMs + (kill.graceSeconds * 1000) + killLandingMarginMs);
	if (overdue.length > 0) {
		const ids = overdue.map(([, kill]) => kill.id);
		next = dropKills(next, overdue, ids.length === 1
			? `session ${ids[0]} outlived its kill deadline: the kill did not land (k to try again)`
			: `sessions ${ids.join(', ')} outlived their kill deadline: the kills did not land (k to try again)`, true);
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
	return status.screen === screen ? after : {...after, status: status === before.status ? undefined : {...status, screen}};
}

/** Said once when a host's lists start to repeat ids, not at every poll (that would hide every other message). */
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

	const fit = fitScreen(state, state.screenSize, state.clockMs);
	const sized = reduce(state, {type: 'viewport', pageSize: fit.pageSize, shownColumns: fit.layout.cells.map(cell => cell.column.id)});
	return fit.maxScroll === undefined ? sized : reduce(sized, {type: 'scrollBounds', maxScroll: fit.maxScroll});
}

type Handler<T extends Action['type']> = (state: State, action: Extract<Action, {type: T}>) => State;

const handlers: {[T in Action['type']]: Handler<T>} = {
	key: (state, action) => applyKeys(fitted(withClock(state, action.atMs)), action.input, action.key),
	sessions: onSessions,
	counters: (state, action) => onChurnCounters(applyCounters(state, action.snapshot), action.snapshot),
	status: (state, action) => ({...state, statuses: new Map(state.statuses).set(action.status.host, action.status)}),
	detail(state, action) {
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
	},
	resize: (state, action) => (state.screenSize?.width === action.width && state.screenSize.height === action.height ? state : {...state, screenSize: {width: action.width, height: action.height}}),
	viewport(state, action) {
		const pageSize = Math.max(1, action.pageSize);
		const sized = pageSize === state.pageSize ? state : {...state, pageSize, offset: clampOffset(state.offset, state.cursorIndex, pageSize, state.rows.length)};
		const {shownColumns} = action;
		return shownColumns === undefined || shownColumns.join(',') === state.shownColumns?.join(',') ? sized : {...sized, shownColumns};
	},
	scrollBounds(state, action) {
		if (!(state.mode.kind === 'detail' || state.mode.kind === 'help') || state.mode.maxScroll === action.maxScroll) {
			return state;
		}

		const maxScroll = Math.max(0, action.maxScroll);
		return {...state, mode: {...state.mode, maxScroll, scroll: Math.min(state.mode.scroll, maxScroll)}};
	},
	commandsTaken(state, action) {
		const taken = new Set(action.ids);
		return {...state, commands: state.commands.filter(command => !taken.has(command.id))};
	},
	logLevelsLoaded: onLogLevelsLoaded,
	commandDone: (state, action) => setStatus(state, action.text, action.error),
	bulkItem: onBulkAction,
	bulkFinished: onBulkAction,
	filtersLoaded: onFiltersLoaded,
	leaseStarted: onLeaseStarted,
	leaseTick: (state, action) => onLeaseTick(state, action.nowMs),
	killSent(state, action) {
		const text = action.graceSeconds === 0
			? `kill sent: session ${action.id} is being killed`
			: `kill sent: session ${action.id} will be killed in ${action.graceSeconds}s`;
		return setStatus(withPendingKill(state, action), text, false);
	},
};

function reduce(state: State, action: Action): State {
	// TypeScript cannot pair `handlers[action.type]` with the narrowed action by itself.
	const handler = handlers[action.type] as (state: State, action: Action) => State;
	return handler(state, action);
}
