import {once} from 'node:events';
import {setImmediate as nextTurn} from 'node:timers/promises';
import type {Config} from '../config/types.js';
import type {SessionsSnapshot} from '../model/types.js';
import {breakdownParts, type Breakdown} from '../metrics/breakdown.js';
import {startEndpoint} from '../metrics/endpoint.js';
import {
	createHostView,
	withCounters,
	withSessions,
	withStatus,
	type HostView,
} from '../metrics/host-view.js';
import {isLoopback, type MetricsOptions} from '../metrics/options.js';
import {createMetrics} from '../metrics/registry.js';
import {loadWebConfig, type WebConfig} from '../metrics/web-config.js';
import {UsageFailure} from '../lifecycle.js';
import {startDemo} from './demo.js';

/** `maxtop metrics`: the poller, headless, serving Prometheus until SIGINT or SIGTERM; it only reads from MaxScale. */
export async function runMetricsMode(config: Config, options: MetricsOptions): Promise<number> {
	let web: WebConfig = {};
	if (options.webConfigFile !== undefined) {
		try {
			web = await loadWebConfig(options.webConfigFile);
		} catch (error) {
			throw new UsageFailure((error as Error).message);
		}
	}

	const simulator = config.demo ? await startDemo(config) : undefined;
	const views = new Map<string, HostView>(config.hosts.map(({host}) => [host, createHostView(host)]));
	const metrics = createMetrics(() => views.values());
	const update = (host: string, change: (view: HostView) => HostView) => {
		const view = views.get(host);
		if (view) {
			views.set(host, change(view));
		}
	};

	// What the poller reports is taken in order; a list is reduced in parts, each in a turn of its
	// own, so a scrape waits behind one part at most and never sees a list half taken.
	let queue = Promise.resolve();
	const later = (task: () => void | Promise<void>) => {
		queue = queue.then(task).catch((error: unknown) => {
			process.stderr.write(`maxtop: metrics: ${(error as Error).message}\n`);
		});
	};

	const takeList = async (snapshot: SessionsSnapshot) => {
		let breakdown = {};
		for (const part of breakdownParts(snapshot.sessions, options.top)) {
			await nextTurn();
			breakdown = {...breakdown, ...part()};
		}

		await nextTurn();
		update(snapshot.host, view => withSessions(view, snapshot.sessions, snapshot.atMs, {top: options.top, restarted: snapshot.restart !== undefined, breakdown: breakdown as Breakdown}));
		await nextTurn();
		metrics.observeSessions(snapshot.host, snapshot.sessions);
	};

	const {createClient} = await import('../api/client.js');
	const {createPoller} = await import('../poller/index.js');
	const poller = createPoller({
		hosts: config.hosts.map(({host, connection}) => ({host, client: createClient(connection)})),
		requestedIntervalMs: config.intervalSeconds * 1000,
		maxServerShare: config.maxServerShare,
		listener: {
			sessions(snapshot) {
				later(async () => takeList(snapshot));
			},
			counters(snapshot) {
				later(() => {
					update(snapshot.host, view => withCounters(view, snapshot));
				});
			},
			status(status) {
				later(() => {
					update(status.host, view => withStatus(view, status));
					if (status.state !== 'ok') {
						metrics.forgetSessions(status.host);
					}
				});
			},
		},
	});

	let endpoint;
	try {
		endpoint = await startEndpoint({
			listen: options.listen, web, text: metrics.text, openMetrics: metrics.openMetrics, title: `Sessions of ${config.hosts.map(({host}) => host).join(', ')}`,
		});
	} catch (error) {
		await simulator?.close();
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageFailure(`--web.listen-address: ${code === 'EADDRINUSE' ? 'the address is in use' : (error as Error).message}`);
	}

	poller.start();
	const exposure = isLoopback(options.listen.host) ? '' : ' (reachable from other machines)';
	process.stderr.write(`maxtop: serving metrics of ${config.hosts.length} MaxScale${config.hosts.length === 1 ? '' : 's'} at ${endpoint.url}/metrics${exposure}\n`);
	await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
	poller.stop();
	await endpoint.close();
	await simulator?.close();
	return 0;
}
