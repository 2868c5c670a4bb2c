import {displayWidth} from '../model/text.js';
import {groupTitles, type FlagGroup, type FlagSpec} from './flags.js';

/** An SSH session to a proxy host is usually 80 columns; help wider than that wraps into a mess. */
export const helpWidth = 80;
const flagColumn = 34;
const keyColumn = 17;

/** An on-by-default switch without a short form is only ever typed as its negation. */
export function isNegatedSwitch(spec: FlagSpec): boolean {
	return spec.type === 'boolean' && spec.default === 'true' && !spec.short;
}

/** The long name as it is typed: `tokens` → `no-tokens`. */
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

export function formatFlagTable(table: readonly FlagSpec[], groups: readonly FlagGroup[], width = helpWidth): string[] {
	const lines: string[] = [];
	for (const group of groups) {
		const specs = table.filter(spec => spec.group === group);
		if (specs.length === 0) {
			continue;
		}

		lines.push('', groupTitles[group]);
		for (const spec of specs) {
			lines.push(...hangingLines(`  ${formatFlag(spec)}`, describe(spec), flagColumn, width));
		}
	}

	return lines;
}

/** `left`, then `text` wrapped from `column` on; a `left` reaching into the column puts the text below it. */
export function hangingLines(left: string, text: string, column: number, width = helpWidth): string[] {
	const lines = wrapWords(text, Math.max(width - column, 20)).map(line => ' '.repeat(column) + line);
	const leftWidth = displayWidth(left);
	const first = lines[0] ?? '';
	// The first line of text goes beside `left` where there is room for it.
	return leftWidth < column ? [(left + first.slice(leftWidth)).trimEnd(), ...lines.slice(1)] : [left, ...lines];
}

/** Words in lines of at most `width` cells; a wider word (a comma-separated list) is broken after a comma. */
export function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').filter(word => word !== '').flatMap(word => breakWord(word, width))) {
		if (line !== '' && displayWidth(line) + 1 + displayWidth(word) > width) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	return line === '' ? lines : [...lines, line];
}

function breakWord(word: string, width: number): string[] {
	if (displayWidth(word) <= width) {
		return [word];
	}

	const pieces: string[] = [];
	let piece = '';
	for (const part of word.split(/(?<=,)/v)) {
		if (piece !== '' && displayWidth(piece + part) > width) {
			pieces.push(piece);
			piece = part;
		} else {
			piece += part;
		}
	}

	return [...pieces, piece];
}

/** `keyLines`: the interactive key table, as `helpLines()` in `source/keymap.ts` renders it. */
export function renderMainHelp(options: {description: string; table: readonly FlagSpec[]; keyLines?: readonly string[]; width?: number}): string {
	const width = options.width ?? helpWidth;
	const lines = [
		...wrapWords(options.description, width),
		'',
		'Usage',
		...hangingLines('  $ maxtop [options]', 'live session monitor', flagColumn, width),
		...hangingLines('  $ maxtop --once [options]', 'print the sessions once (--format table, json or tsv) and exit', flagColumn, width),
		...hangingLines('  $ maxtop simulate [options]', 'run only the MaxScale simulator (see maxtop simulate --help)', flagColumn, width),
		...hangingLines('  $ maxtop metrics [options]', 'serve the sessions to Prometheus (see maxtop metrics --help)', flagColumn, width),
		...formatFlagTable(options.table, (Object.keys(groupTitles) as FlagGroup[]).filter(group => group !== 'metrics'), width),
		'',
		'Keys',
		...formatKeys(options.keyLines, width),
		'',
		'Files',
		...hangingLines('  ~/.maxctrl.cnf', 'maxctrl options ([maxctrl] section: user, password, hosts, timeout, secure, tls-*)', flagColumn, width),
		...hangingLines('  ~/.config/maxtop/config.ini', 'display preferences ($XDG_CONFIG_HOME is honoured)', flagColumn, width),
		'',
		'Examples',
		'  $ maxtop -h 10.0.0.5:8989,10.0.0.6:8989 -u admin -p \'\'',
		'  $ maxtop --once --sort idle --filter \'idle>10m\' --format tsv',
		'  $ maxtop --demo --demo-sessions 5000 --demo-cost',
	];
	return lines.join('\n') + '\n';
}

export function renderSimulateHelp(table: readonly FlagSpec[], width = helpWidth): string {
	const lines = [
		...wrapWords('Run the embedded MaxScale REST API simulator in the foreground (Ctrl-C stops it). Point curl, maxctrl or maxtop at the URL it prints; the account is admin / mariadb.', width),
		'',
		'Usage',
		'  $ maxtop simulate [options]',
		...formatFlagTable(table, ['demo', 'general'], width).map(line => line === 'Demo' ? 'Simulator' : line),
		'',
		'Examples',
		'  $ maxtop simulate --port 8989 --sessions 2000 --churn 20 --version 22.08',
		'  $ maxtop simulate --fault latency:800 --fault http-503:/v1/sessions',
	];
	return lines.join('\n') + '\n';
}

/** The key table's `  KEYS  what it does` lines, wrapped with the text in one column. */
function formatKeys(keyLines: readonly string[] | undefined, width: number): string[] {
	if (!keyLines || keyLines.length === 0) {
		return ['  Press ? in the monitor for the list of keys; q quits.'];
	}

	return keyLines.flatMap(line => {
		const binding = /^(?<keys> {4,}\S+) +(?<text>\S.*)$/v.exec(`  ${line}`);
		return binding ? hangingLines(binding.groups!['keys']!, binding.groups!['text']!, keyColumn, width) : wrapWords(line, width - 2).map(part => `  ${part}`);
	});
}

export function renderMetricsHelp(table: readonly FlagSpec[], width = helpWidth): string {
	const lines = [
		...wrapWords('Serve what maxtop sees of the sessions of one or more MaxScales as Prometheus metrics (GET /metrics) until Ctrl-C. It only reads from MaxScale, as gently as the monitor.', width),
		'',
		'Usage',
		'  $ maxtop metrics [options]',
		...formatFlagTable(table, ['connection', 'display', 'metrics', 'demo', 'general'], width).map(line => line === 'Display' ? 'Polling' : line),
		'',
		'Examples',
		'  $ maxtop metrics -h 10.0.0.5:8989,10.0.0.6:8989 --web.listen-address :9765',
		'  $ maxtop metrics --demo --demo-churn 20',
		'  $ curl -s 127.0.0.1:9765/metrics | grep maxscale_user_sessions',
	];
	return lines.join('\n') + '\n';
}
