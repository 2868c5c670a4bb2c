import type {RecordedFrame} from '../../source/output/recording.js';
import {createReplayPoller} from '../../source/output/replay.js';
import type {SessionsSnapshot} from '../../source/model/types.js';
import type {Poller} from '../../source/poller/types.js';

/**
A replay of `frames` on a clock the test runs by hand: `playAll` starts it and runs its timers
until the recording ends; `played` holds every snapshot it sent.
*/
export function manualReplay(frames: readonly RecordedFrame[]): {poller: Poller; played: SessionsSnapshot[]; pendingTimers: () => number; playAll: () => void} {
	const played: SessionsSnapshot[] = [];
	const timers: Array<() => void> = [];
	const poller = createReplayPoller(frames, {
		sessions(snapshot) {
			played.push(snapshot);
		},
		counters() {
			// Replays carry no counters.
		},
		status() {
			// Not under test here.
		},
	}, {
		now: () => 0,
		setTimeout(callback) {
			timers.push(callback);
			return timers.length;
		},
		clearTimeout() {
			// Timers run only when the test pops them.
		},
	});
	return {
		poller,
		played,
		pendingTimers: () => timers.length,
		playAll() {
			poller.start();
			while (timers.length > 0) {
				timers.shift()!();
			}
		},
	};
}
