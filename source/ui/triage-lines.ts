import {churnSummary, historyValues, type ChurnEntry} from '../model/churn.js';
import {sparkline, type Glyphs} from '../model/charset.js';
import {
	formatBytes,
	formatCount,
	formatDuration,
	formatTime,
} from '../model/format.js';
import type {GroupBy, SessionGroup} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import {fitWidth} from '../model/text.js';
import {bulkProgressText} from '../state/triage-bulk.js';
import {invisibleTotal, isFrozen} from '../state/triage.js';
import type {TriageState} from '../state/triage-types.js';
import type {ToneLine} from './header-lines.js';

export type TriageHeaderInput = {
	triage: TriageState;
	/**
	Rows the filter lets through.
	*/
	shownCount: number;
	nowMs: number;
	glyphs: Glyphs;
	utc?: boolean;
};

/**
Short notes for the end of the header's first line: they come and go often, so they must not
move the table.
*/
export function triageHeaderNotes(triage: TriageState, nowMs: number, glyphs: Glyphs): string {
	const notes: string[] = [];
	if (triage.tags.size > 0) {
		notes.push(`${glyphs.tag} ${triage.tags.size} tagged`);
	}

	if (isFrozen(triage, nowMs)) {
		notes.push('order frozen');
	}

	return notes.join('  ');
}

/**
Header lines for the triage features; empty until there is something to say.
*/
export function triageHeaderLines(input: TriageHeaderInput): ToneLine[] {
	const {triage, nowMs, glyphs} = input;
	const lines: ToneLine[] = [];
	const notes: string[] = [];
	if (triage.isReplay && triage.lastSnapshotMs !== undefined) {
		notes.push(`REPLAY ${formatTime(triage.lastSnapshotMs, {utc: input.utc})}  ←/→ step`);
	}

	if (triage.filter) {
		notes.push(`filter: ${sanitize(triage.filterText)}  ${formatCount(input.shownCount)} of ${formatCount(triage.totalCount)} sessions`);
	}

	if (triage.bulk?.running) {
		notes.push(bulkProgressText(triage.bulk));
	}

	if (notes.length > 0) {
		lines.push({text: notes.join('  '), tone: 'normal'});
	}

	const {churn} = triage;
	// A quiet server gets no churn line, so the table does not move down for nothing.
	if (churn.history.items.some(sample => sample.opens > 0 || sample.closes > 0)) {
		const interval = churn.lastInterval;
		const summary = churnSummary(churn, nowMs, 0);
		const parts = [
			`churn +${interval.opens} -${interval.closes}`,
			`${Math.round(summary.opensPerMinute)}/min opened ${Math.round(summary.closesPerMinute)}/min closed`,
			`sessions ${sparkline(historyValues(churn, 'sessions'), 20, glyphs)}`,
			`opens ${sparkline(historyValues(churn, 'opens'), 20, glyphs)}`,
		];
		const invisible = invisibleTotal(triage);
		if (invisible && invisible.count > 0) {
			parts.push(`unseen ${invisible.count}`);
		}

		lines.push({text: parts.join('  '), tone: 'dim'});
	}

	return lines;
}

function entryLine(entry: ChurnEntry, keyWidth: number): string {
	return `  ${fitWidth(sanitize(entry.key), keyWidth)} ${String(entry.opened).padStart(6)} ${String(entry.closed).padStart(6)} ${String(entry.shortLived).padStart(6)}`;
}

const churnSections: Array<[keyof ReturnType<typeof churnSummary>['top'], string]> = [
	['client', 'Client hosts'],
	['user', 'Users'],
	['app', 'Applications'],
	['service', 'Services'],
];

/**
The `c` panel: who opened and closed sessions in the last minute, busiest first.
*/
export function churnPanelLines(triage: TriageState, nowMs: number, width: number, topK: number): string[] {
	const summary = churnSummary(triage.churn, nowMs, topK);
	const minutes = triage.churn.options.windowMs / 60_000;
	const lines = [`Churn in the last ${minutes === 1 ? 'minute' : `${minutes} minutes`}: ${summary.opens} opened, ${summary.closes} closed, ${summary.shortLived} lived < ${triage.churn.options.shortLivedSeconds}s`];
	const invisible = invisibleTotal(triage);
	lines.push(invisible === undefined
		? 'Too brief for polling to see: not known yet (needs two services snapshots with total_connections)'
		: `Too brief for polling to see: ${invisible.count} in the last ${formatDuration(Math.round(invisible.spanMs / 1000))} (total_connections growth minus births seen)`);
	const keyWidth = Math.max(12, Math.min(40, width - 30));
	for (const [dimension, title] of churnSections) {
		const entries = summary.top[dimension];
		lines.push('', `${fitWidth(title, keyWidth + 2)} ${'opened'.padStart(6)} ${'closed'.padStart(6)} ${'<10s'.padStart(6)}`);
		if (entries.length === 0) {
			lines.push('  (none)');
		}

		for (const entry of entries) {
			lines.push(entryLine(entry, keyWidth));
		}
	}

	return lines;
}

const groupTitles: Record<GroupBy, string> = {
	user: 'USER', client: 'CLIENT', app: 'APPLICATION', service: 'SERVICE', server: 'SERVER', thread: 'THREAD', host: 'MAXSCALE',
};

/**
The grouped view: the title line, then one line per group.
*/
export function groupLines(groups: readonly SessionGroup[], by: GroupBy, width: number): string[] {
	const keyWidth = Math.max(10, width - 52);
	const title = ` ${fitWidth(groupTitles[by], keyWidth)} ${'SESS'.padStart(7)} ${'MEMORY'.padStart(10)} ${'MAX IDLE'.padStart(9)} ${'NEWEST'.padStart(8)} ${'OPENS/MIN'.padStart(10)}`;
	const lines = [title];
	for (const group of groups) {
		const memory = group.memoryBytes === undefined ? '-' : formatBytes(group.memoryBytes);
		const idle = group.maxIdleSeconds === undefined ? '-' : formatDuration(group.maxIdleSeconds);
		const newest = group.newestAgeSeconds === undefined ? '-' : formatDuration(group.newestAgeSeconds);
		const opens = group.opensLastMinute === undefined ? '-' : String(group.opensLastMinute);
		lines.push(` ${fitWidth(sanitize(group.key), keyWidth)} ${formatCount(group.count).padStart(7)} ${memory.padStart(10)} ${idle.padStart(9)} ${newest.padStart(8)} ${opens.padStart(10)}`);
	}

	return lines;
}

export function appendToFirst(lines: readonly ToneLine[], note: string): ToneLine[] {
	return note === '' || lines.length === 0 ? [...lines] : [{...lines[0]!, text: `${lines[0]!.text}  ${note}`}, ...lines.slice(1)];
}
