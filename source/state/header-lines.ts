import {sparkline, type Glyphs} from '../model/charset.js';
import {churnSummary, historyValues} from '../model/churn-summary.js';
import {
	formatCount,
	formatDuration,
	formatMilliseconds,
	formatRelative,
	formatTime,
} from '../model/format.js';
import {errorLine, fitLine} from '../model/fit-line.js';
import {sanitize} from '../model/sanitize.js';
import type {HostStatus} from '../model/types.js';
import {bulkProgressText} from './bulk-kill.js';
import {invisibleTotal} from './churn-panel.js';
import {fleetStatusLines} from './fleet-lines.js';
import {isFrozen} from './table.js';
import type {ToneLine} from './tone.js';
import type {State} from './types.js';

export type HeaderInput = Pick<State, 'hosts' | 'statuses' | 'paused' | 'intervalSeconds'> & {
	sessionCount: number;
	/** Some host has sent a session list. */
	hasData: boolean;
	/** The table rows on screen, 1-based, when the table is scrolled: `41–74 of 1,000 sessions`. */
	shownRange?: {first: number; last: number};
	nowMs: number;
	/** Screen width, for the fleet line (several hosts). Default 80. */
	width?: number;
	utc?: boolean;
	/**
	Replaying a recording: the recorded time on screen. Ages and staleness are judged at that
	moment, not at the wall clock's.
	*/
	replayAtMs?: number;
	ascii?: boolean;
};

function seconds(ms: number): string {
	const value = ms / 1000;
	return Number.isSafeInteger(value) ? `${value}s` : `${value.toFixed(1)}s`;
}

function versionText(statuses: readonly HostStatus[]): string | undefined {
	const versions = [...new Set(statuses.map(status => status.versionText).filter(text => text !== undefined))];
	return versions.length === 0 ? undefined : `MaxScale ${versions.map(text => sanitize(text)).join('/')}`;
}

function hostErrorLine(status: HostStatus, nowMs: number, width: number, ascii?: boolean): string {
	const error = sanitize(status.error ?? (status.state === 'down' ? 'not reachable' : 'last poll failed'));
	// The verdict goes first, and the error's reason (`(connection refused)`) stays at its end: a narrow
	// terminal cuts the middle of the message instead.
	const data = status.lastSuccessMs === undefined
		? 'no data yet'
		: `stale data, ${formatDuration(Math.max(0, (nowMs - status.lastSuccessMs) / 1000))} old`;
	return fitLine([{text: `${data}  `, priority: 9}, ...errorLine(error)], width, {ascii});
}

/**
How fresh the data is. One host, or a fleet whose hosts all answered within an interval of each
other: `updated 3s ago`. A fleet where some host lags: the freshest time, then the host that lags
most, by name, so "15s ago" is never read as the age of every host. A replay says the recorded
time instead, since the wall clock has nothing to do with it.
*/
export function updatedText(statuses: readonly HostStatus[], nowMs: number, replayAtMs?: number, utc?: boolean): string | undefined {
	const answered = statuses.filter(status => status.lastSuccessMs !== undefined);
	if (answered.length === 0) {
		return undefined;
	}

	const newest = Math.max(...answered.map(status => status.lastSuccessMs!));
	const lagging = answered
		.filter(status => newest - status.lastSuccessMs! > Math.max(lagSlackMs, status.effectiveIntervalMs))
		.sort((a, b) => a.lastSuccessMs! - b.lastSuccessMs!);
	if (replayAtMs !== undefined) {
		const base = `recorded ${formatTime(replayAtMs, {utc}).slice(11)}`;
		return lagging.length === 0 ? base : `${base} (${laggingText(lagging, ms => `${formatDuration((replayAtMs - ms) / 1000)} earlier`)})`;
	}

	// Within an interval of each other: the oldest age is true of every host.
	const oldest = Math.min(...answered.map(status => status.lastSuccessMs!));
	return lagging.length === 0
		? `updated ${formatRelative(oldest, nowMs)}`
		: `updated ${formatRelative(newest, nowMs)} (${laggingText(lagging, ms => formatRelative(ms, nowMs))})`;
}

/** Hosts answer at their own moments within an interval; only a host further behind than that lags. */
const lagSlackMs = 2000;

function laggingText(lagging: readonly HostStatus[], age: (ms: number) => string): string {
	const [worst, ...rest] = lagging;
	const more = rest.length === 0 ? '' : `, ${rest.length} more behind`;
	return `${sanitize(worst!.host)} ${age(worst!.lastSuccessMs!)}${more}`;
}

