import {ApiError} from '../api/errors.js';
import type {MaxScaleClient} from '../api/types.js';
import {realClock} from '../poller/real-clock.js';
import type {Poller, PollerClock, PollerListener} from '../poller/types.js';
import {groupPolls, type RecordedFrame} from './recording.js';

/** Longest pause between two recorded polls; a recording left running overnight should not stall the replay. */
export const maxReplayGapMs = 10_000;

/** Plays a recording at its recorded pace; the last poll stays on screen, and nothing is ever sent anywhere. */
export function createReplayPoller(frames: readonly RecordedFrame[], listener: PollerListener, clock: PollerClock = realClock): Poller {
	const polls = groupPolls(frames);
	const hosts = [...new Set(frames.map(frame => frame.host))];
	let next = 0;
	let timer: unknown;
	let isPaused = false;
	let isStopped = true;
	let watched: {host: string; id: string} | undefined;
	const latest = new Map<string, RecordedFrame>();

	const emit = () => {
		timer = undefined;
		const poll = polls[next];
		if (!poll || isStopped) {
			return;
		}

		for (const frame of poll) {
			latest.set(frame.host, frame);
			const sessions = frame.sessions.map(session => session.host === frame.host ? session : {...session, host: frame.host});
			listener.sessions({host: frame.host, atMs: Date.parse(frame.ts), sessions});
			listener.status({
				host: frame.host, state: 'ok', versionText: 'replay', lastSuccessMs: Date.parse(frame.ts), effectiveIntervalMs: gap(next), readOnly: true,
			});
		}

		sendDetail();
		next++;
		schedule();
	};

	const gap = (index: number) => {
		const current = polls[index]?.[0];
		const following = polls[index + 1]?.[0];
		return !current || !following ? maxReplayGapMs : Math.min(maxReplayGapMs, Math.max(0, Date.parse(following.ts) - Date.parse(current.ts)));
	};

	const cancel = () => {
		clock.clearTimeout(timer);
		timer = undefined;
	};

	const schedule = () => {
		if (!isStopped && !isPaused && timer === undefined && next < polls.length) {
			timer = clock.setTimeout(emit, next === 0 ? 0 : gap(next - 1));
		}
	};

	const sendDetail = () => {
		if (!watched || !listener.detail) {
			return;
		}

		const session = latest.get(watched.host)?.sessions.find(candidate => candidate.id === watched!.id);
		listener.detail(watched.host, watched.id, session, session ? undefined : 'not in the recording any more');
	};

	return {
		start() {
			isStopped = false;
			for (const host of hosts) {
				listener.status({
					host, state: 'connecting', effectiveIntervalMs: gap(0), readOnly: true,
				});
			}

			schedule();
		},
		stop() {
			isStopped = true;
			cancel();
		},
		setPaused(value) {
			isPaused = value;
			if (isPaused) {
				cancel();
			}

			schedule();
		},
		setRequestedInterval() {
			// The recording's own pace is the point of a replay.
		},
		refreshNow() {
			// Nothing to refresh: the recording is all there is.
		},
		watchSession(target) {
			watched = target ? {host: target.host, id: target.id} : undefined;
			sendDetail();
		},
		step(delta) {
			// Stepping takes over from the recorded pace: the operator is reading one moment.
			isPaused = true;
			cancel();

			const target = Math.max(0, Math.min(next - 1 + delta, polls.length - 1));
			if (isStopped || polls.length === 0) {
				return;
			}

			next = target;
			emit();
		},
	};
}

/** Every action refuses: a replay has no MaxScale behind it. */
export function createReplayClient(host: string, frames: readonly RecordedFrame[]): MaxScaleClient {
	const refuse = async (): Promise<never> => {
		throw new ApiError('unsupported', 'this is a replay of a recording: there is no MaxScale to act on');
	};

	const latestSessions = () => frames.findLast(frame => frame.host === host)?.sessions ?? [];
	return {
		baseUrl: `replay://${host}`,
		getServerInfo: async () => ({versionText: 'replay'}),
		listSessions: async () => ({sessions: latestSessions(), bytes: 0, durationMs: 0}),
		async getSession(id) {
			const session = latestSessions().find(candidate => candidate.id === id);
			if (!session) {
				throw new ApiError('http', `session ${id} is not in the recording`, {status: 404});
			}

			return session;
		},
		setLogLevels: refuse,
		setFilters: refuse,
		restartSession: refuse,
		restartAllSessions: refuse,
		killSession: refuse,
		getThreads: async () => [],
		getServices: async () => [],
		getFilters: async () => [],
		getAccount: async () => ({user: 'replay', account: 'basic'}),
	};
}
