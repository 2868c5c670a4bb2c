import type {Glyphs} from '../model/charset.js';
import {formatTime} from '../model/format.js';
import {meterLines} from '../model/meters.js';
import type {ThreadStats} from '../model/types.js';
import type {ToneLine} from './tone.js';
import type {State} from './types.js';

/** Below 40x10 the table cannot show a useful row: the whole frame asks for a bigger terminal instead. */
export function tooSmallText(width: number, height: number): string | undefined {
	return width < 40 || height < 10 ? `terminal too small (${width}x${height}); maxtop needs at least 40x10` : undefined;
}

/** Lines the worker meters may take: none on short screens, so the table keeps its rows. */
export function meterBudget(height: number): number {
	if (height >= 30) {
		return 4;
	}

	return height >= 20 ? 2 : (height >= 14 ? 1 : 0);
}

/**
Header lines for the routing workers: meters for one MaxScale, one summary line per host for a
fleet. Nothing until `/v1/maxscale/threads` has answered.
*/
export function workerMeterLines(input: Pick<State, 'hosts' | 'counters'> & {
	width: number;
	maxLines: number;
	glyphs: Glyphs;
	ascii?: boolean;
}): ToneLine[] {
	const withThreads = input.hosts
		.map(host => ({host, threads: input.counters.get(host)?.threads}))
		.filter((entry): entry is {host: string; threads: ThreadStats[]} => entry.threads !== undefined && entry.threads.length > 0);
	const {width, maxLines, glyphs, ascii} = input;
	if (withThreads.length === 0 || maxLines <= 0) {
		return [];
	}

	const texts = withThreads.length === 1 && input.hosts.length === 1
		? meterLines(withThreads[0]!.threads, {
			width, maxLines, glyphs, ascii,
		})
		: withThreads.slice(0, maxLines).map(entry => meterLines(entry.threads, {
			width, maxLines: 1, glyphs, ascii, label: `${entry.host}: `,
		})[0] ?? '');
	return texts.map(text => ({text, tone: 'normal'}));
}

/**
`clock 12:00:05 UTC` or `clock 13:00:05 local`: the header says which time zone every time on
screen is in.
*/
export function clockText(nowMs: number, utc: boolean): string {
	const time = formatTime(nowMs, {utc}).slice(11, 19);
	return `clock ${time} ${utc ? 'UTC' : 'local'}`;
}
