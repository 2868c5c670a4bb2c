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
	/** Placeholder shown in help for a value: `HOST:PORT[,…]`; a flag without one is a switch. */
	value?: string;
	/** Default as shown in help; absent when there is none. */
	default?: string;
	/** Environment variable that may supply the value. */
	env?: string;
	group: FlagGroup;
	description: string;
	multiple?: boolean;
	/** meow refuses any other value. */
	choices?: readonly string[];
};

function inGroups(groups: Partial<Record<FlagGroup, Array<Omit<FlagSpec, 'type' | 'group'>>>>): FlagSpec[] {
	return Object.entries(groups).flatMap(([group, specs]) => specs.map(spec => ({...spec, group: group as FlagGroup, type: spec.value === undefined ? 'boolean' : 'string'})));
}

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

export const mainFlags: readonly FlagSpec[] = inGroups({
	connection: [
		{
			name: 'hosts', short: 'h', value: 'HOST:PORT[,…]', default: defaultHosts, description: 'MaxScale REST API addresses; a full http:// or https:// URL also works (a user:password@ in it is used for that host and never shown)',
		},
		{
			name: 'user', short: 'u', value: 'NAME', default: defaultUser, env: 'MAXTOP_USER', description: 'REST API user',
		},
		{
			name: 'password', short: 'p', value: 'PASSWORD', default: defaultPassword, env: 'MAXTOP_PASSWORD', description: 'REST API password; -p \'\' asks for it without echo',
		},
		{
			name: 'config', short: 'c', value: 'FILE', default: '~/.maxctrl.cnf', description: 'maxctrl option file ([maxctrl] section; must end in .cnf, no rights for group or others)',
		},
		{
			name: 'timeout', short: 't', value: 'DURATION', default: '10s', description: 'Per-request timeout: milliseconds, or with a unit ms, s, m, h',
		},
		{
			name: 'secure', short: 's', default: 'false', description: 'Use HTTPS for HOST:PORT entries',
		},
		{name: 'tls-ca-cert', value: 'FILE', description: 'CA certificate that signed MaxScale\'s certificate'},
		{name: 'tls-cert', value: 'FILE', description: 'Client certificate (needs --tls-key)'},
		{name: 'tls-key', value: 'FILE', description: 'Client private key (needs --tls-cert)'},
		{name: 'tls-passphrase', value: 'TEXT', description: 'Passphrase of the client private key'},
		{
			name: 'tls-verify-server-cert', short: 'n', default: 'true', description: 'Verify MaxScale\'s certificate (--no-tls-verify-server-cert to skip)',
		},
		{name: 'read-only', default: 'false', description: 'Never change anything on MaxScale'},
		{name: 'tokens', default: 'true', description: 'Always send Basic auth; by default maxtop gets a JWT from /v1/auth where MaxScale hands them out (2.5+: HTTPS, or HTTP with admin_secure_gui=false)'},
	],
	display: [
		{
			name: 'interval', short: 'd', value: 'SECONDS', default: String(defaultIntervalSeconds), description: 'Requested session list refresh interval',
		},
		{
			name: 'max-server-share', value: 'PERCENT', default: String(defaultMaxServerSharePercent), description: 'Stretch the interval so the list poll keeps MaxScale busy at most this share of the time',
		},
		{
			name: 'sort', value: 'KEY[:asc|:desc]', default: 'memory', description: `Sort by ${sortKeys.join(', ')} (host: with several hosts)`,
		},
		{name: 'filter', value: 'EXPR', description: 'Show only matching sessions, e.g. "user:batch idle>10m !host:10.0.9.0/24"'},
		{name: 'columns', value: 'LIST', description: `Columns for --once, comma-separated: ${columnNames.join(',')}`},
		{
			name: 'color', choices: colorModes, value: 'WHEN', default: 'auto', description: 'Colour: auto, always, never (NO_COLOR is honoured)',
		},
		{
			name: 'theme', choices: themes, value: 'NAME', default: 'dark', description: 'Colour theme: dark, light, mono',
		},
		{name: 'ascii', description: 'Draw with ASCII only (default: from the locale)'},
		{name: 'unicode', description: 'Draw with Unicode symbols even if the locale is not UTF-8'},
		{name: 'utc', default: 'false', description: 'Show times in UTC'},
		{name: 'save', default: 'true', description: 'Leave the preferences file alone; by default a sort, columns or interval changed inside maxtop is remembered on quit (flags never are)'},
	],
	actions: [
		{
			name: 'bulk-rate', value: 'N', default: String(defaultBulkRate), description: 'Bulk actions send at most N requests per second',
		},
	],
	output: [
		{name: 'once', default: 'false', description: 'Print the sorted, filtered session table once and exit'},
		{
			name: 'format', choices: formats, value: 'FORMAT', default: 'table', description: 'Output of --once: table, json, tsv',
		},
		{
			name: 'count', value: 'N', default: '1', description: 'With --once: print N times, --interval apart (like top -b)',
		},
		{name: 'record', value: 'FILE', description: 'Append every poll to FILE as one JSON line'},
		{name: 'replay', value: 'FILE', description: 'Show the polls recorded in FILE instead of asking MaxScale'},
		{name: 'fields', default: 'false', description: 'Ask for a sparse fieldset (smaller answers, but more work for MaxScale)'},
	],
	demo: [
		{name: 'demo', default: 'false', description: 'Start the built-in MaxScale simulator on a free loopback port and monitor it'},
		{
			name: 'demo-sessions', value: 'N', default: String(defaultDemoSessions), description: 'Sessions the simulator starts with',
		},
		{
			name: 'demo-version', choices: simulatorVersions, value: 'VERSION', default: '24.02', description: `MaxScale version to imitate: ${simulatorVersions.join(', ')}`,
		},
		{
			name: 'demo-churn', value: 'N', default: String(defaultDemoChurn), description: 'Sessions opened (and closed) per second',
		},
		{name: 'demo-seed', value: 'N', description: 'Seed for the simulated sessions (same seed, same sessions)'},
		{name: 'demo-cost', default: 'false', description: 'Make the simulator as slow as a real MaxScale (about 0.1 ms per session)'},
	],
	general: [
		{name: 'verbose', default: 'false', description: 'Show stack traces with errors'},
		{name: 'help', description: 'Show this help'},
		{name: 'version', description: 'Show the version'},
	],
});

