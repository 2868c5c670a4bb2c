import {
	formatCount,
	formatDuration,
	formatMilliseconds,
	formatRelative,
} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import type {HostStatus} from '../poller/types.js';
import {fleetStatusLines} from './fleet-lines.js';

export type Tone = 'normal' | 'error' | 'warning' | 'dim';
export type ToneLine = {text: string; tone: Tone};

export type HeaderInput = {
	hosts: readonly string[];
	statuses: ReadonlyMap<string, HostStatus>;
	sessionCount: number;
	/**
	Some host has sent a session list.
	*/
	hasData: boolean;
	/**
	The table rows on screen, 1-based, when the table is scrolled: `41–74 of 1,000 sessions`.
	*/
	shownRange?: {first: number; last: number};
	paused: boolean;
	intervalSeconds: number;
	nowMs: number;
	/**
	At most this many lines for failing hosts.
	*/
	maxErrorLines?: number;
	/**
	Screen width, for the fleet line (several hosts). Default 80.
	*/
	width?: number;
	utc?: boolean;
};

function seconds(ms: number): string {
	const value = ms / 1000;
	return Number.isSafeInteger(value) ? `${value}s` : `${value.toFixed(1)}s`;
}

function versionText(statuses: readonly HostStatus[]): string | undefined {
	const versions = [...new Set(statuses.map(status => status.versionText).filter(text => text !== undefined))];
	if (versions.length === 0) {
		return undefined;
	}

	return versions.length === 1 ? `MaxScale ${sanitize(versions[0]!)}` : `MaxScale ${versions.map(text => sanitize(text)).join('/')}`;
}

function isFailing(status: HostStatus): boolean {
	return status.state === 'stale' || status.state === 'down' || status.error !== undefined;
}

function errorLine(status: HostStatus, nowMs: number, isMultiHost: boolean): string {
	const where = isMultiHost ? `${status.host}: ` : '';
	const error = sanitize(status.error ?? (status.state === 'down' ? 'not reachable' : 'last poll failed'));
	// The verdict goes first so a narrow terminal cuts the error text, not the word "stale".
	const data = status.lastSuccessMs === undefined
		? 'no data yet'
		: `stale data, ${formatDuration(Math.max(0, (nowMs - status.lastSuccessMs) / 1000))} old`;
	return `${data}  maxtop: ${where}${error}`;
}

function countText(count: number, range: HeaderInput['shownRange']): string {
	const sessions = `${formatCount(count)} session${count === 1 ? '' : 's'}`;
	return range ? `${formatCount(range.first)}–${formatCount(range.last)} of ${sessions}` : sessions;
}

/**
The top lines of the screen, from the poller's host statuses.
*/
export function headerLines(input: HeaderInput): ToneLine[] {
	const {hosts, nowMs} = input;
	const statuses = hosts.map(host => input.statuses.get(host)).filter(status => status !== undefined);
	const where = hosts.length === 1 ? hosts[0]! : `${hosts.length} hosts`;
	const lines: ToneLine[] = [];

	if (input.hasData) {
		// The count before the version: a narrow terminal cuts the end of the line.
		const parts = ['maxtop', where, countText(input.sessionCount, input.shownRange)];
		const version = versionText(statuses);
		if (version) {
			parts.push(version);
		}

		if (input.paused) {
			parts.push('PAUSED (p resumes)');
		}

		lines.push({text: parts.join('  '), tone: 'normal'});
	} else {
		lines.push({text: `maxtop  connecting to ${where}…${input.paused ? '  PAUSED' : ''}`, tone: 'normal'});
	}

	const timing = [`refresh ${input.intervalSeconds}s`];
	const effective = Math.max(0, ...statuses.map(status => status.effectiveIntervalMs));
	if (effective > 0 && effective !== input.intervalSeconds * 1000) {
		const reason = statuses.find(status => status.effectiveIntervalMs === effective)?.intervalReason;
		timing[0] += ` (effective ${seconds(effective)}${reason ? `: ${sanitize(reason)}` : ''})`;
	}

	const durations = statuses.map(status => status.lastListDurationMs).filter(ms => ms !== undefined);
	if (durations.length > 0) {
		timing.push(`poll ${formatMilliseconds(Math.max(...durations))}`);
	}

	const successes = statuses.map(status => status.lastSuccessMs).filter(ms => ms !== undefined);
	if (successes.length > 0) {
		timing.push(`updated ${formatRelative(Math.min(...successes), nowMs)}`);
	}

	lines.push({text: timing.join('  '), tone: 'dim'});

	const maxErrorLines = input.maxErrorLines ?? 2;
	if (hosts.length > 1) {
		return [...lines, ...fleetStatusLines({
			hosts, statuses: input.statuses, nowMs, width: input.width ?? 80, utc: input.utc, maxLines: maxErrorLines,
		})];
	}

	const failing = statuses.filter(status => isFailing(status));
	const shown = failing.length > maxErrorLines ? failing.slice(0, maxErrorLines - 1) : failing;
	for (const status of shown) {
		lines.push({text: errorLine(status, nowMs, hosts.length > 1), tone: status.lastSuccessMs === undefined ? 'error' : 'warning'});
	}

	if (shown.length < failing.length) {
		lines.push({text: `maxtop: ${failing.length - shown.length} more hosts failing; their data is stale`, tone: 'error'});
	}

	return lines;
}
