import {captured, captureOf} from './data/captures.js';
import maxscale24 from './data/captured/maxscale-2.4.19.json' with {type: 'json'};
import {asctime, httpDate} from './dates.js';
import {real} from './json-output.js';
import {relationship, type RenderContext} from './render-session.js';
import {
	isLegacy,
	isSince2208,
	slash,
	type SimulatorVersion,
} from './types.js';
import type {World} from './world.js';
import type {Json} from './http-types.js';

export const versionText: Record<SimulatorVersion, string> = {
	2.2: '2.2.21',
	2.4: '2.4.19',
	// 6.4.10: has `port`, `parameters` and pagination, but not yet `client.connection_attributes` (6.4.11).
	6: '6.4.10',
	22.08: '22.08.14',
	24.02: '24.02.3',
};

const commits: Record<Exclude<SimulatorVersion, '2.4'>, string> = {
	2.2: 'b7a7a2b8c3f1f1b0f07d2b0d1f2e1a9c4c3b2a10',
	6: '5b7c1d8e0a4f7f3c2e9b1a6d4c8e2f0a1b3c5d7e',
	22.08: 'ad380e4cbe244c146359c9e44ede1b0057450bfb',
	24.02: 'd77a737db314a3dab3811a1e4b81e20ac2aedbe9',
};

export const serverDate = (version: SimulatorVersion, ms: number): string => (version === '24.02' ? httpDate(ms) : asctime(ms));

export type ResourceContext = RenderContext & {world: World; port: number; secureGui: boolean; threads: number};

function maxscaleParameters(context: ResourceContext): Json {
	const {version} = context;
	const parameters: Json = {
		...structuredClone(captureOf(version).maxscale.attributes.parameters), admin_port: context.port, admin_secure_gui: context.secureGui, retain_last_statements: 5, session_trace: 0, threads: context.threads,
	};
	if (version === '2.2') {
		const keep = new Set(['admin_auth', 'admin_host', 'admin_port', 'admin_ssl_ca_cert', 'admin_ssl_cert', 'admin_ssl_key', 'datadir', 'libdir', 'logdir', 'log_info', 'log_notice', 'log_warning', 'passive', 'query_classifier', 'threads']);
		return Object.fromEntries(Object.entries(parameters).filter(([key]) => keep.has(key)));
	}

	return parameters;
}

export function renderMaxscale(context: ResourceContext): Json {
	const {world, version} = context;
	const started = httpDate(world.startedMs);
	const live = {activated_at: started, started_at: started, uptime: Math.floor((context.nowMs - world.startedMs) / 1000)};
	if (version === '2.4') {
		// 2.4.19's, in its key order: no `config_sync` and no `system` yet.
		const {attributes} = maxscale24.data;
		const parameters = {...structuredClone(attributes.parameters), admin_port: context.port, threads: context.threads};
		return {links: {self: `${context.root}/maxscale/`}, data: {attributes: {...structuredClone(attributes), ...live, parameters}, id: 'maxscale', type: 'maxscale'}};
	}

	const attributes: Json = {
		...structuredClone(captureOf(version).maxscale.attributes), ...live, commit: commits[version], parameters: maxscaleParameters(context), version: versionText[version],
	};
	const system = attributes['system'] as {maxscale: Json; machine: Json};
	system.maxscale['threads'] = context.threads;
	system.machine['cores_virtual'] = real(Number(system.machine['cores_virtual']));
	if (version === '2.2') {
		for (const key of ['commit', 'config_sync', 'process_datadir', 'system']) {
			delete attributes[key];
		}
	}

	return {data: {attributes, id: 'maxscale', type: 'maxscale'}, links: {self: `${context.root}/maxscale/`}};
}

