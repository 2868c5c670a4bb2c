import type {ConnectionConfig} from '../api/types.js';
import {parseFilter} from '../model/filter.js';
import {isUtf8Locale} from '../model/charset.js';
import {
	type ColorMode,
	type SortKey,
	sortKeys,
	type Theme,
} from '../model/types.js';
import {parseDuration} from './duration.js';
import {
	camelCase,
	columnNames,
	defaultBulkRate,
	defaultHosts,
	defaultIntervalSeconds,
	defaultMaxServerSharePercent,
	defaultPassword,
	defaultTimeoutMs,
	defaultUser,
	mainFlags,
} from './flags.js';
import {parseHosts} from './hosts.js';
import {buildDemoConfig} from './parse-simulate.js';
import type {CnfValues} from './maxctrl-cnf.js';
import {
	checked,
	fail,
	number,
	optionalNumber,
} from './flag-values.js';
import type {Preferences} from './preferences.js';
import type {
	Config,
	OutputFormat,
} from './types.js';

export type Env = Record<string, string | undefined>;

/** What was read from disk before parsing: the maxctrl option file and the saved preferences. */
export type ConfigFiles = {
	cnf?: CnfValues;
	cnfPath?: string;
	preferences?: Preferences;
	warnings?: string[];
};

export type ParseResult = {ok: true; config: Config} | {ok: false; error: string};

/** meow's flags, types checked: a string flag is a string, a switch a boolean, an absent flag undefined. */
type Flags = Record<string, unknown>;

/**
The one place values are checked (meow knows only names, types and choices). Precedence: flag > env
(`MAXTOP_USER`, `MAXTOP_PASSWORD`) > maxctrl option file > preferences (display only) > defaults.
*/
export function parseOptions(flags: Flags, env: Env, files: ConfigFiles = {}): ParseResult {
	const result = checked(() => buildConfig(flags, env, files));
	return result.ok ? {ok: true, config: result.value} : result;
}

function buildConfig(flags: Flags, env: Env, files: ConfigFiles): Config {
	const cnf = files.cnf ?? {};
	const cnfName = files.cnfPath ?? 'the maxctrl option file';
	const prefs = files.preferences ?? {};
	const string = (name: string) => flags[name] as string | undefined;
	const boolean = (name: string) => flags[name] as boolean | undefined;

	const isOnce = boolean('once') ?? false;
	const isDemo = boolean('demo') ?? false;
	const replay = nonEmpty('--replay', string('replay'));
	const record = nonEmpty('--record', string('record'));
	if (isDemo && string('hosts') !== undefined) {
		fail('--demo monitors its own simulator; leave out --hosts');
	}

	if (replay !== undefined && (isDemo || string('hosts') !== undefined)) {
		fail(`--replay shows a recording; leave out ${isDemo ? '--demo' : '--hosts'}`);
	}

	if (replay !== undefined && record !== undefined) {
		fail('--record and --replay cannot be used together');
	}

	if (!isOnce) {
		for (const name of ['format', 'count', 'columns']) {
			if (string(name) !== undefined) {
				fail(`--${name} only applies to --once`);
			}
		}
	}

	const connection = connectionOptions(flags, env, cnf, cnfName);
	let hosts: Config['hosts'] = [];
	if (isDemo) {
		// The port is filled in once the simulator listens.
		hosts = [{host: '127.0.0.1:0', connection: {...connection, baseUrl: 'http://127.0.0.1:0'}}];
	} else if (replay === undefined) {
		const hostsText = string('hosts') ?? cnf.hosts ?? defaultHosts;
		const isSecure = boolean('secure') ?? cnf.secure ?? false;
		const parsed = parseHosts(hostsText, isSecure);
		if (!parsed.ok) {
			fail(string('hosts') === undefined && cnf.hosts !== undefined ? `${cnfName}: ${parsed.error}` : parsed.error);
		}

		hosts = parsed.hosts.map(entry => ({
			host: entry.host,
			connection: {
				...connection, baseUrl: entry.baseUrl, ...(entry.user !== undefined && {user: entry.user}), ...(entry.password !== undefined && {password: entry.password}),
			},
		}));
	}

	const intervalSeconds = optionalNumber('--interval', string('interval'), {min: 0.1, max: 86_400}) ?? prefs.intervalSeconds ?? defaultIntervalSeconds;
	const maxServerShare = (optionalNumber('--max-server-share', string('maxServerShare'), {min: 0, exclusiveMin: true, max: 100}) ?? defaultMaxServerSharePercent) / 100;

	const {sort, sortDescending} = sortOption(string('sort'), prefs, hosts.length);
	const filter = string('filter');
	if (filter !== undefined) {
		const parsed = parseFilter(filter);
		if (!parsed.ok) {
			fail(`--filter: ${parsed.error}`);
		}
	}

	const columnsText = string('columns');
	const columns = columnsText === undefined ? prefs.columns : columnList(columnsText);

	const ascii = boolean('ascii');
	const unicode = boolean('unicode');
	if (ascii && unicode) {
		fail('--ascii and --unicode contradict each other');
	}

	const countText = string('count');
	const config: Config = {
		mode: isOnce ? 'once' : 'interactive',
		hosts,
		intervalSeconds,
		maxServerShare,
		sort,
		...(sortDescending !== undefined && {sortDescending}),
		...(!(filter === undefined || filter.trim() === '') && {filter}),
		...(columns && {columns}),
		...(prefs.groupBy && {groupBy: prefs.groupBy}),
		readOnly: boolean('readOnly') ?? false,
		sparseFields: boolean('fields') ?? false,
		bulkRate: optionalNumber('--bulk-rate', string('bulkRate'), {min: 0, exclusiveMin: true, max: 10_000}) ?? defaultBulkRate,
		format: string('format') as OutputFormat | undefined ?? 'table',
		...(countText !== undefined && {count: number('--count', countText, {integer: true, min: 1})}),
		...(record !== undefined && {record}),
		...(replay !== undefined && {replay}),
		color: string('color') as ColorMode | undefined ?? 'auto',
		theme: string('theme') as Theme | undefined ?? prefs.theme ?? 'dark',
		ascii: ascii ?? (unicode ? false : !isUtf8Locale(env)),
		utc: boolean('utc') ?? false,
		save: boolean('save') ?? true,
		verbose: boolean('verbose') ?? false,
		...(connection.password === '' && string('password') === '' && {passwordPrompt: true}),
		...(files.warnings && files.warnings.length > 0 && {warnings: files.warnings}),
	};

	if (isDemo) {
		config.demo = buildDemoConfig(flags, 'demo-');
	} else {
		const stray = mainFlags.find(spec => spec.name.startsWith('demo-') && flags[camelCase(spec.name)] !== undefined);
		if (stray) {
			fail(`--${stray.name} needs --demo`);
		}
	}

	return config;
}

