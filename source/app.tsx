import {useApp, useWindowSize} from 'ink';
import {
	useEffect,
	useEffectEvent,
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
import type {Poller, PollerListener} from './poller/types.js';
import {createInitialState, reducer, type InitialOptions} from './state/reducer.js';
import {selectScreen} from './state/screen.js';
import {finalPreferences} from './state/final-preferences.js';
import {revertLeases} from './hooks/session-requests.js';
import {createLook, LookContext} from './ui/look.js';
import {ScreenView} from './ui/screen-view.js';
import type {BulkClock} from './hooks/bulk-runner.js';
import type {Theme} from './model/types.js';

export type AppOptions = Omit<InitialOptions, 'hosts' | 'pageSize' | 'isReplay'> & {
	ascii?: boolean;
	utc?: boolean;
	/** The chosen theme; drawn as `mono` when `colorLevel` is 0 (NO_COLOR, --color never, no TTY). */
	theme?: Theme;
	colorLevel?: ColorLevel;
	/** Bulk actions: requests per second at most (`--bulk-rate`, default 20). */
	bulkRate?: number;
	/** Playing a recording (`--replay`): ←/→ step, the header shows the recorded time. */
	replay?: boolean;
	/** Paces bulk actions (tests inject a fake one). */
	bulkClock?: BulkClock;
};

export type AppProps = {
	readonly clients: ReadonlyMap<string, MaxScaleClient>;
	readonly createPoller: (listener: PollerListener) => Poller;
	readonly options: AppOptions;
	/** Fixed screen size (tests); otherwise the terminal's, following resizes. */
	readonly size?: {columns: number; rows: number};
	/** Clock for countdowns, ages and "updated Ns ago"; epoch ms. */
	readonly now?: () => number;
	readonly onExit?: (code: number) => void;
	/** Called once when the operator quits, with the display settings changed inside the program (to remember). */
	readonly onQuit?: (preferences: Preferences) => void;
	/** Lines to print after the screen is restored (the log levels turned off at quit). */
	readonly onQuitNotes?: (lines: string[]) => void;
};

export function App({clients, createPoller, options, size, now = Date.now, onExit, onQuit, onQuitNotes}: AppProps) {
	const windowSize = useWindowSize();
	const {columns: width, rows: height} = size ?? windowSize;
	const hosts = useMemo(() => Array.from(clients, ([host]) => host), [clients]);
	const [state, dispatch] = useReducer(reducer, undefined, () => reducer(createInitialState({...options, hosts, isReplay: options.replay}), {type: 'resize', width, height}));
	useLayoutEffect(() => {
		dispatch({type: 'resize', width, height});
	}, [width, height]);
	// The state the run started with (flags, saved preferences): what differs at quit was changed inside.
	const startState = useRef(state).current;
	const poller = usePoller(createPoller, dispatch, state);
	usePollerSync(poller, state);
	useKeymap(dispatch, now);
	const nowMs = useClock(now);
	useCommands(state.commands, state.leases, nowMs, {
		clients, poller, dispatch, now, bulkRate: options.bulkRate, bulkClock: options.bulkClock,
	});
	const {exit} = useApp();
	const quit = useEffectEvent(() => {
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
	});
	useEffect(() => {
		if (state.quit) {
			quit();
		}
	}, [state.quit]);

	const {ascii, utc} = options;
	const look = useMemo(() => createLook(effectiveTheme(options.theme ?? 'dark', options.colorLevel ?? 1)), [options.theme, options.colorLevel]);
	const screen = selectScreen(state, {
		width, height, ascii, utc,
	}, nowMs);
	return (
		<LookContext.Provider value={look}>
			<ScreenView screen={screen} width={width} ascii={ascii}/>
		</LookContext.Provider>
	);
}
