import {relayListener, type Poller, type PollerListener} from './types.js';

/**
Starts polling before the UI exists. Loading Ink and rendering the first frame cost ~150 ms of
CPU at start-up, and the first list request waited for them; started first, the request and the
server's work run meanwhile. What the poller reports before the UI starts it is kept, in order,
and handed over when it does: the UI's `createPoller` and `start` keep their usual contract.
*/
export function startEarly(create: (listener: PollerListener) => Poller): (listener: PollerListener) => Poller {
	let target: PollerListener | undefined;
	let queued: Array<(listener: PollerListener) => void> = [];
	const forward = (call: (listener: PollerListener) => void) => {
		if (target) {
			call(target);
		} else {
			queued.push(call);
		}
	};

	const poller = create(relayListener(forward));
	poller.start();

	return listener => ({
		setPaused(isPaused) {
			poller.setPaused(isPaused);
		},
		setRequestedInterval(ms) {
			poller.setRequestedInterval(ms);
		},
		refreshNow(host) {
			poller.refreshNow(host);
		},
		watchSession(watched) {
			poller.watchSession(watched);
		},
		start() {
			if (target) {
				return;
			}

			target = listener;
			const calls = queued;
			queued = [];
			for (const call of calls) {
				call(listener);
			}
		},
		stop() {
			poller.stop();
		},
	});
}
