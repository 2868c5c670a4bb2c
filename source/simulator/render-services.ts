import {captured, captureOf} from './data/captures.js';
import services24 from './data/captured/services-2.4.19.json' with {type: 'json'};
import {serverDate, type ResourceContext} from './render-resources.js';
import {backendServers, readConnService, rwSplitService} from './session-factory.js';
import {real} from './json-output.js';
import {slash} from './types.js';
import {relationship} from './render-session.js';
import type {Json} from './http-types.js';

type ServiceDefinition = {
	id: string;
	router: 'readwritesplit' | 'readconnroute';
	listener: string;
	listenerPort: number;
	filters: string[];
};

export const serviceDefinitions: readonly ServiceDefinition[] = [
	{
		id: readConnService, router: 'readconnroute', listener: 'Read-Connection-Listener', listenerPort: 4008, filters: ['my-log-filter'],
	},
	{
		id: rwSplitService, router: 'readwritesplit', listener: 'RW-Split-Listener', listenerPort: 4006, filters: [],
	},
];

export function listener(definition: ServiceDefinition, context: ResourceContext): Json {
	const {root, version} = context;
	const parameters = captured(captureOf(version).listeners, definition.listener);
	parameters['port'] = definition.listenerPort;
	parameters['service'] = definition.id;
	return {
		attributes: {parameters, source: {file: '/etc/maxscale.cnf', type: 'static'}, state: 'Running'},
		id: definition.listener,
		relationships: {services: relationship(root, `listeners/${definition.listener}`, 'services', [definition.id])},
		type: 'listeners',
	};
}

function diagnostics(definition: ServiceDefinition, context: ResourceContext, queries: number, sessions: number): Json {
	const isModern = context.version === '24.02';
	const averageName = definition.router === 'readwritesplit' ? 'avg_selects_per_session' : 'avg_queries_per_session';
	const perServer = backendServers.map(id => {
		const share = id === 'server1' ? Math.ceil(queries / 2) : Math.floor(queries / 4);
		return {
			[averageName]: sessions > 0 ? Math.round(share / sessions) : 0, ...(isModern && {avg_sess_active_pct: real(0.5)}), avg_sess_duration: '3.04723s', id, read: share, total: share, write: 0,
		};
	});
	if (definition.router === 'readconnroute') {
		return {queries, server_query_statistics: perServer};
	}

	return {
		...(!isModern && {avg_sescmd_history_length: 0, max_sescmd_history_length: 0}),
		queries,
		replayed_transactions: 0,
		ro_transactions: 0,
		route_all: 0,
		route_master: Math.floor(queries / 10),
		route_slave: queries - Math.floor(queries / 10),
		rw_transactions: 0,
		server_query_statistics: perServer,
		trx_max_size_exceeded: 0,
	};
}

function statistics(context: ResourceContext, id: string, connections: number): Json {
	const counters = context.world.services.get(id);
	const isModern = context.version === '24.02';
	return {
		active_operations: 0,
		...(isModern && {avg_sescmd_history_length: real(0), avg_session_lifetime: real(counters?.avgLifetimeSeconds ?? 0)}),
		connections,
		failed_auths: 0,
		max_connections: Math.max(counters?.maxConnections ?? 0, connections),
		...(isModern && {max_sescmd_history_length: 0, max_session_lifetime: counters?.maxLifetimeSeconds ?? 0}),
		routed_packets: counters?.routedPackets ?? 0,
		total_connections: counters?.totalConnections ?? 0,
	};
}

const service24 = services24.data[0]!;
// Every 2.4 service has the common parameters, up to `cluster`, before its router's own.
const parameters24 = Object.entries(service24.attributes.parameters);
const commonParameters24 = Object.fromEntries(parameters24.slice(0, parameters24.findIndex(([key]) => key === 'cluster') + 1));

