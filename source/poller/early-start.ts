import {relayListener, type Poller, type PollerListener} from './types.js';

/**
Polls while Ink loads and draws its first frame; what comes before the UI starts the poller is kept
in order and handed over then, so `createPoller` and `start` keep their usual contract.
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
