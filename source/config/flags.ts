/** The one table of flags: meow's options, `--help` and the suggestion come from it; names follow maxctrl's. */
import {onceColumns} from '../model/columns.js';
import {colorModes, sortKeys, themes} from '../model/types.js';
import {simulatorVersions} from '../simulator/types.js';

/** Help groups, in the order help shows them. */
export const groupTitles = {
	connection: 'Connection',
	display: 'Display',
	actions: 'Actions',
	output: 'Output',
	metrics: 'Metrics',
	demo: 'Demo',
	general: 'General',
} as const;

export type FlagGroup = keyof typeof groupTitles;

export type FlagSpec = {
	/** Long name as typed, without dashes: `tls-ca-cert`. */
	name: string;
	short?: string;
	type: 'string' | 'boolean';
	/** Placeholder shown in help for a value: `HOST:PORT[,HOST:PORT…]`. */
	value?: string;
	/** Default as shown in help; absent when there is none. */
	default?: string;
	/** Environment variable that may supply the value. */
	env?: string;
	group: FlagGroup;
	description: string;
	multiple?: boolean;
	choices?: readonly string[];
};

export const columnNames: readonly string[] = onceColumns.map(column => column.id);
export const formats = ['table', 'json', 'tsv'] as const;

export const defaultHosts = '127.0.0.1:8989';
export const defaultUser = 'admin';
// MaxScale's built-in admin account (server/core/adminusers.cc); maxctrl uses the same default.
export const defaultPassword = 'mariadb';
export const defaultTimeoutMs = 10_000;
export const defaultIntervalSeconds = 2;
export const defaultMaxServerSharePercent = 10;
export const defaultBulkRate = 20;
export const defaultDemoSessions = 200;
export const defaultDemoChurn = 2;
export const defaultSimulatorPort = 8989;
// Not in use on a MaxScale host by any exporter we know of (the exporters' 9100–9999 range is all allocated).
export const defaultMetricsAddress = '127.0.0.1:9765';
export const defaultMetricsTop = 20;

