import type {ServiceStats, ThreadStats} from '../model/types.js';
import type {Breakdown} from './breakdown.js';
import type {HostView} from './host-view.js';

export type Sample = {labels: Record<string, string>; value: number};

/** One metric the endpoint serves, and how its samples come from a host's view; the readme's metric table lists the same. */
export type Family = {
	name: string;
	help: string;
	type: 'gauge' | 'counter';
	labelNames: readonly string[];
	samples(view: HostView): Sample[];
	/** Served while the host is down too; the rest only after a good list poll (an exporter whose target fails serves nothing stale). */
	isAlwaysServed?: boolean;
};

export type HistogramFamily = {
	name: string;
	help: string;
	field: 'idleSeconds' | 'ageSeconds';
	buckets: number[];
};

/** One sample a host, none while the value is unknown. */
function perHost(name: string, help: string, type: Family['type'], value: (view: HostView) => number | undefined): Family {
	return {
		name, help, type, labelNames: ['host'], samples(view) {
			const sample = value(view);
			return sample === undefined || !Number.isFinite(sample) ? [] : [{labels: {host: view.host}, value: sample}];
		},
	};
}

function perWorker(name: string, help: string, value: (thread: ThreadStats) => number | undefined): Family {
	return {
		name, help, type: 'gauge', labelNames: ['host', 'worker'],
		samples: view => (view.threads ?? []).flatMap(thread => {
			const sample = value(thread);
			return sample === undefined ? [] : [{labels: {host: view.host, worker: thread.id}, value: sample}];
		}),
	};
}

// MaxScale's own counters, over the services that face clients (a nested service would count a session twice).
function listenerSum(services: readonly ServiceStats[] | undefined, pick: (service: ServiceStats) => number | undefined): number | undefined {
	let sum: number | undefined;
	for (const service of services ?? []) {
		const value = service.hasListeners ? pick(service) : undefined;
		if (value !== undefined) {
			sum = (sum ?? 0) + value;
		}
	}

	return sum;
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

type Dimension = Exclude<keyof Breakdown, 'sessions' | 'byServiceState'>;

function byDimension(dimension: Dimension, label: string, what: string): Family[] {
	return [
		{
			name: `maxscale_${label}_sessions`, help: `Sessions by ${what}; past the top N under "other"`, type: 'gauge', labelNames: ['host', label],
			samples: view => (view.breakdown?.[dimension] ?? []).map(tally => ({labels: {host: view.host, [label]: tally.value}, value: tally.sessions})),
		},
		{
			name: `maxscale_${label}_session_memory_bytes`, help: `Memory of the sessions by ${what} (22.08+)`, type: 'gauge', labelNames: ['host', label],
			samples: view => (view.breakdown?.[dimension] ?? []).map(tally => ({labels: {host: view.host, [label]: tally.value}, value: tally.memoryBytes})),
		},
	];
}

export const families: readonly Family[] = [
	{...perHost('maxscale_up', 'Whether the last session list poll succeeded', 'gauge', view => (view.status?.state === 'ok' ? 1 : 0)), isAlwaysServed: true},
	{
		name: 'maxscale_info', help: 'MaxScale\'s version, as a label', type: 'gauge', labelNames: ['host', 'version'], isAlwaysServed: true,
		samples: view => view.status?.versionText === undefined ? [] : [{labels: {host: view.host, version: view.status.versionText}, value: 1}],
	},
	perHost('maxscale_start_time_seconds', 'When MaxScale started, Unix time', 'gauge', view => seconds(view.status?.startedMs)),
	{
		name: 'maxscale_sessions', help: 'Sessions by service and state', type: 'gauge', labelNames: ['host', 'service', 'state'],
		samples: view => (view.breakdown?.byServiceState ?? []).map(tally => {
			const [service, state] = tally.value.split('\u{0}', 2);
			return {labels: {host: view.host, service: service!, state: state!}, value: tally.sessions};
		}),
	},
	...byDimension('user', 'user', 'user'),
	...byDimension('app', 'app', 'application (program_name, else the connector\'s name)'),
	...byDimension('network', 'client_network', 'client /24 (IPv4) or /64 (IPv6) network'),
	...byDimension('server', 'server', 'backend server'),
	perHost('maxscale_sessions_opened_total', 'Sessions that started (total_connections of the services with listeners)', 'counter', view => listenerSum(view.services, service => service.totalConnections)),
	perHost('maxscale_sessions_closed_total', 'Sessions that ended (total_connections minus connections)', 'counter', view => listenerSum(view.services, service => service.totalConnections === undefined || service.connections === undefined ? undefined : Math.max(0, service.totalConnections - service.connections))),
	{
		name: 'maxscale_app_sessions_opened_total', help: 'Sessions the list polls saw open, by application, since maxtop started; an app keeps its label once it has one, past the top N under "other"', type: 'counter', labelNames: ['host', 'app'],
		samples: view => [...view.appOpens].map(([app, value]) => ({labels: {host: view.host, app}, value})),
	},
	perHost('maxscale_sessions_unseen_total', 'Sessions too brief to show in any list poll, counted since maxtop started', 'counter', view => view.unseenTotal),
	perHost('maxscale_failed_logins_total', 'Failed logins (failed_auths, 6.2+)', 'counter', view => listenerSum(view.services, service => service.failedAuths)),
	perHost('maxscale_list_poll_duration_seconds', 'How long the last session list poll took MaxScale', 'gauge', view => seconds(view.status?.lastListDurationMs)),
	perHost('maxscale_list_poll_interval_seconds', 'The list poll interval in use, stretched to keep MaxScale\'s share low', 'gauge', view => seconds(view.status?.effectiveIntervalMs)),
	perWorker('maxscale_worker_load_ratio', 'Routing worker load over the last second, 0-1', thread => (thread.loadLastSecond === undefined ? undefined : thread.loadLastSecond / 100)),
	perWorker('maxscale_worker_sessions', 'Sessions on each routing worker, handshakes included (22.08.2+)', thread => thread.sessions),
];

const minute = 60;
const hour = 3600;

export const histograms: readonly HistogramFamily[] = [
	{
		name: 'maxscale_session_idle_seconds', help: 'Idle time of the sessions in the last list', field: 'idleSeconds', buckets: [1, 10, minute, 5 * minute, 30 * minute, hour, 6 * hour, 24 * hour],
	},
	{
		name: 'maxscale_session_age_seconds', help: 'Age of the sessions in the last list', field: 'ageSeconds', buckets: [10, minute, 10 * minute, hour, 6 * hour, 24 * hour, 7 * 24 * hour],
	},
];

export function isServed(family: Family, view: HostView): boolean {
	return family.isAlwaysServed === true || view.status?.state === 'ok';
}
