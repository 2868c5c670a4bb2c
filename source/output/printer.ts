import type {Config} from '../config/types.js';
import {applyFilter, parseFilter, type SessionFilter} from '../model/filter.js';
import type {Session} from '../model/session.js';
import {sortSessions} from '../model/sort.js';
import {displayWidth, fitWidth} from '../model/text.js';
import {selectColumns, type OutputColumn} from './columns.js';
import {formatJson, formatTable, formatTsv} from './formats.js';

type Writable = {write(text: string): unknown};

export type PrintConfig = Pick<Config, 'format' | 'columns' | 'sort' | 'sortDescending' | 'ascii' | 'utc' | 'filter'>;

export type PrinterOptions = {
	/** Polls to be printed. With more than one, each row says when it was read. */
	polls: number;
	isMultiHost: boolean;
	/** Cells of the terminal a `table` goes to; undefined for a pipe or a file (full width). */
	width?: number;
};

export type PollPrinter = {
	/** `sessions`: every session read in the poll, before the filter; `atMs`: when, epoch ms. */
	print(sessions: readonly Session[], atMs: number): void;
	/** Closes what the output opened (the JSON array of polls). */
	end(): void;
};

/**
The `--once` output of one or more polls; several add a time column (json: one array of
`{"time", "sessions"}`). Columns are chosen at the first poll before the filter, so a filter that
matches nothing still prints its header.
*/
export function createPollPrinter(config: PrintConfig, out: Writable, options: PrinterOptions): PollPrinter {
	const isTimed = options.polls > 1;
	const filter = compileFilter(config.filter);
	let columns: OutputColumn[] | undefined;
	let printed = 0;
	const render = (shown: readonly Session[], atMs: number, isFirst: boolean, chosen: readonly OutputColumn[]) => {
		if (config.format === 'json') {
			if (!isTimed) {
				return formatJson(shown);
			}

			// One document for `jq` and JSON.parse alike, not one array per poll.
			const poll = formatJson({time: new Date(atMs).toISOString(), sessions: shown}).trimEnd().replaceAll('\n', '\n  ');
			return `${isFirst ? '[\n' : ',\n'}  ${poll}`;
		}

		if (config.format === 'tsv') {
			const text = formatTsv(shown, isTimed ? [timeColumn('time', new Date(atMs).toISOString()), ...chosen] : chosen);
			return isFirst ? text : text.slice(text.indexOf('\n') + 1);
		}

		const table = formatTable(shown, isTimed ? [timeColumn('TIME', clockTime(atMs, config.utc)), ...chosen] : chosen, {ascii: config.ascii});
		const fitted = options.width === undefined ? table : fitLines(table, options.width, config.ascii);
		return isFirst ? fitted : `\n${fitted}`;
	};

	return {
		print(sessions, atMs) {
			columns ??= selectColumns(sessions, {columns: config.columns, multiHost: options.isMultiHost});
			out.write(render(shownSessions(sessions, config, filter), atMs, printed === 0, columns));
			printed++;
		},
		end() {
			if (isTimed && config.format === 'json' && printed > 0) {
				out.write('\n]\n');
			}
		},
	};
}

/** Filtered and sorted as `--sort` asks. */
export function shownSessions(sessions: readonly Session[], config: Pick<Config, 'sort' | 'sortDescending'>, filter: SessionFilter | undefined): Session[] {
	const filtered = filter ? applyFilter(sessions, filter) : [...sessions];
	// MaxScale before 22.08 sends no memory figure; idle is the next most telling order.
	const sort = config.sort === 'memory' && filtered.every(session => session.memoryBytes === undefined) ? 'idle' : config.sort;
	return sortSessions(filtered, sort, sort === config.sort ? config.sortDescending : undefined);
}

function compileFilter(text: string | undefined): SessionFilter | undefined {
	const parsed = text === undefined ? undefined : parseFilter(text);
	// The CLI validated the expression already; an invalid one here is a programming error.
	if (parsed?.ok === false) {
		throw new Error(`--filter: ${parsed.error}`);
	}

	return parsed?.filter;
}

function timeColumn(title: string, value: string): OutputColumn {
	return {
		id: 'time', title, align: 'left', value: () => value, raw: () => value,
	};
}

/** `14:05:09`, local or UTC: a TIME column of one-shot polls seconds apart needs no date. */
export function clockTime(ms: number, isUtc: boolean): string {
	const date = new Date(ms);
	const parts = isUtc ? [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()] : [date.getHours(), date.getMinutes(), date.getSeconds()];
	return parts.map(part => String(part).padStart(2, '0')).join(':');
}

/** Every line at most `width` cells, the cut marked; shorter lines untouched. */
export function fitLines(text: string, width: number, isAscii: boolean): string {
	return text.split('\n').map(line => displayWidth(line) <= width ? line : fitWidth(line, width, {ascii: isAscii}).trimEnd()).join('\n');
}