export const mainFlags: readonly FlagSpec[] = [
	{
		name: 'hosts', short: 'h', type: 'string', value: 'HOST:PORT[,…]', default: defaultHosts, group: 'connection', description: 'MaxScale REST API addresses; a full http:// or https:// URL also works (a user:password@ in it is used for that host and never shown)',
	},
	{
		name: 'user', short: 'u', type: 'string', value: 'NAME', default: defaultUser, env: 'MAXTOP_USER', group: 'connection', description: 'REST API user',
	},
	{
		name: 'password', short: 'p', type: 'string', value: 'PASSWORD', default: defaultPassword, env: 'MAXTOP_PASSWORD', group: 'connection', description: 'REST API password; -p \'\' asks for it without echo',
	},
	{
		name: 'config', short: 'c', type: 'string', value: 'FILE', default: '~/.maxctrl.cnf', group: 'connection', description: 'maxctrl option file ([maxctrl] section; must end in .cnf, no rights for group or others)',
	},
	{
		name: 'timeout', short: 't', type: 'string', value: 'DURATION', default: '10s', group: 'connection', description: 'Per-request timeout: milliseconds, or with a unit ms, s, m, h',
	},
	{
		name: 'secure', short: 's', type: 'boolean', default: 'false', group: 'connection', description: 'Use HTTPS for HOST:PORT entries',
	},
	{
		name: 'tls-ca-cert', type: 'string', value: 'FILE', group: 'connection', description: 'CA certificate that signed MaxScale\'s certificate',
	},
	{
		name: 'tls-cert', type: 'string', value: 'FILE', group: 'connection', description: 'Client certificate (needs --tls-key)',
	},
	{
		name: 'tls-key', type: 'string', value: 'FILE', group: 'connection', description: 'Client private key (needs --tls-cert)',
	},
	{
		name: 'tls-passphrase', type: 'string', value: 'TEXT', group: 'connection', description: 'Passphrase of the client private key',
	},
	{
		name: 'tls-verify-server-cert', short: 'n', type: 'boolean', default: 'true', group: 'connection', description: 'Verify MaxScale\'s certificate (--no-tls-verify-server-cert to skip)',
	},
	{
		name: 'read-only', type: 'boolean', default: 'false', group: 'connection', description: 'Never change anything on MaxScale',
	},
	{
		name: 'tokens', type: 'boolean', default: 'true', group: 'connection', description: 'Always send Basic auth; by default maxtop gets a JWT from /v1/auth where MaxScale hands them out (2.5+: HTTPS, or HTTP with admin_secure_gui=false)',
	},
	{
		name: 'interval', short: 'd', type: 'string', value: 'SECONDS', default: String(defaultIntervalSeconds), group: 'display', description: 'Requested session list refresh interval',
	},
	{
		name: 'max-server-share', type: 'string', value: 'PERCENT', default: String(defaultMaxServerSharePercent), group: 'display', description: 'Stretch the interval so the list poll keeps MaxScale busy at most this share of the time',
	},
	{
		name: 'sort', type: 'string', value: 'KEY[:asc|:desc]', default: 'memory', choices: sortKeys, group: 'display', description: `Sort by ${sortKeys.join(', ')} (host: with several hosts)`,
	},
	{
		name: 'filter', type: 'string', value: 'EXPR', group: 'display', description: 'Show only matching sessions, e.g. "user:batch idle>10m !host:10.0.9.0/24"',
	},
	{
		name: 'columns', type: 'string', value: 'LIST', group: 'display', description: `Columns for --once, comma-separated: ${columnNames.join(',')}`,
	},
	{
		name: 'color', type: 'string', value: 'WHEN', default: 'auto', choices: colorModes, group: 'display', description: 'Colour: auto, always, never (NO_COLOR is honoured)',
	},
	{
		name: 'theme', type: 'string', value: 'NAME', default: 'dark', choices: themes, group: 'display', description: 'Colour theme: dark, light, mono',
	},
	{
		name: 'ascii', type: 'boolean', group: 'display', description: 'Draw with ASCII only (default: from the locale)',
	},
	{
		name: 'unicode', type: 'boolean', group: 'display', description: 'Draw with Unicode symbols even if the locale is not UTF-8',
	},
	{
		name: 'utc', type: 'boolean', default: 'false', group: 'display', description: 'Show times in UTC',
	},
	{
		name: 'save', type: 'boolean', default: 'true', group: 'display', description: 'Leave the preferences file alone; by default a sort, columns or interval changed inside maxtop is remembered on quit (flags never are)',
	},
	{
		name: 'bulk-rate', type: 'string', value: 'N', default: String(defaultBulkRate), group: 'actions', description: 'Bulk actions send at most N requests per second',
	},
	{
		name: 'once', type: 'boolean', default: 'false', group: 'output', description: 'Print the sorted, filtered session table once and exit',
	},
	{
		name: 'format', type: 'string', value: 'FORMAT', default: 'table', choices: formats, group: 'output', description: 'Output of --once: table, json, tsv',
	},
	{
		name: 'count', type: 'string', value: 'N', default: '1', group: 'output', description: 'With --once: print N times, --interval apart (like top -b)',
	},
	{
		name: 'record', type: 'string', value: 'FILE', group: 'output', description: 'Append every poll to FILE as one JSON line',
	},
	{
		name: 'replay', type: 'string', value: 'FILE', group: 'output', description: 'Show the polls recorded in FILE instead of asking MaxScale',
	},
	{
		name: 'fields', type: 'boolean', default: 'false', group: 'output', description: 'Ask for a sparse fieldset (smaller answers, but more work for MaxScale)',
	},
	{
		name: 'demo', type: 'boolean', default: 'false', group: 'demo', description: 'Start the built-in MaxScale simulator on a free loopback port and monitor it',
	},
	{
		name: 'demo-sessions', type: 'string', value: 'N', default: String(defaultDemoSessions), group: 'demo', description: 'Sessions the simulator starts with',
	},
	{
		name: 'demo-version', type: 'string', value: 'VERSION', default: '24.02', choices: simulatorVersions, group: 'demo', description: `MaxScale version to imitate: ${simulatorVersions.join(', ')}`,
	},
	{
		name: 'demo-churn', type: 'string', value: 'N', default: String(defaultDemoChurn), group: 'demo', description: 'Sessions opened (and closed) per second',
	},
	{
		name: 'demo-seed', type: 'string', value: 'N', group: 'demo', description: 'Seed for the simulated sessions (same seed, same sessions)',
	},
	{
		name: 'demo-cost', type: 'boolean', default: 'false', group: 'demo', description: 'Make the simulator as slow as a real MaxScale (about 0.1 ms per session)',
	},
	{
		name: 'verbose', type: 'boolean', default: 'false', group: 'general', description: 'Show stack traces with errors',
	},
	{
		name: 'help', type: 'boolean', group: 'general', description: 'Show this help',
	},
	{
		name: 'version', type: 'boolean', group: 'general', description: 'Show the version',
	},
];