/**
2.4.19's service, in its key order: listeners inline without links, only a `servers` relationship,
no `users`. The captures hold one readwritesplit service; readconnroute's parts are a guess from
the same generation (common service parameters, `router_options`, three counters).
*/
function renderService24(definition: ServiceDefinition, context: ResourceContext, connections: number): Json {
	const {root, world} = context;
	const counters = world.services.get(definition.id);
	const queries = counters?.routedPackets ?? 0;
	const total = counters?.totalConnections ?? 0;
	const isRwSplit = definition.router === 'readwritesplit';
	const routerDiagnostics: Json = {
		connections: total,
		current_connections: connections,
		queries,
		...(isRwSplit && {
			route_master: Math.floor(queries / 10),
			route_slave: queries - Math.floor(queries / 10),
			route_all: 0,
			rw_transactions: 0,
			ro_transactions: 0,
			replayed_transactions: 0,
			server_query_statistics: backendServers.map(id => {
				const share = id === 'server1' ? Math.ceil(queries / 2) : Math.floor(queries / 4);
				return {
					id, total: share, read: share, write: 0, avg_sess_duration: '2.54799ms', avg_sess_active_pct: real(7.5), avg_selects_per_session: connections > 0 ? Math.round(share / connections) : 0,
				};
			}),
		}),
	};
	const ownListener = structuredClone(service24.attributes.listeners[0]!);
	ownListener.id = definition.listener;
	ownListener.attributes.parameters.port = definition.listenerPort;
	const relationships: Json = {
		servers: {links: {self: `${root}/servers/`}, data: backendServers.map(id => ({id, type: 'servers'}))},
		...(definition.filters.length > 0 && {filters: {links: {self: `${root}/filters/`}, data: definition.filters.map(id => ({id, type: 'filters'}))}}),
	};
	return {
		id: definition.id,
		type: 'services',
		attributes: {
			router: definition.router,
			state: 'Started',
			router_diagnostics: routerDiagnostics,
			started: serverDate(context.version, world.startedMs),
			total_connections: total,
			connections,
			parameters: structuredClone(isRwSplit ? service24.attributes.parameters : commonParameters24),
			listeners: [ownListener],
		},
		relationships,
		links: {self: `${root}/services/${definition.id}`},
	};
}

export function renderService(definition: ServiceDefinition, context: ResourceContext, connections: number): Json {
	const {root, version, world} = context;
	if (version === '2.4') {
		return renderService24(definition, context, connections);
	}

	const end = slash(version);
	const {services} = captureOf(version);
	const counters = world.services.get(definition.id);
	const is22 = version === '2.2';
	const attributes: Json = {
		connections,
		listeners: [listener(definition, context)],
		parameters: captured(services, definition.id),
		router: definition.router,
		router_diagnostics: diagnostics(definition, context, counters?.routedPackets ?? 0, connections),
		...(!is22 && {source: {file: '/etc/maxscale.cnf', type: 'static'}}),
		started: serverDate(version, world.startedMs),
		state: 'Started',
		// `statistics` arrived in 2.5.0.
		...(!is22 && {statistics: statistics(context, definition.id, connections)}),
		total_connections: counters?.totalConnections ?? 0,
		users: captured(services, definition.id, 'users'),
		users_last_update: serverDate(version, world.startedMs + 1000),
	};
	const from = `services/${definition.id}`;
	const relationships: Json = {
		...(definition.filters.length > 0 && {filters: relationship(root, from, 'filters', definition.filters, end)}),
		listeners: relationship(root, from, 'listeners', [definition.listener], end),
		servers: relationship(root, from, 'servers', backendServers, end),
	};
	return {
		attributes, id: definition.id, links: {self: `${root}/services/${definition.id}${end}`}, relationships, type: 'services',
	};
}

/** Started sessions now open per service (handshakes are not counted, as in 2.5+). */
export function connectionCounts(context: ResourceContext): Map<string, number> {
	const counts = new Map<string, number>();
	for (const session of context.world.sessions.values()) {
		if (session.user !== undefined) {
			counts.set(session.service, (counts.get(session.service) ?? 0) + 1);
		}
	}

	return counts;
}
