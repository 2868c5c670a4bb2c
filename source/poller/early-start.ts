import {relayListener, type Poller, type PollerListener} from './types.js';

/**
Starts polling before the UI exists: the first list request and MaxScale's work on it run while
Ink loads and draws its first frame. What the poller reports before the UI starts it is kept, in
order, and handed over when it does: the UI's `createPoller` and `start` keep their usual contract.
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

	// The poller is a plain object of closures: its methods work copied.
	return listener => ({
		...poller,
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
	});
}
