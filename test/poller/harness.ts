import {createPoller} from '../../source/poller/create-poller.js';
import type {Poller, PollerListener} from '../../source/poller/types.js';
import type {Session} from '../../source/model/session.js';
import type {CountersSnapshot, HostStatus, SessionsSnapshot} from '../../source/model/types.js';
import {FakeClient, type Method} from './fake-client.js';
import {FakeClock} from './fake-clock.js';

export type DetailEvent = {host: string; id: string; session?: Session; error?: string; atMs: number};

export type Recorder = {
	listener: PollerListener;
	sessions: SessionsSnapshot[];
	counters: CountersSnapshot[];
	statuses: HostStatus[];
	details: DetailEvent[];
	/**
	Every callback, in order, for "nothing after stop" checks.
	*/
	total(): number;
	lastStatus(host: string): HostStatus | undefined;
	sessionsOf(host: string): SessionsSnapshot[];
};

export function record(clock: FakeClock): Recorder {
	const sessions: SessionsSnapshot[] = [];
	const counters: CountersSnapshot[] = [];
	const statuses: HostStatus[] = [];
	const details: DetailEvent[] = [];
	return {
		sessions,
		counters,
		statuses,
		details,
		listener: {
			sessions(snapshot) {
				sessions.push(snapshot);
			},
			counters(snapshot) {
				counters.push(snapshot);
			},
			status(status) {
				statuses.push(status);
			},
			detail(host, id, session, error) {
				details.push({
					host, id, session, error, atMs: clock.now(),
				});
			},
		},
		total: () => sessions.length + counters.length + statuses.length + details.length,
		lastStatus: host => statuses.findLast(status => status.host === host),
		sessionsOf: host => sessions.filter(snapshot => snapshot.host === host),
	};
}

export type Setup = {clock: FakeClock; poller: Poller; recorder: Recorder; clients: FakeClient[]; client: FakeClient};

/**
One poller over `hostCount` fake hosts named a, b, c…, not started.
*/
export function setup(options: {hostCount?: number; requestedIntervalMs?: number; maxServerShare?: number; fields?: readonly string[]} = {}): Setup {
	const clock = new FakeClock();
	const recorder = record(clock);
	const clients = Array.from({length: options.hostCount ?? 1}, () => new FakeClient(clock));
	const poller = createPoller({
		hosts: clients.map((client, index) => ({host: String.fromCodePoint(97 + index), client})),
		requestedIntervalMs: options.requestedIntervalMs ?? 2000,
		maxServerShare: options.maxServerShare,
		fields: options.fields,
		listener: recorder.listener,
		clock,
	});
	return {
		clock, poller, recorder, clients, client: clients[0]!,
	};
}

/**
Gaps between the starts of one method's calls, ms, skipping the first `skip` calls.
*/
export function startGaps(client: FakeClient, method: Method, skip = 0): number[] {
	return gaps(client.callsOf(method).slice(skip).map(call => call.startMs));
}

/**
Differences between consecutive numbers.
*/
export function gaps(values: number[]): number[] {
	return values.slice(1).map((value, index) => value - values[index]!);
}
