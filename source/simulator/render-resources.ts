import {
	cacheFilterParameters,
	cacheThreadDiagnostics,
	qlaFilterParameters2402,
	qlaFilterParametersNewIn2302,
} from './data/filter-data.js';
import {
	maxscaleParameters2402,
	maxscaleParametersNewIn2302,
	maxscaleParametersOnly2208,
	maxscaleSystem,
} from './data/maxscale-parameters.js';
import {maxscaleParameters24} from './data/legacy-24.js';
import {asctime, httpDate} from './dates.js';
import {real} from './json-output.js';
import type {RenderContext} from './render-session.js';
import {
	isLegacy,
	isSince2208,
	slash,
	type SimulatorVersion,
} from './types.js';
import type {World} from './world.js';

type Json = Record<string, unknown>;

export const versionText: Record<SimulatorVersion, string> = {
	2.2: '2.2.21',
	2.4: '2.4.19',
	// 6.4.10: has `port`, `parameters` and pagination, but not yet `client.connection_attributes` (6.4.11).
	6: '6.4.10',
	22.08: '22.08.14',
	24.02: '24.02.3',
};

const commits: Record<SimulatorVersion, string> = {
	2.2: 'b7a7a2b8c3f1f1b0f07d2b0d1f2e1a9c4c3b2a10',
	2.4: '3c1f0e2d4b5a69788796a5b4c3d2e1f0a9b8c7d6',
	6: '5b7c1d8e0a4f7f3c2e9b1a6d4c8e2f0a1b3c5d7e',
	22.08: 'ad380e4cbe244c146359c9e44ede1b0057450bfb',
	24.02: 'd77a737db314a3dab3811a1e4b81e20ac2aedbe9',
};

const clone = <T>(value: T): T => structuredClone(value);

export const serverDate = (version: SimulatorVersion, ms: number): string => (version === '24.02' ? httpDate(ms) : asctime(ms));

export type ResourceContext = RenderContext & {world: World; port: number; secureGui: boolean; threads: number};

/**
24.02.3's parameters as 22.08.14 had them: without those new in 23.02, with those it had alone.
*/
export function versioned(base: Json, newIn2302: readonly string[], only2208: Json, isModern: boolean): Json {
	const result = clone(base);
	if (!isModern) {
		for (const key of newIn2302) {
			delete result[key];
		}

		Object.assign(result, clone(only2208));
	}

	return result;
}

function maxscaleParameters(context: ResourceContext): Json {
	const {version} = context;
	const parameters = versioned(maxscaleParameters2402, maxscaleParametersNewIn2302, maxscaleParametersOnly2208, version === '24.02');
	Object.assign(parameters, {
		admin_port: context.port,
		admin_secure_gui: context.secureGui,
		retain_last_statements: 5,
		threads: context.threads,
	});
	if (version === '2.2') {
		const keep = new Set(['admin_auth', 'admin_host', 'admin_port', 'admin_ssl_ca_cert', 'admin_ssl_cert', 'admin_ssl_key', 'datadir', 'libdir', 'logdir', 'log_info', 'log_notice', 'log_warning', 'passive', 'query_classifier', 'threads']);
		return Object.fromEntries(Object.entries(parameters).filter(([key]) => keep.has(key)));
	}

	return parameters;
}

/**
2.4.19's `/v1/maxscale`, in its key order: no `config_sync` and no `system` yet.
*/
function renderMaxscale24(context: ResourceContext): Json {
	const {world} = context;
	const started = httpDate(world.startedMs);
	const parameters: Json = {...clone(maxscaleParameters24), admin_port: context.port, threads: context.threads};
	const attributes: Json = {
		parameters,
		version: versionText['2.4'],
		commit: commits['2.4'],
		started_at: started,
		activated_at: started,
		uptime: Math.floor((context.nowMs - world.startedMs) / 1000),
		process_datadir: '/var/lib/maxscale/data4242',
	};
	return {links: {self: `${context.root}/maxscale/`}, data: {attributes, id: 'maxscale', type: 'maxscale'}};
}

