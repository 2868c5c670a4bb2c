import {normalizeShare} from '../model/pacing.js';
import {DetailWatch} from './detail-watch.js';
import {HostPoller} from './host-poller.js';
import {realClock} from './real-clock.js';
import {relayListener, type Poller, type PollerOptions} from './types.js';

/**
Polls every MaxScale on its own, so a slow or dead host never delays the others. Errors become
host status, never exceptions. Pausing stops the list and counters; the detail watch goes on.
*/
export function createPoller(options: PollerOptions): Poller {
	const clock = options.clock ?? realClock;
	const maxServerShare = normalizeShare(options.maxServerShare);
	let isStopped = false;
	let isStarted = false;

	// Once stopped, nothing reaches the UI, even from a request that was already answered.
	const listener = relayListener(call => {
		if (!isStopped) {
			call(options.listener);
		}
	});

	const hosts = options.hosts.map(({host, client}) => new HostPoller({
		host,
		client,
		clock,
		listener,
		requestedIntervalMs: options.requestedIntervalMs,
		maxServerShare,
		fields: options.fields,
	}));
	let watch: DetailWatch | undefined;

	return {
		start() {
			if (isStarted || isStopped) {
				return;
			}

			isStarted = true;
			for (const host of hosts) {
				host.start();
			}
		},
		stop() {
			isStopped = true;
			watch?.stop();
			watch = undefined;
			for (const host of hosts) {
				host.stop();
			}
		},
		setPaused(isPaused) {
			for (const host of hosts) {
				host.setPaused(isPaused);
			}
		},
		setRequestedInterval(ms) {
			for (const host of hosts) {
				host.setRequestedInterval(ms);
			}
		},
		refreshNow(host) {
			for (const each of hosts) {
				if (host === undefined || each.host === host) {
					each.refreshNow();
				}
			}
		},
		watchSession(target) {
			if (isStopped) {
				return;
			}

			const isRdns = target?.rdns ?? false;
			if (watch && target?.host === watch.host && watch.id === target.id && watch.rdns === isRdns) {
				return;
			}

			watch?.stop();
			watch = undefined;
			const index = target ? options.hosts.findIndex(each => each.host === target.host) : -1;
			if (!target || index < 0) {
				return;
			}

			watch = new DetailWatch({
				...target,
				rdns: isRdns,
				client: options.hosts[index]!.client,
				clock,
				listener,
				maxServerShare,
				gate: hosts[index]!,
			});
			watch.start();
		},
	};
}