function connectionOptions(flags: Flags, env: Env, cnf: CnfValues, cnfName: string): Omit<ConnectionConfig, 'baseUrl'> {
	const string = (name: string) => flags[name] as string | undefined;
	const user = string('user') ?? nonEmptyEnv(env['MAXTOP_USER']) ?? cnf.user ?? defaultUser;
	if (user.trim() === '') {
		fail('--user must not be empty');
	}

	const password = string('password') ?? nonEmptyEnv(env['MAXTOP_PASSWORD']) ?? cnf.password ?? defaultPassword;

	let timeoutMs = defaultTimeoutMs;
	const timeoutText = string('timeout') ?? cnf.timeout;
	if (timeoutText !== undefined) {
		const parsed = parseDuration(timeoutText);
		const where = string('timeout') === undefined ? `${cnfName}: timeout` : '--timeout';
		if (!parsed.ok) {
			fail(`${where}: ${parsed.error}`);
		}

		if (parsed.ms <= 0) {
			fail(`${where} must be longer than 0`);
		}

		timeoutMs = parsed.ms;
	}

	const caCert = string('tlsCaCert') ?? cnf.tlsCaCert;
	const cert = string('tlsCert') ?? cnf.tlsCert;
	const key = string('tlsKey') ?? cnf.tlsKey;
	const passphrase = string('tlsPassphrase') ?? cnf.tlsPassphrase;
	const isVerifyServerCert = flags['tlsVerifyServerCert'] as boolean | undefined ?? cnf.tlsVerifyServerCert ?? true;
	if ((cert === undefined) !== (key === undefined)) {
		fail('--tls-cert and --tls-key go together: give both or neither');
	}

	for (const [name, value] of [['--tls-ca-cert', caCert], ['--tls-cert', cert], ['--tls-key', key]] as const) {
		if (value === '') {
			fail(`${name} needs a file name`);
		}
	}

	const isAnyTls = caCert !== undefined || cert !== undefined || passphrase !== undefined || !isVerifyServerCert;
	return {
		user,
		password,
		timeoutMs,
		// On by default: MaxScale checks a Basic password on every request, a token only once; where
		// tokens are refused (plain HTTP with admin_secure_gui, < 2.5) the cost is one GET /v1/auth.
		useTokens: flags['tokens'] as boolean | undefined ?? true,
		...(isAnyTls && {
			tls: {
				...(caCert !== undefined && {caCert}),
				...(cert !== undefined && {cert}),
				...(key !== undefined && {key}),
				...(passphrase !== undefined && {passphrase}),
				verifyServerCert: isVerifyServerCert,
			},
		}),
	};
}

// With one host there is no HOST column to sort by or to show the arrow on.
function sortOption(text: string | undefined, prefs: Preferences, hostCount: number): {sort: SortKey; sortDescending?: boolean} {
	if (text === undefined) {
		// A host sort saved from a fleet run: this run gets the default.
		return prefs.sort && !(prefs.sort === 'host' && hostCount === 1) ? {sort: prefs.sort, ...(prefs.sortDescending !== undefined && {sortDescending: prefs.sortDescending})} : {sort: 'memory'};
	}

	const [key = '', direction, extra] = text.split(':', 3);
	if (!(sortKeys as readonly string[]).includes(key)) {
		fail(`--sort: '${key}' is not one of ${sortKeys.join(', ')}`);
	}

	const sort = key as SortKey;
	if (extra !== undefined || (direction !== undefined && direction !== 'asc' && direction !== 'desc')) {
		fail(`--sort: '${text}' should be KEY, KEY:asc or KEY:desc`);
	}

	if (sort === 'host' && hostCount === 1) {
		fail('--sort host: there is one host; it sorts a fleet (--hosts A,B)');
	}

	return direction === undefined ? {sort} : {sort, sortDescending: direction === 'desc'};
}

function columnList(text: string): string[] {
	const columns = text.split(',').map(column => column.trim().toLowerCase());
	for (const column of columns) {
		if (!columnNames.includes(column)) {
			fail(column === '' ? `--columns: empty column name in '${text}'` : `--columns: unknown column '${column}' (known: ${columnNames.join(', ')})`);
		}
	}

	const duplicate = columns.find((column, index) => columns.indexOf(column) !== index);
	if (duplicate !== undefined) {
		fail(`--columns: '${duplicate}' is listed twice`);
	}

	return columns;
}

function nonEmpty(flag: string, text: string | undefined): string | undefined {
	if (text?.trim() === '') {
		fail(`${flag} needs a file name`);
	}

	return text;
}

function nonEmptyEnv(value: string | undefined): string | undefined {
	return value === undefined || value === '' ? undefined : value;
}
