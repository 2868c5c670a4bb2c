import {Box, useApp, useWindowSize} from 'ink';
import {useEffect, useMemo, useReducer} from 'react';
import type {MaxScaleClient} from './api/types.js';
import type {SortKey} from './config/types.js';
import {useClock} from './hooks/use-clock.js';
import {useCommands} from './hooks/use-commands.js';
import {useKeymap} from './hooks/use-keymap.js';
import {usePoller, usePollerSync} from './hooks/use-poller.js';
import {layoutColumns} from './model/columns.js';
import type {Poller, PollerListener} from './poller/types.js';
import {createInitialState, reducer} from './state/reducer.js';
import {pendingKillText, visibleRows} from './state/selectors.js';
import {sessionKey} from './state/table.js';
import {describeSession} from './state/targets.js';
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

export type AppOptions = {
	intervalSeconds: number;
	sort: SortKey;
	sortDescending?: boolean;
	readOnly: boolean;
	ascii?: boolean;
	utc?: boolean;
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
};

/**
Lines below the body: the status (or prompt) line and the key footer.
*/
const bottomLines = 2;

export function App({clients, createPoller, options, size, now = Date.now, onExit}: AppProps) {
	const windowSize = useWindowSize();
	const {columns: width, rows: height} = size ?? windowSize;
	const hosts = useMemo(() => Array.from(clients, ([host]) => host), [clients]);
	const [state, dispatch] = useReducer(reducer, undefined, () => createInitialState({
		hosts,
		sort: options.sort,
		sortDescending: options.sortDescending,
		readOnly: options.readOnly,
		intervalSeconds: options.intervalSeconds,
		pageSize: Math.max(1, height - 6),
	}));
	const poller = usePoller(createPoller, dispatch);
	usePollerSync(poller, state);
	useCommands(state.outbox, {
		clients, poller, dispatch, now,
	});
	useKeymap(dispatch);
	const nowMs = useClock(now);
	const {exit} = useApp();
	useEffect(() => {
		if (!state.quit) {
			return;
		}

		onExit?.(0);
		exit();
	}, [state.quit, onExit, exit]);

	const {ascii, utc} = options;
	const header = headerLines({
		hosts,
		statuses: state.statuses,
		sessionCount: state.rows.length,
		hasData: state.sessionsByHost.size > 0,
		paused: state.paused,
		intervalSeconds: state.intervalSeconds,
		nowMs,
	}).slice(0, Math.max(0, height - bottomLines));
	const bottom = Math.min(bottomLines, height);
	const bodyHeight = Math.max(0, height - header.length - bottom);
	const pageSize = Math.max(1, bodyHeight - 1);
	useEffect(() => {
		dispatch({type: 'viewport', pageSize});
	}, [pageSize]);

	const layout = useMemo(() => layoutColumns(width, state.columns), [width, state.columns]);
	const {mode} = state;
	const detail = mode.kind === 'detail'
		? detailLines(state.detail?.session, {
			nowMs, utc, rdns: mode.rdns, gone: state.detail?.gone, error: state.detail?.error,
		})
		: undefined;
	const maxScroll = detail ? Math.max(0, detail.length - (bodyHeight - 1)) : 0;
	useEffect(() => {
		if (detail) {
			dispatch({type: 'detailBounds', maxScroll});
		}
	}, [detail !== undefined, maxScroll]); // eslint-disable-line react-hooks/exhaustive-deps

	let body;
	switch (mode.kind) {
		case 'detail': {
			body = <DetailPane lines={detail ?? []} sessionId={mode.id} host={mode.host} scroll={mode.scroll} height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		case 'log': {
			const session = state.rows.find(row => sessionKey(row) === mode.key);
			const title = `Log levels of session ${session ? describeSession(session) : mode.id}`;
			body = <LogPanel title={title} levels={mode.levels} cursor={mode.cursor} busy={mode.busy} error={mode.error} height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		case 'help': {
			body = <HelpScreen height={bodyHeight} width={width} ascii={ascii}/>;
			break;
		}

		default: {
			const {offset, rows} = visibleRows({...state, pageSize: Math.min(state.pageSize, pageSize)});
			const views: RowView[] = rows.map((session, index) => {
				const key = sessionKey(session);
				const kill = state.pendingKills.get(key);
				return {
					key, session, selected: offset + index === state.cursorIndex, state: kill ? pendingKillText(kill, nowMs, ascii) : undefined,
				};
			});
			const emptyText = state.sessionsByHost.size === 0 ? `connecting to ${hosts.length === 1 ? hosts[0]! : `${hosts.length} hosts`}…` : 'no sessions';
			body = <SessionTable rows={views} layout={layout} sort={state.sort} height={bodyHeight} ascii={ascii} emptyText={emptyText}/>;
		}
	}

	let statusArea;
	if (mode.kind === 'prompt') {
		statusArea = <PromptLine label={mode.label} text={mode.text} width={width} ascii={ascii}/>;
	} else if (mode.kind === 'confirm') {
		statusArea = <ConfirmLine question={mode.question} width={width} ascii={ascii}/>;
	} else {
		statusArea = <StatusLine status={state.status} width={width} ascii={ascii}/>;
	}

	return (
		<Box flexDirection='column' width={width}>
			<Header lines={header} width={width} ascii={ascii}/>
			<Box flexDirection='column' height={bodyHeight}>{body}</Box>
			{bottom > 0 ? statusArea : null}
			{bottom > 1 && mode.kind === 'prompt' && mode.error
				? <TextLine tone='error' text={`maxtop: ${mode.error}`} width={width} ascii={ascii}/>
				: (bottom > 1 ? <Footer mode={mode.kind} width={width} ascii={ascii}/> : null)}
		</Box>
	);
}
