import {Box, useApp, useWindowSize} from 'ink';
import {
	useEffect,
	useLayoutEffect,
	useMemo,
	useReducer,
	useRef,
} from 'react';
import type {MaxScaleClient} from './api/types.js';
import {useClock} from './hooks/use-clock.js';
import {useCommands} from './hooks/use-commands.js';
import {useKeymap} from './hooks/use-keymap.js';
import {usePoller, usePollerSync} from './hooks/use-poller.js';
import type {Preferences} from './config/preferences.js';
import {effectiveTheme, type ColorLevel} from './model/color.js';
import {errorLine, fitLine} from './model/fit-line.js';
import {choiceFromList} from './model/columns.js';
import type {Poller, PollerListener} from './poller/types.js';
import {helpLines} from './keymap.js';
import {shownMode} from './state/helpers.js';
import {createInitialState, reducer} from './state/reducer.js';
import {pendingKillText, tableLayout, visibleRows} from './state/selectors.js';
import {describeSession} from './state/targets.js';
import {finalPreferences} from './state/final-preferences.js';
import {ColumnChooser} from './ui/column-chooser.js';
import {revertLeases} from './hooks/session-requests.js';
import {leaseTexts} from './state/lease.js';
import {FilterPicker} from './ui/filter-picker.js';
import {accessBadge, prependBadge, tlsWarningLines} from './ui/fleet-lines.js';
import {createLook, LookContext} from './ui/look.js';
import {
	clockText,
	isTooSmall,
	meterBudget,
	tooSmallText,
	workerMeterLines,
} from './ui/terminal-lines.js';
import {ConfirmLine} from './ui/confirm-line.js';
import {DetailPane} from './ui/detail-pane.js';
import {detailLines} from './ui/detail-lines.js';
import {Footer} from './ui/footer.js';
import {Header} from './ui/header.js';
import {headerLines} from './ui/header-lines.js';
import {HelpScreen} from './ui/help-screen.js';
import {LogPanel} from './ui/log-panel.js';
import {PromptLine} from './ui/prompt-line.js';
import {SessionTable, type RowView} from './ui/session-table.js';
import {StatusLine} from './ui/status-line.js';
import {TextLine} from './ui/text-line.js';
import type {BulkClock} from './hooks/bulk-runner.js';
import {appendToFirst, triageHeaderLines, triageHeaderNotes} from './ui/triage-lines.js';
import {
	rowMark,
	showsSessionTable,
	tombstoneRoom,
	tombstoneViews,
	triageBody,
} from './ui/triage-views.js';
import {sessionKey, type SortKey, type Theme} from './model/types.js';

export type AppOptions = {
	intervalSeconds: number;
	sort: SortKey;
	sortDescending?: boolean;
	readOnly: boolean;
	ascii?: boolean;
	utc?: boolean;
	/**
	The chosen theme; drawn as `mono` when `colorLevel` is 0 (NO_COLOR, --color never, no TTY).
	*/
	theme?: Theme;
	colorLevel?: ColorLevel;
	/**
	Visible columns in order (`--columns` or the saved preferences).
	*/
	columns?: readonly string[];
	/**
	`--filter`: the triage filter at start-up (already validated).
	*/
	filter?: string;
	groupBy?: string;
	/**
	Bulk actions: requests per second at most (`--bulk-rate`, default 20).
	*/
	bulkRate?: number;
	/**
	Playing a recording (`--replay`): ←/→ step, the header shows the recorded time.
	*/
	replay?: boolean;
	/**
	Paces bulk actions (tests inject a fake one).
	*/
	bulkClock?: BulkClock;
	/**
	Hosts reached over HTTPS without verifying their certificate (`--tls-verify-server-cert=false`): a header warning.
	*/
	insecureHosts?: readonly string[];
};

export type AppProps = {
	readonly clients: ReadonlyMap<string, MaxScaleClient>;
	readonly createPoller: (listener: PollerListener) => Poller;
	readonly options: AppOptions;
	/**
	Fixed screen size (tests); otherwise the terminal's, following resizes.
	*/
	readonly size?: {columns: number; rows: number};
	/**
	Clock for countdowns, ages and "updated Ns ago"; epoch ms.
	*/
	readonly now?: () => number;
	readonly onExit?: (code: number) => void;
	/**
	Called once when the operator quits, with the display settings changed inside the program (to remember).
	*/
	readonly onQuit?: (preferences: Preferences) => void;
	/**
	Lines to print after the screen is restored (the log levels turned off at quit).
	*/
	readonly onQuitNotes?: (lines: string[]) => void;
};

/**
Lines below the body: the status (or prompt) line and the key footer.
*/
const bottomLines = 2;

