import type {Glyphs} from './charset.js';
import {sanitize} from './sanitize.js';
import {fitWidth} from './text.js';
import type {ThreadStats} from './types.js';

export type MeterOptions = {
	width: number;
	/** Lines the meters may take; more threads than fit collapse into one summary line. */
	maxLines: number;
	glyphs: Glyphs;
	ascii?: boolean;
	/** Put before the summary line (a fleet shows one summary per host). */
	label?: string;
};

const cellGap = 2;
const minimumCell = 26;
const maximumPerLine = 4;

function percent(load: number | undefined): string {
	return load === undefined ? ' n/a' : `${Math.round(Math.max(0, Math.min(100, load)))}%`.padStart(4);
}

/** `[████░░░░]`: the filled share is the load; no load figure (older MaxScale) draws an empty bar. */
export function meterBar(load: number | undefined, width: number, set: Glyphs): string {
	const inner = Math.max(0, width - 2);
	const share = load === undefined ? 0 : Math.max(0, Math.min(100, load)) / 100;
	const filled = Math.round(share * inner);
	return `[${set.meterFill.repeat(filled)}${set.meterEmpty.repeat(inner - filled)}]`;
}

function meterCell(thread: ThreadStats, width: number, idWidth: number, sessionWidth: number, set: Glyphs): string {
	const id = sanitize(thread.id).padStart(idWidth);
	const sessions = (thread.sessions === undefined ? '-' : String(thread.sessions)).padStart(sessionWidth);
	const barWidth = width - idWidth - sessionWidth - 4 - 3;
	return `${id} ${meterBar(thread.loadLastSecond, barWidth, set)} ${percent(thread.loadLastSecond)} ${sessions}`;
}

/** One line for all threads: average and busiest load, session spread, so an unbalanced worker shows without meters. */
export function meterSummary(threads: readonly ThreadStats[], options: Pick<MeterOptions, 'width' | 'glyphs' | 'label' | 'ascii'>): string {
	const loads = threads.map(thread => thread.loadLastSecond).filter(load => load !== undefined);
	const sessions = threads.map(thread => thread.sessions).filter(count => count !== undefined);
	const parts = [`${options.label ?? ''}${threads.length} worker${threads.length === 1 ? '' : 's'}`];
	if (loads.length > 0) {
		const average = loads.reduce((sum, load) => sum + load, 0) / loads.length;
		const busiest = threads.reduce((best, thread) => ((thread.loadLastSecond ?? -1) > (best.loadLastSecond ?? -1) ? thread : best));
		parts.push(`load ${meterBar(average, 12, options.glyphs)} avg${percent(average)} max${percent(busiest.loadLastSecond)} (worker ${sanitize(busiest.id)})`);
	}

	if (sessions.length > 0) {
		parts.push(`sessions ${Math.min(...sessions)}-${Math.max(...sessions)} per worker`);
	}

	return fitWidth(parts.join('  '), options.width, {ascii: options.ascii});
}

/**
htop-style meters, one per routing worker (id, load bar, load % last second, sessions), up to four a line; when
more than `maxLines` lines are needed, one summary line stands for all. Every line is exactly `width` cells.
*/
export function meterLines(threads: readonly ThreadStats[], options: MeterOptions): string[] {
	const {width, maxLines, glyphs: set} = options;
	if (threads.length === 0 || maxLines <= 0 || width <= 0) {
		return [];
	}

	const perLine = Math.max(1, Math.min(maximumPerLine, Math.floor((width + cellGap) / (minimumCell + cellGap))));
	const lineCount = Math.ceil(threads.length / perLine);
	if (lineCount > maxLines || options.label !== undefined) {
		return [meterSummary(threads, options)];
	}

	const cellWidth = Math.floor((width - (cellGap * (perLine - 1))) / perLine);
	const idWidth = Math.min(6, Math.max(...threads.map(thread => sanitize(thread.id).length)));
	const sessionWidth = Math.max(1, ...threads.map(thread => String(thread.sessions ?? '-').length));
	const lines: string[] = [];
	for (let line = 0; line < lineCount; line++) {
		const cells = threads.slice(line * perLine, (line + 1) * perLine).map(thread => meterCell(thread, cellWidth, idWidth, sessionWidth, set));
		lines.push(fitWidth(cells.map(cell => fitWidth(cell, cellWidth, {ascii: options.ascii})).join(' '.repeat(cellGap)), width, {ascii: options.ascii}));
	}

	return lines;
}