function workerStats(context: ResourceContext, index: number, sessions: number, memory: number, backends: number): Json {
	const {version, world} = context;
	const {accepts, hangups, ...counters} = world.workers[index]!;
	const base = 40 + (index * 7);
	const reads = base + counters.reads + (accepts * 4);
	const writes = base + counters.writes + (accepts * 3);
	const currentDescriptors = 2 + sessions + backends;
	const totalDescriptors = 4 + accepts + backends;
	const maxQueue = Math.min(64, 1 + Math.ceil(sessions / 100));
	const load = Math.min(100, Math.round((sessions / 400) + (world.churnPerSecond / 4)));
	const v1 = `${context.root.replace(/\/v1$/, '')}/v1`;
	if (version === '2.4') {
		// 2.4.19's, in its key order: no per-thread `sessions` or `memory` yet, and a link without the trailing slash.
		const stats: Json = {
			reads,
			writes,
			errors: 0,
			hangups,
			accepts,
			avg_event_queue_length: 1,
			max_event_queue_length: maxQueue,
			max_exec_time: 1,
			max_queue_time: 0,
			current_descriptors: currentDescriptors,
			total_descriptors: totalDescriptors,
			load: {last_second: load, last_minute: load, last_hour: Math.max(0, load - 1)},
			query_classifier_cache: {
				size: 51 + (index * 27), inserts: 3 + index, hits: base + 15, misses: 3 + index, evictions: 0,
			},
		};
		return {
			id: String(index), type: 'threads', attributes: {stats}, links: {self: `${v1}/threads/${index}`},
		};
	}

	const is22 = version === '2.2';
	const isModern = version === '24.02';
	const since2208 = isSince2208(version);
	const qcSize = 2332 + (index * 472);
	const stats: Json = {
		accepts,
		...(is22 ? {blocking_polls: 0} : {avg_event_queue_length: 1, current_descriptors: currentDescriptors}),
		errors: 0,
		...(is22 && {event_queue_length: 1}),
		hangups,
		...(isModern && {listening: true}),
		...(!is22 && {load: {last_hour: Math.max(0, load - 1), last_minute: load, last_second: load}}),
		max_event_queue_length: maxQueue,
		// 24.02.0 stopped measuring event times: both stay 0 there.
		max_exec_time: isModern ? 0 : 1,
		max_queue_time: 0,
		...(since2208 && {
			memory: {
				query_classifier: qcSize, sessions: memory, total: qcSize + memory, zombies: 0,
			},
		}),
		...(!is22 && {
			query_classifier_cache: {
				evictions: 0, hits: base * 40, inserts: 4 + index, misses: 6 + index, size: qcSize,
			},
		}),
		reads,
		...(since2208 && {sessions}),
		...(isModern && {state: 'Active'}),
		...(!is22 && {total_descriptors: totalDescriptors}),
		writes,
		...(since2208 && {zombies: 0}),
	};
	return {
		attributes: {stats}, id: String(index), links: {self: `${v1}/threads/${index}/`}, type: 'threads',
	};
}

/** Per-worker objects; 22.08.2+ walks each worker's sessions to sum memory (so does this). */
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
	const {filters} = captureOf(version);

	const diagnostics: Json = {rules: []};
	for (let index = 0; index < context.threads; index++) {
		// 22.08.14 numbers the cache's per-thread entries from 1, 24.02.3 from 0.
		diagnostics[`thread-${version === '24.02' ? index : index + 1}`] = captured(captureOf('24.02').filters, 'my-cache-filter', 'filter_diagnostics')['thread-0'];
	}

	const filter = (id: string, module: string, parameters: Json, filterDiagnostics: unknown, services: string[]): Json => {
		// 2.4.19's captures have no filters: 2.4 follows 2.2.
		const attributes: Json = isLegacy(version)
			? {module, parameters}
			: {
				filter_diagnostics: filterDiagnostics, module, parameters, source: {file: '/etc/maxscale.cnf', type: 'static'},
			};
		const relationships: Json = services.length > 0 ? {services: relationship(root, `filters/${id}`, 'services', services, end)} : {};
		return {
			attributes, id, links: {self: `${root}/filters/${id}${end}`}, relationships, type: 'filters',
		};
	};

	return [
		filter('my-log-filter', 'qlafilter', captured(filters, 'my-log-filter'), null, ['Read-Connection-Router']),
		filter('my-cache-filter', 'cache', captured(filters, 'my-cache-filter'), diagnostics, []),
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