export function renderMaxscale(context: ResourceContext): Json {
	const {world, version} = context;
	if (version === '2.4') {
		return renderMaxscale24(context);
	}

	const started = httpDate(world.startedMs);
	const attributes: Json = {activated_at: started};
	if (version !== '2.2') {
		attributes['commit'] = commits[version];
		attributes['config_sync'] = null;
	}

	attributes['parameters'] = maxscaleParameters(context);
	if (version !== '2.2') {
		attributes['process_datadir'] = '/var/lib/maxscale/data4242';
	}

	attributes['started_at'] = started;
	if (version !== '2.2') {
		const system = clone(maxscaleSystem) as {maxscale: Json; machine: Json};
		system.maxscale['threads'] = context.threads;
		system.machine['cores_virtual'] = real(Number(system.machine['cores_virtual']));
		attributes['system'] = system;
	}

	attributes['uptime'] = Math.floor((context.nowMs - world.startedMs) / 1000);
	attributes['version'] = versionText[version];
	return {data: {attributes, id: 'maxscale', type: 'maxscale'}, links: {self: `${context.root}/maxscale/`}};
}

/**
2.4.19's per-worker statistics, in its key order: no per-thread `sessions` or `memory` yet, and a
link without the trailing slash.
*/
function workerStats24(context: ResourceContext, index: number, sessions: number, backends: number): Json {
	const counters = context.world.workers[index]!;
	const base = 40 + (index * 7);
	const qcSize = 51 + (index * 27);
	const load = Math.min(100, Math.round((sessions / 400) + (context.world.churnPerSecond / 4)));
	const stats: Json = {
		reads: base + counters.reads + (counters.accepts * 4),
		writes: base + counters.writes + (counters.accepts * 3),
		errors: 0,
		hangups: counters.hangups,
		accepts: counters.accepts,
		avg_event_queue_length: 1,
		max_event_queue_length: Math.min(64, 1 + Math.ceil(sessions / 100)),
		max_exec_time: 1,
		max_queue_time: 0,
		current_descriptors: 2 + sessions + backends,
		total_descriptors: 4 + counters.accepts + backends,
		load: {last_second: load, last_minute: load, last_hour: Math.max(0, load - 1)},
		query_classifier_cache: {
			size: qcSize, inserts: 3 + index, hits: base + 15, misses: 3 + index, evictions: 0,
		},
	};
	return {
		id: String(index), type: 'threads', attributes: {stats}, links: {self: `${context.root.replace(/\/v1$/, '')}/v1/threads/${index}`},
	};
}

function workerStats(context: ResourceContext, index: number, sessions: number, memory: number, backends: number): Json {
	const {version, world} = context;
	if (version === '2.4') {
		return workerStats24(context, index, sessions, backends);
	}

	const counters = world.workers[index]!;
	const base = 40 + (index * 7);
	const stats: Json = {accepts: counters.accepts};
	if (version !== '2.2') {
		stats['avg_event_queue_length'] = 1;
	}

	if (version === '2.2') {
		stats['blocking_polls'] = 0;
	}

	if (version !== '2.2') {
		stats['current_descriptors'] = 2 + sessions + backends;
	}

	stats['errors'] = 0;
	if (version === '2.2') {
		stats['event_queue_length'] = 1;
	}

	stats['hangups'] = counters.hangups;
	if (version === '24.02') {
		stats['listening'] = true;
	}

	if (version !== '2.2') {
		const load = Math.min(100, Math.round((sessions / 400) + (world.churnPerSecond / 4)));
		stats['load'] = {last_hour: Math.max(0, load - 1), last_minute: load, last_second: load};
	}

	stats['max_event_queue_length'] = Math.min(64, 1 + Math.ceil(sessions / 100));
	// 24.02.0 stopped measuring event times: both stay 0 there.
	stats['max_exec_time'] = version === '24.02' ? 0 : 1;
	stats['max_queue_time'] = 0;
	const qcSize = 2332 + (index * 472);
	if (isSince2208(version)) {
		stats['memory'] = {
			query_classifier: qcSize, sessions: memory, total: qcSize + memory, zombies: 0,
		};
	}

	if (version !== '2.2') {
		stats['query_classifier_cache'] = {
			evictions: 0, hits: base * 40, inserts: 4 + index, misses: 6 + index, size: qcSize,
		};
	}

	stats['reads'] = base + counters.reads + (counters.accepts * 4);
	if (isSince2208(version)) {
		stats['sessions'] = sessions;
	}

	if (version === '24.02') {
		stats['state'] = 'Active';
	}

	if (version !== '2.2') {
		stats['total_descriptors'] = 4 + counters.accepts + backends;
	}

	stats['writes'] = base + counters.writes + (counters.accepts * 3);
	if (isSince2208(version)) {
		stats['zombies'] = 0;
	}

	return {
		attributes: {stats}, id: String(index), links: {self: `${context.root.replace(/\/v1$/, '')}/v1/threads/${index}/`}, type: 'threads',
	};
}