export const simulateFlags: readonly FlagSpec[] = [
	{
		name: 'port', type: 'string', value: 'PORT', default: String(defaultSimulatorPort), group: 'demo', description: 'Port on 127.0.0.1 (0 picks a free one)',
	},
	{
		name: 'sessions', type: 'string', value: 'N', default: String(defaultDemoSessions), group: 'demo', description: 'Sessions at start',
	},
	{
		name: 'version', type: 'string', value: 'VERSION', default: '24.02', choices: simulatorVersions, group: 'demo', description: `MaxScale version to imitate: ${simulatorVersions.join(', ')}`,
	},
	{
		name: 'churn', type: 'string', value: 'N', default: String(defaultDemoChurn), group: 'demo', description: 'Sessions opened (and closed) per second',
	},
	{
		name: 'seed', type: 'string', value: 'N', group: 'demo', description: 'Seed for the simulated sessions',
	},
	{
		name: 'cost', type: 'boolean', default: 'false', group: 'demo', description: 'Answer as slowly as a real MaxScale',
	},
	{
		name: 'fault', type: 'string', value: 'SPEC', multiple: true, group: 'demo', description: 'Inject a fault, e.g. latency:500, http-503:/v1/sessions, hang (repeatable)',
	},
	{
		name: 'tls-key', type: 'string', value: 'FILE', group: 'demo', description: 'Serve HTTPS with this PEM key (needs --tls-cert)',
	},
	{
		name: 'tls-cert', type: 'string', value: 'FILE', group: 'demo', description: 'Serve HTTPS with this PEM certificate (needs --tls-key)',
	},
	{
		name: 'basic-user', type: 'string', value: 'NAME:PASSWORD', group: 'demo', description: 'Also accept this read-only (basic) account',
	},
	{
		name: 'admin-secure-gui', type: 'boolean', default: 'true', group: 'demo', description: 'Issue /v1/auth tokens over plain HTTP too, like MaxScale with admin_secure_gui=false (same as --admin-secure-gui=false)',
	},
	{
		name: 'help', type: 'boolean', group: 'general', description: 'Show this help',
	},
];

/** `maxtop metrics`: the monitor's connection and pacing flags, and an exporter's own (node_exporter's names). */
export const metricsFlags: readonly FlagSpec[] = [
	...mainFlags.filter(spec => (spec.group === 'connection' && spec.name !== 'read-only') || ['interval', 'max-server-share'].includes(spec.name)),
	{
		name: 'web.listen-address', type: 'string', value: 'HOST:PORT', default: defaultMetricsAddress, group: 'metrics', description: 'Serve /metrics here (port 0: any free one); other than loopback only when given',
	},
	{
		name: 'web.config.file', type: 'string', value: 'FILE', group: 'metrics', description: 'TLS and basic auth of the endpoint: the web config YAML that node_exporter reads',
	},
	{
		name: 'metrics-top', type: 'string', value: 'N', default: String(defaultMetricsTop), group: 'metrics', description: 'Per host, the N users, apps, client networks and servers with the most sessions get their own label; the rest count as other',
	},
	...mainFlags.filter(spec => spec.group === 'demo' || spec.group === 'general'),
];

export function camelCase(name: string): string {
	return name.replaceAll(/-[a-z]/gv, match => match.slice(1).toUpperCase());
}

export function kebabCase(key: string): string {
	return key.replaceAll(/[A-Z]/gv, letter => '-' + letter.toLowerCase());
}

export type MeowFlag = {type: 'string' | 'boolean'; shortFlag?: string; isMultiple?: boolean};

/** No defaults, so the cnf file, env and preferences can fill an absent flag; no `choices`, as meow throws on a bad one. */
export function toMeowFlags(table: readonly FlagSpec[]): Record<string, MeowFlag> {
	const result: Record<string, MeowFlag> = {};
	for (const spec of table) {
		result[camelCase(spec.name)] = {
			type: spec.type,
			...(spec.short && {shortFlag: spec.short}),
			...(spec.multiple && {isMultiple: true}),
		};
	}

	return result;
}
