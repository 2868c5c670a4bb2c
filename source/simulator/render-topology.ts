/*
Servers, listeners, monitors, modules and logs: what `maxctrl list|show servers|listeners|monitors|
modules|commands|logging` read. The objects are the 24.02.3 captures (data/captured/, copied from
test/fixtures/maxscale-24.02.3/), with their links pointed at this simulator and their counts and
relationships made to agree with the simulated services and sessions.
*/
import logData from './data/captured/maxscale-logs-data.json' with {type: 'json'};
import modulesCapture from './data/captured/maxscale-modules-list.json' with {type: 'json'};
import monitorsCapture from './data/captured/monitors.json' with {type: 'json'};
import serverCapture from './data/captured/server-server1.json' with {type: 'json'};
import {captureOf} from './data/captures.js';
import type {ResourceContext} from './render-resources.js';
import {relationship} from './render-session.js';
import {listener, serviceDefinitions} from './render-services.js';
import {backendServers} from './session-factory.js';
import type {Json} from './http-types.js';

const capturedRoot = 'http://127.0.0.1:8989/v1';

/** A deep copy of a captured value with every link rebased from the capture's server to this one. */
function rebased<T>(value: T, root: string): T {
	return JSON.parse(JSON.stringify(value).replaceAll(capturedRoot, () => root)) as T;
}

function renderServer(id: string, index: number, context: ResourceContext): Json {
	const {root, world} = context;
	const server = rebased(serverCapture.data, root) as Json & {attributes: Json & {parameters: Json; statistics: Json}};
	const isPrimary = index === 0;
	const connections = [...world.sessions.values()].filter(session => session.servers.includes(id)).length;
	Object.assign(server.attributes, {
		name: id,
		node_id: index + 1,
		server_id: index + 1,
		state: isPrimary ? 'Master, Running' : 'Slave, Running',
		read_only: !isPrimary,
		master_id: isPrimary ? -1 : 1,
		uptime: Math.floor((context.nowMs - world.startedMs) / 1000) + 600,
	});
	server.attributes.parameters['port'] = 3306 + index;
	server.attributes.parameters['rank'] = 'primary';
	server.attributes.statistics['connections'] = connections;
	server.attributes.statistics['max_connections'] = Math.max(connections, Number(server.attributes.statistics['max_connections']));
	const services = serviceDefinitions.filter(definition => definition.router === 'readwritesplit' || isPrimary).map(definition => definition.id);
	server['id'] = id;
	server['links'] = {self: `${root}/servers/${id}/`};
	server['relationships'] = {
		monitors: relationship(root, `servers/${id}`, 'monitors', ['MariaDB-Monitor']),
		services: relationship(root, `servers/${id}`, 'services', services),
	};
	return server;
}

export function renderServers(context: ResourceContext): Json[] {
	return backendServers.map((id, index) => renderServer(id, index, context));
}

export function renderListeners(context: ResourceContext): Json[] {
	// The captured list names its listeners in this order, whatever the configuration's order.
	const order = captureOf('24.02').listeners.map(item => item.id);
	return serviceDefinitions
		.map(definition => listener(definition, context))
		.sort((a, b) => order.indexOf(String(a['id'])) - order.indexOf(String(b['id'])));
}

export function renderMonitors(context: ResourceContext): Json[] {
	const {root} = context;
	return monitorsCapture.data.map(captured => {
		const monitor = rebased(captured, root) as Json & {attributes: Json & {monitor_diagnostics: Json & {server_info: Json[]}}};
		const template = monitor.attributes.monitor_diagnostics.server_info[0]!;
		monitor.attributes.monitor_diagnostics.server_info = backendServers.map((id, index) => ({
			...template, name: id, server_id: index + 1, read_only: index > 0,
		}));
		monitor['relationships'] = {servers: relationship(root, `monitors/${monitor['id'] as string}`, 'servers', backendServers)};
		return monitor;
	});
}

export function renderModules(context: ResourceContext): Json[] {
	return rebased(modulesCapture.data, context.root);
}

/** `/v1/maxscale/logs/data`: the captured page of log lines (cursor pagination is not simulated). */
export function renderLogData(context: ResourceContext): Json {
	return rebased(logData, context.root);
}

/**
`/v1/maxscale/logs`, the logging settings `maxctrl show logging` prints. The API reference and the
captures are silent on this resource; its attributes are the names maxctrl 24.02 reads
(`log_file`, `log_priorities`, `parameters`), filled from the simulated global parameters.
*/
export function renderLogSettings(context: ResourceContext): Json {
	const names = ['log_debug', 'log_info', 'log_notice', 'log_throttling', 'log_warning', 'maxlog', 'syslog'];
	const global = captureOf('24.02').maxscale.attributes.parameters;
	const parameters: Json = {highprecision: global['ms_timestamp'], ...Object.fromEntries(names.map(name => [name, global[name]]))};
	const priorities = ['alert', 'error', 'warning', 'notice', 'info', 'debug'].filter(level => !['notice', 'info', 'debug', 'warning'].includes(level) || parameters[`log_${level}`] === true);
	return {
		data: {
			attributes: {log_file: '/var/log/maxscale/maxscale.log', log_priorities: priorities, parameters},
			id: 'logs',
			links: {self: `${context.root}/maxscale/logs/`},
			type: 'logs',
		},
		links: {self: `${context.root}/maxscale/logs/`},
	};
}