/** `maxtop simulate`: the simulator's own flags and the `--demo-*` ones without their prefix. */
export const simulateFlags: readonly FlagSpec[] = inGroups({
	demo: [
		{
			name: 'port', value: 'PORT', default: String(defaultSimulatorPort), description: 'Port on 127.0.0.1 (0 picks a free one)',
		},
		...mainFlags.filter(spec => spec.name.startsWith('demo-')).map(spec => ({...spec, name: spec.name.slice('demo-'.length)})),
		{
			name: 'fault', value: 'SPEC', multiple: true, description: 'Inject a fault, e.g. latency:500, http-503:/v1/sessions, hang (repeatable)',
		},
		{name: 'tls-key', value: 'FILE', description: 'Serve HTTPS with this PEM key (needs --tls-cert)'},
		{name: 'tls-cert', value: 'FILE', description: 'Serve HTTPS with this PEM certificate (needs --tls-key)'},
		{name: 'basic-user', value: 'NAME:PASSWORD', description: 'Also accept this read-only (basic) account'},
		{name: 'admin-secure-gui', default: 'true', description: 'Issue /v1/auth tokens over plain HTTP too, like MaxScale with admin_secure_gui=false (same as --admin-secure-gui=false)'},
	],
	general: [
		{name: 'help', description: 'Show this help'},
	],
});

/** `maxtop metrics`: the monitor's connection and pacing flags, and an exporter's own (node_exporter's names). */
export const metricsFlags: readonly FlagSpec[] = [
	...mainFlags.filter(spec => (spec.group === 'connection' && spec.name !== 'read-only') || ['interval', 'max-server-share'].includes(spec.name)),
	...inGroups({
		metrics: [
			{
				name: 'web.listen-address', value: 'HOST:PORT', default: defaultMetricsAddress, description: 'Serve /metrics here (port 0: any free one); other than loopback only when given',
			},
			{name: 'web.config.file', value: 'FILE', description: 'TLS and basic auth of the endpoint: the web config YAML that node_exporter reads'},
			{
				name: 'metrics-top', value: 'N', default: String(defaultMetricsTop), description: 'Per host, the N users, apps, client networks and servers with the most sessions get their own label; the rest count as other',
			},
		],
	}),
	...mainFlags.filter(spec => spec.group === 'demo' || spec.group === 'general'),
];

export function camelCase(name: string): string {
	return name.replaceAll(/-[a-z]/gv, match => match.slice(1).toUpperCase());
}

export type MeowFlag = {type: 'string' | 'boolean'; shortFlag?: string; isMultiple?: boolean; choices?: string[]};

/** No defaults, so the cnf file, env and preferences can fill an absent flag. */
export function toMeowFlags(table: readonly FlagSpec[]): Record<string, MeowFlag> {
	return Object.fromEntries(table.map(spec => [camelCase(spec.name), {
		type: spec.type,
		...(spec.short && {shortFlag: spec.short}),
		...(spec.multiple && {isMultiple: true}),
		...(spec.choices && {choices: [...spec.choices]}),
	}]));
}