/**
Per-worker objects; 22.08.2+ walks each worker's sessions to sum memory (so does this).
*/
export function renderThreads(context: ResourceContext): Json[] {
	const sessions = Array.from({length: context.threads}, () => 0);
	const memory = Array.from({length: context.threads}, () => 0);
	const backends = Array.from({length: context.threads}, () => 0);
	for (const session of context.world.sessions.values()) {
		const index = ((session.thread % context.threads) + context.threads) % context.threads;
		sessions[index]!++;
		memory[index]! += session.memoryBytes;
		backends[index]! += session.servers.length;
	}

	return sessions.map((count, index) => workerStats(context, index, count, memory[index]!, backends[index]!));
}

export function renderFilters(context: ResourceContext): Json[] {
	const {root, version} = context;
	const end = slash(version);
	const qla = versioned(qlaFilterParameters2402, qlaFilterParametersNewIn2302, {}, version === '24.02');

	const diagnostics: Json = {rules: []};
	for (let index = 0; index < context.threads; index++) {
		// 22.08.14 numbers the cache's per-thread entries from 1, 24.02.3 from 0.
		diagnostics[`thread-${version === '24.02' ? index : index + 1}`] = clone(cacheThreadDiagnostics);
	}

	const filter = (id: string, module: string, parameters: Json, filterDiagnostics: unknown, services: string[]): Json => {
		// 2.4.19's captures have no filters: 2.4 follows 2.2.
		const attributes: Json = isLegacy(version)
			? {module, parameters}
			: {
				filter_diagnostics: filterDiagnostics, module, parameters, source: {file: '/etc/maxscale.cnf', type: 'static'},
			};
		const relationships: Json = services.length > 0
			? {services: {data: services.map(service => ({id: service, type: 'services'})), links: {related: `${root}/services/`, self: `${root}/filters/${id}/relationships/services${end}`}}}
			: {};
		return {
			attributes, id, links: {self: `${root}/filters/${id}${end}`}, relationships, type: 'filters',
		};
	};

	return [
		filter('my-log-filter', 'qlafilter', qla, null, ['Read-Connection-Router']),
		filter('my-cache-filter', 'cache', clone(cacheFilterParameters), diagnostics, []),
	];
}

export const filterNames = ['my-log-filter', 'my-cache-filter'] as const;

export function renderUsers(context: ResourceContext, users: ReadonlyArray<{name: string; account: string; lastLoginMs?: number}>): Json[] {
	const {root, version, world} = context;
	const end = slash(version);
	return users.map(user => ({
		attributes: {
			account: user.account,
			created: httpDate(world.startedMs),
			last_login: user.lastLoginMs === undefined ? null : httpDate(user.lastLoginMs),
			last_update: null,
			name: user.name,
		},
		id: user.name,
		links: {self: `${root}/users/inet/${user.name}${end}`},
		type: 'inet',
	}));
}