export function App({clients, createPoller, options, size, now = Date.now, onExit, onQuit, onQuitNotes}: AppProps) {
	const windowSize = useWindowSize();
	const {columns: width, rows: height} = size ?? windowSize;
	const hosts = useMemo(() => Array.from(clients, ([host]) => host), [clients]);
	const [state, dispatch] = useReducer(reducer, undefined, () => ({
		...createInitialState({
			hosts,
			sort: options.sort,
			sortDescending: options.sortDescending,
			readOnly: options.readOnly,
			intervalSeconds: options.intervalSeconds,
			pageSize: Math.max(1, height - 6),
			filter: options.filter,
			groupBy: options.groupBy,
			isReplay: options.replay,
		}),
		columnChoice: options.columns ? choiceFromList(options.columns) : undefined,
	}));
	// The state the run started with (flags, saved preferences): what differs at quit was changed inside.
	const startState = useRef(state).current;
	const poller = usePoller(createPoller, dispatch);
	usePollerSync(poller, state);
	useKeymap(dispatch, now);
	const nowMs = useClock(now);
	useCommands(state.commands, state.leases, nowMs, {
		clients, poller, dispatch, now, bulkRate: options.bulkRate, bulkClock: options.bulkClock,
	});
	const {exit} = useApp();
	useEffect(() => {
		if (!state.quit) {
			return;
		}

		onQuit?.(finalPreferences(startState, state));
		const finish = () => {
			onExit?.(0);
			exit();
		};

		// Leased log levels are turned off before leaving; without leases quitting stays immediate.
		if (state.leases.length === 0) {
			finish();
			return;
		}

		dispatch({type: 'commandDone', text: `turning off ${state.leases.length} leased log level(s)…`, error: false});
		void revertLeases(state.leases, clients).then(lines => {
			onQuitNotes?.(lines);
			finish();
		});
	}, [state.quit, onExit, exit]); // eslint-disable-line react-hooks/exhaustive-deps

	const {ascii, utc} = options;
	const look = useMemo(() => createLook(effectiveTheme(options.theme ?? 'dark', options.colorLevel ?? 1), Boolean(ascii)), [options.theme, options.colorLevel, ascii]);
	const headerInput = {
		hosts,
		statuses: state.statuses,
		sessionCount: state.rows.length,
		hasData: state.sessionsByHost.size > 0,
		paused: state.paused,
		intervalSeconds: state.intervalSeconds,
		nowMs,
		width,
		utc,
		...(state.triage.isReplay && {replayAtMs: state.triage.lastSnapshotMs}),
		ascii,
	};
	const access = {
		readOnly: state.readOnly, hosts, statuses: state.statuses, insecureHosts: options.insecureHosts,
	};
	const meters = state.showMeters
		? workerMeterLines({
			hosts, counters: state.counters, width, maxLines: meterBudget(height), glyphs: look.glyphs, ascii,
		})
		: [];
	// The range shown never adds a line, so the line count (and the page size) is known without it.
	const headerWith = (shownRange?: {first: number; last: number}) => [
		...appendToFirst(prependBadge(headerLines({...headerInput, shownRange}), accessBadge(access)), triageHeaderNotes(state.triage, nowMs, look.glyphs)).map((line, index) => (index === 1 ? {...line, text: `${line.text}  ${clockText(nowMs, Boolean(utc))}`} : line)),
		...tlsWarningLines(access),
		...triageHeaderLines({
			triage: state.triage, shownCount: state.rows.length, nowMs, glyphs: look.glyphs, utc,
		}),
		...meters,
	].slice(0, Math.max(0, height - bottomLines));
	let header = headerWith();
	const bottom = Math.min(bottomLines, height);
	const bodyHeight = Math.max(0, height - header.length - bottom);
	const tombstoneLines = state.mode.kind === 'table' && state.triage.grouping === 'none' ? tombstoneRoom(state, nowMs, bodyHeight) : 0;
	const pageSize = Math.max(1, bodyHeight - 1 - tombstoneLines);
	// The page size of this frame, not the state's: the state learns it in an effect, one frame late,
	// and a terminal that grew would show a half-empty body for that frame.
	const view = visibleRows({...state, pageSize});
	if (view.offset > 0 && showsSessionTable(state)) {
		header = headerWith({first: view.offset + 1, last: view.offset + view.rows.length});
	}

	const {columns: availableColumns, columnChoice} = state;
	const contentWidths = state.content.widths;
	const sortKey = state.sort.key;
	const layout = useMemo(() => tableLayout({
		columns: availableColumns, columnChoice, contentWidths, sortKey,
	}, width), [width, availableColumns, columnChoice, contentWidths, sortKey]);
	const stateCell = layout.cells.find(cell => cell.column.id === 'state');
	const shownColumns = layout.cells.map(cell => cell.column.id).join(',');
	// A layout effect: the state must know what is on screen before the next key is handled.
	useLayoutEffect(() => {
		dispatch({type: 'viewport', pageSize, shownColumns: shownColumns.split(',')});
	}, [pageSize, shownColumns]);
	// The pane the body shows: a question asked from the detail or log pane keeps it behind.
	const mode = shownMode(state.mode);
	const detail = mode.kind === 'detail'
		? [
			...leaseTexts(state.leases, mode.host, mode.id, nowMs, utc).map(text => `  lease       ${text}`),
			...detailLines(state.detail?.session, {
				nowMs, utc, rdns: mode.rdns, gone: state.detail?.gone, error: state.detail?.error,
			}),
		]
		: undefined;
	const help = useMemo(() => helpLines(width), [width]);
	const scrolled = detail ?? (mode.kind === 'help' ? help : undefined);
	const maxScroll = scrolled ? Math.max(0, scrolled.length - (bodyHeight - 1)) : 0;
	useEffect(() => {
		if (scrolled) {
			dispatch({type: 'scrollBounds', maxScroll});
		}
	}, [mode.kind, scrolled !== undefined, maxScroll]); // eslint-disable-line react-hooks/exhaustive-deps

	let body;
	switch (mode.kind) {
		case 'detail': {
			body = <DetailPane lines={detail ?? []} sessionId={mode.id} host={mode.host} scroll={mode.scroll} height={bodyHeight} width={width} ascii={ascii} replay={state.triage.isReplay} replayAtMs={state.triage.lastSnapshotMs} utc={utc}/>;
			break;
		}

		case 'log': {
			const session = state.rows.find(row => sessionKey(row) === mode.key);
			const title = `Log levels of session ${session ? describeSession(session) : mode.id}`;
			const notes = leaseTexts(state.leases, mode.host, mode.id, nowMs, utc);
			body = <LogPanel title={title} levels={mode.levels} cursor={mode.cursor} busy={mode.busy} error={mode.error} height={bodyHeight} width={width} ascii={ascii} notes={notes}/>;
			break;
		}

		case 'filters': {
			body = <FilterPicker mode={mode} height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		case 'help': {
			body = <HelpScreen lines={help} scroll={mode.scroll} height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		case 'columns': {
			body = <ColumnChooser state={state} cursor={mode.cursor} height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		default: {
			const triageView = triageBody({
				state, nowMs, width, height: bodyHeight, ascii,
			});
			if (triageView !== undefined) {
				body = triageView;
				break;
			}

			const {offset, rows} = view;
			const views: RowView[] = rows.map((session, index) => {
				const key = sessionKey(session);
				const kill = state.pendingKills.get(key);
				// Without a STATE column the countdown has no cell: the row's leading mark says it instead.
				return {
					key,
					session,
					selected: offset + index === state.cursorIndex,
					state: kill ? pendingKillText(kill, nowMs, ascii, stateCell?.width) : undefined,
					mark: kill && !stateCell ? 'kill' : rowMark(state, session, nowMs),
				};
			});
			views.push(...tombstoneViews(state, nowMs, tombstoneLines));
			const emptyText = state.sessionsByHost.size === 0 ? `connecting to ${hosts.length === 1 ? hosts[0]! : `${hosts.length} hosts`}…` : 'no sessions';
			body = <SessionTable rows={views} layout={layout} sort={state.sort} height={bodyHeight} ascii={ascii} emptyText={emptyText}/>;
		}
	}

	const question = state.mode;
	let statusArea;
	if (question.kind === 'prompt') {
		statusArea = <PromptLine label={question.label} text={question.text} width={width} ascii={ascii}/>;
	} else if (question.kind === 'confirm') {
		statusArea = <ConfirmLine question={question.question} width={width} ascii={ascii}/>;
	} else {
		statusArea = <StatusLine status={state.status} width={width} ascii={ascii}/>;
	}

	const screen = (
		<Box flexDirection='column' width={width}>
			<Header lines={header} width={width} ascii={ascii}/>
			<Box flexDirection='column' height={bodyHeight}>{body}</Box>
			{bottom > 0 ? statusArea : null}
			{bottom > 1 && question.kind === 'prompt' && question.error
				? <TextLine tone='error' text={fitLine(errorLine(question.error), width, {ascii})} width={width} ascii={ascii}/>
				: (bottom > 1 ? <Footer mode={question.kind} width={width} ascii={ascii}/> : null)}
		</Box>
	);
	// One line instead of a table too cramped to read; the next resize brings the table back.
	return (
		<LookContext.Provider value={look}>
			{isTooSmall(width, height) ? <TextLine bold text={tooSmallText(width, height)} width={width} ascii={ascii}/> : screen}
		</LookContext.Provider>
	);
}
