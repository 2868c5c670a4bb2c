import {normalizeShare} from '../model/pacing.js';
import {detailWatch} from './detail-watch.js';
import {HostPoller} from './host-poller.js';
import type {PacedLoop} from './paced-loop.js';
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
	let watch: {key: string; loop: PacedLoop} | undefined;

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
			watch?.loop.stop();
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
			const key = target && `${target.host} ${target.id} ${target.rdns ?? false}`;
			if (isStopped || key === watch?.key) {
				return;
			}

			watch?.loop.stop();
			const index = options.hosts.findIndex(each => each.host === target?.host);
			watch = target && key && index !== -1
				? {
					key,
					loop: detailWatch({
						...target, rdns: target.rdns ?? false, client: options.hosts[index]!.client, clock, listener, maxServerShare, gate: hosts[index]!,
					}),
				}
				: undefined;
			watch?.loop.start();
		},
	};
}
