import {performance} from 'node:perf_hooks';
import {
	useEffect,
	useLayoutEffect,
	useMemo,
	useRef,
	type Dispatch,
} from 'react';
import {sessionIdOf} from '../model/session.js';
import type {Poller, PollerListener} from '../poller/types.js';
import {shownMode} from '../state/helpers.js';
import {prepareChurn} from '../state/churn-panel.js';
import {prepareList, type PreparePart} from '../state/table.js';
import type {Action} from '../state/actions.js';
import type {State} from '../state/types.js';

/**
Lists this long take the reducer longer than a frame.
*/
const largeList = 5000;

/**
A large list replaces tens of thousands of sessions at once, and V8 lets a mostly idle process's
heap grow to several times what it holds before it collects: at 50,000 sessions, 200 -> 500 MB
resident over a few minutes while 35 MB was live. Once the old list is unreachable and the process
has been quiet for a moment, a major collection is started in the background, without a pause.
Started while the next list was read, it cost that read a third more CPU: while lists keep the
event loop busy, it waits. The launcher's `--expose-gc` provides `gc`; without it, nothing happens.
*/
const collectAfterMs = 1500;
const quietUtilization = 0.25;

/** Starts the collection once the event loop was mostly idle for `collectAfterMs` after the last call. */
function collectWhenQuiet(): () => void {
	let timer: NodeJS.Timeout | undefined;
	let since = performance.eventLoopUtilization();
	const check = () => {
		const {utilization} = performance.eventLoopUtilization(since);
		since = performance.eventLoopUtilization();
		if (utilization > quietUtilization) {
			timer = setTimeout(check, collectAfterMs).unref();
			return;
		}

		void globalThis.gc?.({type: 'major', execution: 'async'});
	};

	return () => {
		clearTimeout(timer);
		since = performance.eventLoopUtilization();
		timer = setTimeout(check, collectAfterMs).unref();
	};
}

/**
One poller for the app's lifetime; everything it reports becomes a reducer action, in order. A
large list is prepared in parts, each in a turn of the event loop of its own, and dispatched in the
next, so a key pressed as the list arrives is answered between the parts of the work; what the
poller reports meanwhile waits behind the list.
*/
export function usePoller(createPoller: (listener: PollerListener) => Poller, dispatch: Dispatch<Action>, state: State): Poller {
	// What a list is worked out from: the reducer uses it only if its state still matches.
	const drawn = useRef(state);
	useLayoutEffect(() => {
		drawn.current = state;
	});
	const poller = useMemo(() => {
		const waiting: Action[] = [];
		const parts: PreparePart[] = [...prepareList, prepareChurn];
		// How many parts of each large list are done.
		const prepared = new WeakMap<Action, number>();
		const collect = collectWhenQuiet();
		const run = () => {
			const list = waiting.find(action => action.type === 'sessions' && (prepared.get(action) ?? 0) < parts.length);
			if (list?.type === 'sessions') {
				const done = prepared.get(list) ?? 0;
				// A part that answers true has more to do in a later turn.
				if (parts[done]!(drawn.current, list.snapshot) !== true) {
					prepared.set(list, done + 1);
				}

				setImmediate(run);
				return;
			}

			for (const action of waiting.splice(0)) {
				dispatch(action);
			}

			collect();
		};

		const send = (action: Action, isLarge = false) => {
			if (waiting.length === 0 && !isLarge) {
				dispatch(action);
				return;
			}

			if (waiting.length === 0) {
				setImmediate(run);
			}

			waiting.push(action);
		};

		// The ref is read in the poller's callbacks only, never while rendering.
		// eslint-disable-next-line react-hooks/refs
		return createPoller({
			sessions(snapshot) {
				send({type: 'sessions', snapshot}, snapshot.sessions.length >= largeList);
			},
			counters(snapshot) {
				send({type: 'counters', snapshot});
			},
			status(status) {
				send({type: 'status', status});
			},
			detail(host, id, session, error) {
				send({
					type: 'detail', host, id, session, error,
				});
			},
		});
	}, [createPoller, dispatch]);
	useEffect(() => {
		poller.start();
		return () => {
			poller.stop();
		};
	}, [poller]);
	return poller;
}

/** Pause, interval and the watched session live in state; this pushes their changes to the poller. */
export function usePollerSync(poller: Poller, state: State): void {
	const sent = useRef({paused: state.paused, intervalSeconds: state.intervalSeconds, watching: false});
	useEffect(() => {
		if (state.paused === sent.current.paused) {
			return;
		}

		sent.current.paused = state.paused;
		poller.setPaused(state.paused);
	}, [poller, state.paused]);

	useEffect(() => {
		if (state.intervalSeconds === sent.current.intervalSeconds) {
			return;
		}

		sent.current.intervalSeconds = state.intervalSeconds;
		poller.setRequestedInterval(state.intervalSeconds * 1000);
	}, [poller, state.intervalSeconds]);

	// A kill or restart asked from the detail pane keeps it live behind the question.
	const mode = shownMode(state.mode);
	const watchHost = mode.kind === 'detail' ? mode.host : undefined;
	// A row whose id is not MaxScale's is shown as listed: no request names it.
	const watchId = mode.kind === 'detail' ? sessionIdOf(mode.id) : undefined;
	const watchRdns = mode.kind === 'detail' ? mode.rdns : undefined;
	useEffect(() => {
		if (watchHost !== undefined && watchId !== undefined) {
			sent.current.watching = true;
			poller.watchSession({host: watchHost, id: watchId, rdns: watchRdns});
		} else if (sent.current.watching) {
			sent.current.watching = false;
			poller.watchSession(undefined);
		}
	}, [poller, watchHost, watchId, watchRdns]);
}