function countText(count: number, range: HeaderInput['shownRange']): string {
	const sessions = `${formatCount(count)} session${count === 1 ? '' : 's'}`;
	return range ? `${formatCount(range.first)}–${formatCount(range.last)} of ${sessions}` : sessions;
}

/** The parts that are there, two spaces apart. */
function spaced(...parts: Array<string | false | undefined>): string {
	return parts.filter(part => typeof part === 'string').join('  ');
}

/** The top lines of the screen, from the poller's host statuses. */
export function headerLines(input: HeaderInput): ToneLine[] {
	const {hosts, nowMs} = input;
	const statuses = hosts.map(host => input.statuses.get(host)).filter(status => status !== undefined);
	const where = hosts.length === 1 ? hosts[0]! : `${hosts.length} hosts`;
	const effective = Math.max(0, ...statuses.map(status => status.effectiveIntervalMs));
	const reason = statuses.find(status => status.effectiveIntervalMs === effective)?.intervalReason;
	const effectiveText = effective > 0 && effective !== input.intervalSeconds * 1000 ? ` (effective ${seconds(effective)}${reason ? `: ${sanitize(reason)}` : ''})` : '';
	const durations = statuses.map(status => status.lastListDurationMs).filter(ms => ms !== undefined);
	const lines: ToneLine[] = [
		{
			// The count before the version: a narrow terminal cuts the end of the line.
			text: input.hasData
				? spaced('maxtop', where, countText(input.sessionCount, input.shownRange), versionText(statuses), input.paused && 'PAUSED (p resumes)')
				: `maxtop  connecting to ${where}…${input.paused ? '  PAUSED' : ''}`,
			tone: 'normal',
		},
		{
			text: spaced(
				`refresh ${input.intervalSeconds}s${effectiveText}`,
				durations.length > 0 && `poll ${formatMilliseconds(Math.max(...durations))}`,
				updatedText(statuses, nowMs, input.replayAtMs, input.utc),
			),
			tone: 'dim',
		},
	];
	if (hosts.length > 1) {
		return [...lines, ...fleetStatusLines({
			hosts, statuses: input.statuses, nowMs: input.replayAtMs ?? nowMs, width: input.width ?? 80, utc: input.utc,
		})];
	}

	const [status] = statuses;
	if (status && (status.state === 'stale' || status.state === 'down' || status.error !== undefined)) {
		lines.push({text: hostErrorLine(status, nowMs, input.width ?? 80, input.ascii), tone: status.lastSuccessMs === undefined ? 'error' : 'warning'});
	}

	return lines;
}

/** Short notes for the end of the header's first line: they come and go often, so they must not move the table. */
export function firstLineNotes(state: State, nowMs: number, glyphs: Glyphs): string {
	return spaced(state.tags.size > 0 && `${glyphs.tag} ${state.tags.size} tagged`, isFrozen(state, nowMs) && 'order frozen');
}

/** Header lines for a replay, the filter, a bulk action and churn; empty until there is something to say. */
export function activityLines(state: State, nowMs: number, glyphs: Glyphs, utc?: boolean): ToneLine[] {
	const notes = spaced(
		state.isReplay && state.lastSnapshotMs !== undefined && `REPLAY ${formatTime(state.lastSnapshotMs, {utc})}  ←/→ step`,
		state.filter && `filter: ${sanitize(state.filterText)}  ${formatCount(state.rows.length)} of ${formatCount(state.totalCount)} sessions`,
		state.bulk?.running && bulkProgressText(state.bulk),
	);
	const lines: ToneLine[] = notes === '' ? [] : [{text: notes, tone: 'normal'}];
	const {churn} = state;
	// A quiet server gets no churn line, so the table does not move down for nothing.
	if (churn.history.items.some(sample => sample.opens > 0 || sample.closes > 0)) {
		const interval = churn.lastInterval;
		const summary = churnSummary(churn, nowMs, 0);
		const invisible = invisibleTotal(state);
		lines.push({
			text: spaced(
				`churn +${interval.opens} -${interval.closes}`,
				`${Math.round(summary.opensPerMinute)}/min opened ${Math.round(summary.closesPerMinute)}/min closed`,
				`sessions ${sparkline(historyValues(churn, 'sessions'), 20, glyphs, {relative: true})}`,
				`opens ${sparkline(historyValues(churn, 'opens'), 20, glyphs)}`,
				invisible !== undefined && invisible.count > 0 && `unseen ${invisible.count}`,
			),
			tone: 'dim',
		});
	}

	return lines;
}
