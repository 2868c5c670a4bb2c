import {groupTitles, type FlagGroup, type FlagSpec} from './flags.js';

const flagColumn = 36;

/**
An on-by-default switch without a short form is only ever typed as its negation.
*/
export function isNegatedSwitch(spec: FlagSpec): boolean {
	return spec.type === 'boolean' && spec.default === 'true' && !spec.short;
}

/**
The long name as it is typed: `tokens` → `no-tokens`.
*/
export function typedName(spec: FlagSpec): string {
	return isNegatedSwitch(spec) ? `no-${spec.name}` : spec.name;
}

export function formatFlag(spec: FlagSpec): string {
	const long = typedName(spec);
	const names = spec.short ? `-${spec.short}, --${long}` : `    --${long}`;
	return spec.value ? `${names} ${spec.value}` : names;
}

function describe(spec: FlagSpec): string {
	const notes = [
		spec.default === undefined || isNegatedSwitch(spec) ? undefined : `default: ${spec.default}`,
		spec.env ? `env ${spec.env}` : undefined,
	].filter(note => note !== undefined);

	return notes.length > 0 ? `${spec.description} (${notes.join('; ')})` : spec.description;
}

export function formatFlagTable(table: readonly FlagSpec[], groups: readonly FlagGroup[]): string[] {
	const lines: string[] = [];
	for (const group of groups) {
		const specs = table.filter(spec => spec.group === group);
		if (specs.length === 0) {
			continue;
		}

		lines.push('', groupTitles[group]);
		for (const spec of specs) {
			const flag = formatFlag(spec);
			const padding = flag.length >= flagColumn - 2 ? '\n' + ' '.repeat(flagColumn) : ' '.repeat(flagColumn - 2 - flag.length);
			lines.push(`  ${flag}${padding}${describe(spec)}`);
		}
	}

	return lines;
}

/**
`keyLines`: the interactive key table, as `helpLines()` in `source/keymap.ts` renders it.
*/
export function renderMainHelp(options: {description: string; table: readonly FlagSpec[]; keyLines?: readonly string[]}): string {
	const lines = [
		options.description,
		'',
		'Usage',
		'  $ maxtop [options]                   live session monitor',
		'  $ maxtop --once [options]            print the sessions once (--format table, json or tsv) and exit',
		'  $ maxtop simulate [options]          run only the MaxScale simulator (see maxtop simulate --help)',
		...formatFlagTable(options.table, ['connection', 'display', 'actions', 'output', 'demo', 'general']),
		'',
		'Keys',
		...formatKeys(options.keyLines),
		'',
		'Files',
		'  ~/.maxctrl.cnf                    maxctrl options ([maxctrl] section: user, password, hosts, timeout, secure, tls-*)',
		'  ~/.config/maxtop/config.ini       display preferences ($XDG_CONFIG_HOME is honoured)',
		'',
		'Examples',
		'  $ maxtop -h 10.0.0.5:8989,10.0.0.6:8989 -u admin -p \'\'',
		'  $ maxtop --once --sort idle --filter \'idle>10m\' --format tsv',
		'  $ maxtop --demo --demo-sessions 5000 --demo-cost',
	];
	return lines.join('\n') + '\n';
}

export function renderSimulateHelp(table: readonly FlagSpec[]): string {
	const lines = [
		'Run the embedded MaxScale REST API simulator in the foreground (Ctrl-C stops it).',
		'Point curl, maxctrl or maxtop at the URL it prints; the account is admin / mariadb.',
		'',
		'Usage',
		'  $ maxtop simulate [options]',
		...formatFlagTable(table, ['demo', 'general']).map(line => line === 'Demo' ? 'Simulator' : line),
		'',
		'Examples',
		'  $ maxtop simulate --port 8989 --sessions 2000 --churn 20 --version 22.08',
		'  $ maxtop simulate --fault latency:800 --fault http-503:/v1/sessions',
	];
	return lines.join('\n') + '\n';
}

function formatKeys(keyLines: readonly string[] | undefined): string[] {
	return !keyLines || keyLines.length === 0 ? ['  Press ? in the monitor for the list of keys; q quits.'] : keyLines.map(line => `  ${line}`);
}
