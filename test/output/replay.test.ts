import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {HostStatus, SessionsSnapshot} from '../../source/model/types.js';
import type {PollerClock, PollerListener} from '../../source/poller/types.js';
import type {Session} from '../../source/model/session.js';
import {
	createReplayClient,
	createReplayPoller,
	maxReplayGapMs,
} from '../../source/output/replay.js';
import type {RecordedFrame} from '../../source/output/recording.js';
import {sid} from '../helpers/session-id.js';

function fakeClock() {
	let now = 0;
	let timers: Array<{at: number; callback: () => void; id: number}> = [];
	let nextId = 0;
	const clock: PollerClock = {
		now: () => now,
		setTimeout(callback, ms) {
			const id = nextId++;
			timers.push({at: now + ms, callback, id});
			return id;
		},
		clearTimeout(handle) {
			timers = timers.filter(timer => timer.id !== handle);
		},
	};
	const advance = (ms: number) => {
		const until = now + ms;
		for (;;) {
			timers.sort((a, b) => a.at - b.at);
			const due = timers[0];
			if (!due || due.at > until) {
				break;
			}

			timers.shift();
			now = due.at;
			due.callback();
		}

		now = until;
	};

	return {clock, advance, pending: () => timers.length};
}

const session = (id: string): Session => ({
	id, host: 'x', services: [], servers: [], filters: [],
});
const frames: RecordedFrame[] = [
	{ts: '2026-01-01T00:00:00.000Z', host: 'a:1', sessions: [session('1')]},
	{ts: '2026-01-01T00:00:02.000Z', host: 'a:1', sessions: [session('1'), session('2')]},
	{ts: '2026-01-01T05:00:00.000Z', host: 'a:1', sessions: [session('2')]},
];

function recordingListener() {
	const snapshots: SessionsSnapshot[] = [];
	const statuses: HostStatus[] = [];
	const details: Array<[string, string, Session | undefined]> = [];
	const listener: PollerListener = {
		sessions(snapshot) {
			snapshots.push(snapshot);
		},
		counters() {
			// Replays carry no counters.
		},
		status(status) {
			statuses.push(status);
		},
		detail(host, id, found) {
			details.push([host, id, found]);
		},
	};
	return {
		listener, snapshots, statuses, details,
	};
}

test('plays polls at the recorded pace, long gaps capped, then stops', () => {
	const {clock, advance, pending} = fakeClock();
	const {listener, snapshots, statuses} = recordingListener();
	const poller = createReplayPoller(frames, listener, clock);
	poller.start();
	assert.equal(statuses[0]!.state, 'connecting');
	advance(0);
	assert.deepEqual(snapshots.map(snapshot => snapshot.sessions.length), [1]);
	assert.equal(snapshots[0]!.sessions[0]!.host, 'a:1');
	assert.equal(statuses.at(-1)!.readOnly, true);
	advance(1999);
	assert.equal(snapshots.length, 1);
	advance(1);
	assert.equal(snapshots.length, 2);
	advance(maxReplayGapMs);
	assert.equal(snapshots.length, 3);
	assert.equal(pending(), 0);
	poller.stop();
});

test('pause holds the replay; watchSession reports from the latest poll; stop clears timers', () => {
	const {clock, advance, pending} = fakeClock();
	const {listener, snapshots, details} = recordingListener();
	const poller = createReplayPoller(frames, listener, clock);
	poller.start();
	advance(0);
	poller.setPaused(true);
	advance(60_000);
	assert.equal(snapshots.length, 1);
	poller.watchSession({host: 'a:1', id: sid('1')});
	assert.deepEqual(details.at(-1), ['a:1', '1', session('1')]);
	poller.setPaused(false);
	advance(2000);
	assert.equal(snapshots.length, 2);
	poller.stop();
	assert.equal(pending(), 0);
});

test('the replay client refuses every action', async () => {
	const client = createReplayClient('a:1', frames);
	assert.deepEqual((await client.listSessions()).sessions.map(item => item.id), ['2']);
	await assert.rejects(client.killSession(sid('2')), {kind: 'unsupported'});
	await assert.rejects(client.restartAllSessions(), /replay/v);
	await assert.rejects(client.getSession(sid('99')), {status: 404});
	assert.equal((await client.getAccount()).account, 'basic');
});
