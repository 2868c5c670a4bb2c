import {useStdout} from 'ink';
import {useEffect, useRef, type Dispatch} from 'react';
import type {MaxScaleClient} from '../api/types.js';
import type {Poller} from '../poller/types.js';
import type {Action} from '../state/actions.js';
import type {TriageState} from '../state/triage-types.js';
import {
	defaultBulkRate,
	realBulkClock,
	runBulk,
	type BulkClock,
} from './bulk-runner.js';

type BulkContext = {
	clients: ReadonlyMap<string, MaxScaleClient>;
	poller: Poller;
	dispatch: Dispatch<Action>;
	ratePerSecond?: number;
	clock?: BulkClock;
};

/**
Runs each confirmed bulk action once, paced; Esc (stopRequested) aborts it between requests.
*/
export function useBulkRunner(triage: TriageState, context: BulkContext): void {
	const {clients, poller, dispatch, ratePerSecond = defaultBulkRate, clock = realBulkClock} = context;
	const running = useRef(new Map<number, AbortController>());
	const request = triage.bulkRequest;
	useEffect(() => {
		if (!request || running.current.has(request.id)) {
			return;
		}

		const controller = new AbortController();
		running.current.set(request.id, controller);
		const hosts = new Set(request.targets.map(target => target.host));
		void runBulk(request, {
			clientFor: host => clients.get(host),
			ratePerSecond,
			clock,
			signal: controller.signal,
			onItem(report) {
				dispatch({type: 'bulkItem', id: request.id, ...report});
			},
		}).then(({stopped}) => {
			dispatch({type: 'bulkFinished', id: request.id, stopped});
			for (const host of hosts) {
				poller.refreshNow(host);
			}
		});
	}, [request, clients, poller, dispatch, ratePerSecond, clock]);

	const stopId = triage.bulk?.stopRequested ? triage.bulk.id : undefined;
	useEffect(() => {
		if (stopId !== undefined) {
			running.current.get(stopId)?.abort();
		}
	}, [stopId]);

	useEffect(() => () => {
		for (const controller of running.current.values()) {
			controller.abort();
		}
	}, []);
}

/**
OSC 52 sets the terminal's clipboard, also over SSH. Inside tmux it is sent a second time
wrapped in tmux's DCS passthrough, since tmux's default `set-clipboard external` drops an
application's own OSC 52 (the wrapped copy needs `allow-passthrough on`, tmux 3.3+).
*/
export function osc52Sequence(text: string, isTmux: boolean): string {
	const payload = Buffer.from(text, 'utf8').toString('base64');
	const plain = `\u{1B}]52;c;${payload}\u{7}`;
	return isTmux ? plain + `\u{1B}Ptmux;\u{1B}${plain}\u{1B}\\` : plain;
}

export function useClipboard(clipboard: TriageState['clipboard'], isTmux = process.env['TMUX'] !== undefined): void {
	const {stdout} = useStdout();
	const sent = useRef(0);
	useEffect(() => {
		if (!clipboard || clipboard.seq === sent.current) {
			return;
		}

		sent.current = clipboard.seq;
		// Straight to the terminal, not through Ink: the sequence draws nothing and moves no cursor.
		stdout.write(osc52Sequence(clipboard.text, isTmux));
	}, [clipboard, stdout, isTmux]);
}

/**
←/→ in a replay: the replay poller steps one poll back or forward.
*/
export function useReplayStep(poller: Poller, replay: TriageState['replay']): void {
	const sent = useRef(0);
	useEffect(() => {
		if (!replay || replay.seq === sent.current) {
			return;
		}

		sent.current = replay.seq;
		poller.step?.(replay.delta);
	}, [poller, replay]);
}
