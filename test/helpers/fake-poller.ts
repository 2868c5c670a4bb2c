import type {Session} from '../../source/model/session.js';
import type {Poller, PollerListener} from '../../source/poller/types.js';
import type {HostStatus} from '../../source/model/types.js';

export type FakePoller = {
	/**
	Pass as `createPoller`.
	*/
	create: (listener: PollerListener) => Poller;
	readonly listener: PollerListener;
	calls: {
		start: number;
		stop: number;
		paused: boolean[];
		intervals: number[];
		refreshNow: Array<string | undefined>;
		watch: Array<{host: string; id: string; rdns?: boolean} | undefined>;
	};
	pushSessions(sessions: Session[], host?: string, atMs?: number): void;
	pushStatus(status: Partial<HostStatus> & {host?: string}): void;
	pushDetail(host: string, id: string, session: Session | undefined, error?: string): void;
};

export function createFakePoller(defaultHost = '127.0.0.1:8989'): FakePoller {
	let current: PollerListener | undefined;
	const calls: FakePoller['calls'] = {
		start: 0, stop: 0, paused: [], intervals: [], refreshNow: [], watch: [],
	};
	const fake: FakePoller = {
		create(listener) {
			current = listener;
			return {
				start() {
					calls.start++;
				},
				stop() {
					calls.stop++;
				},
				setPaused(paused) {
					calls.paused.push(paused);
				},
				setRequestedInterval(ms) {
					calls.intervals.push(ms);
				},
				refreshNow(host) {
					calls.refreshNow.push(host);
				},
				watchSession(target) {
					calls.watch.push(target);
				},
			};
		},
		get listener() {
			if (!current) {
				throw new Error('the app has not created its poller yet');
			}

			return current;
		},
		calls,
		pushSessions(sessions, host = defaultHost, atMs = 0) {
			fake.listener.sessions({host, atMs, sessions});
		},
		pushStatus(status) {
			fake.listener.status({
				host: defaultHost, state: 'ok', effectiveIntervalMs: 1000, ...status,
			});
		},
		pushDetail(host, id, session, error) {
			fake.listener.detail?.(host, id, session, error);
		},
	};
	return fake;
}
