import {sparkline, type Glyphs} from '../model/charset.js';
import {
	formatBytes,
	formatCount,
	formatDuration,
	formatTime,
} from '../model/format.js';
import type {SessionGroup} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import {fitWidth} from '../model/text.js';
import {bulkProgressText} from '../state/bulk-kill.js';
import {invisibleTotal} from '../state/churn-panel.js';
import {isFrozen} from '../state/table.js';
import type {TriageState} from '../state/types.js';
import type {GroupBy} from '../model/types.js';
import {
	type ChurnEntry,
	churnSummary,
	type ChurnSummary,
	historyValues,
} from '../model/churn-summary.js';
import type {ToneLine} from './tone.js';

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
			`sessions ${sparkline(historyValues(churn, 'sessions'), 20, glyphs, {relative: true})}`,
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

const churnSections: Array<[keyof ChurnSummary['top'], string]> = [
	['client', 'Client hosts'],
	['subnet', 'Client subnets'],
	['user', 'Users'],
	['app', 'Applications'],
	['service', 'Services'],
];

/**
Entry lines per section for `room` lines: at least one each (an entry or "(none)"), the rest
dealt out in turns to the sections that have more, so a storm's many client hosts use the room
the quiet sections leave.
*/
export function sectionRows(counts: readonly number[], room: number): number[] {
	const rows = counts.map(() => 1);
	let left = room - rows.length;
	let isGiving = true;
	while (left > 0 && isGiving) {
		isGiving = false;
		for (const [index, count] of counts.entries()) {
			if (left === 0 || rows[index]! >= count) {
				continue;
			}

			rows[index]!++;
			left--;
			isGiving = true;
		}
	}

	return rows;
}

function invisibleLine(triage: TriageState): string {
	const invisible = invisibleTotal(triage);
	// Fits 80 columns; "60 s" rather than formatDuration's "1m00s", which reads as a countdown.
	return invisible === undefined
		? 'Too brief for polling to see: not known yet (needs total_connections)'
		: `Too brief for polling to see: ${invisible.count} in the last ${Math.round(invisible.spanMs / 1000)} s (total_connections - births)`;
}

/**
The `c` panel: who opened and closed sessions in the last minute, busiest first, cut to `height`
lines (the panel does not scroll).
*/
export function churnPanelLines(triage: TriageState, nowMs: number, width: number, height: number): string[] {
	const summary = churnSummary(triage.churn, nowMs, Math.max(1, height));
	const minutes = triage.churn.options.windowMs / 60_000;
	const lines = [
		`Churn in the last ${minutes === 1 ? 'minute' : `${minutes} minutes`}: ${summary.opens} opened, ${summary.closes} closed, ${summary.shortLived} lived < ${triage.churn.options.shortLivedSeconds}s`,
		invisibleLine(triage),
	];
	const entries = churnSections.map(([dimension]) => summary.top[dimension]);
	const counts = entries.map(list => list.length);
	const titleLines = churnSections.length;
	// Blank lines between sections only while each can still list two entries: on 80×24 the
	// entries matter more.
	const wantsGaps = lines.length + (2 * titleLines) + counts.reduce((sum, count) => sum + Math.min(2, Math.max(1, count)), 0) <= height;
	const rows = sectionRows(counts, height - lines.length - (titleLines * (wantsGaps ? 2 : 1)));
	const keyWidth = Math.max(12, Math.min(40, width - 30));
	for (const [index, [, title]] of churnSections.entries()) {
		if (wantsGaps) {
			lines.push('');
		}

		lines.push(`${fitWidth(title, keyWidth + 2)} ${'opened'.padStart(6)} ${'closed'.padStart(6)} ${'<10s'.padStart(6)}`);
		const shown = entries[index]!.slice(0, rows[index]);
		if (shown.length === 0) {
			lines.push('  (none)');
		}

		for (const entry of shown) {
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
