import {formatTime} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {displayWidth} from '../model/text.js';
import type {HostState, HostStatus} from '../model/types.js';
import type {ToneLine} from './tone.js';
import type {State} from './types.js';

export type FleetLineInput = {
	hosts: readonly string[];
	statuses: ReadonlyMap<string, HostStatus>;
	nowMs: number;
	width: number;
	utc?: boolean;
	/** At most this many lines. Default 2. */
	maxLines?: number;
};

type HostView = {host: string; state: HostState; status?: HostStatus};

/**
A poll that has not come back for this many intervals (a hanging host, before its timeout)
already counts as stale.
*/
const staleAfterIntervals = 3;
const minStaleMs = 5000;

/** The state to show: `ok` turns `stale` when the last success is too old (the list poll hangs). */
export function shownState(status: HostStatus | undefined, nowMs: number): HostState {
	if (!status) {
		return 'connecting';
	}

	if (status.state === 'ok' && status.lastSuccessMs !== undefined) {
		const limit = Math.max(minStaleMs, staleAfterIntervals * status.effectiveIntervalMs);
		return nowMs - status.lastSuccessMs > limit ? 'stale' : 'ok';
	}

	return status.state;
}

const severity: Record<HostState, number> = {
	down: 3, stale: 2, connecting: 1, ok: 0,
};

function hostText(view: HostView, options: Pick<FleetLineInput, 'utc'>): string {
	const {status} = view;
	const reason = status?.error === undefined ? '' : ` (${sanitize(status.error)})`;
	switch (view.state) {
		case 'ok':
		case 'connecting': {
			return `${view.host} ${view.state}`;
		}

		case 'stale': {
			// Time of day only: the header has no room for a date, and an incident is today.
			const since = status?.lastSuccessMs === undefined ? '' : ` since ${formatTime(status.lastSuccessMs, {utc: options.utc}).slice(11)}`;
			return `${view.host} stale${since}${status?.state === 'ok' ? ' (no answer yet)' : reason}`;
		}

		case 'down': {
			return `${view.host} down${reason}`;
		}
	}
}

/**
The fleet's state for the header: every host on one line when that fits, else
`50 hosts: 48 ok, 1 stale, 1 down` with the worst hosts named on the lines after it.
*/
export function fleetStatusLines(input: FleetLineInput): ToneLine[] {
	const maxLines = input.maxLines ?? 2;
	const all = input.hosts.map((host): HostView => {
		const status = input.statuses.get(host);
		return {host, state: shownState(status, input.nowMs), status};
	});
	const worst = Math.max(0, ...all.map(view => severity[view.state]));
	const tone = worst >= 2 ? (worst === 3 ? 'error' : 'warning') : 'dim';
	const oneLine = all.map(view => hostText(view, input)).join('  ');
	if (displayWidth(oneLine) <= input.width || maxLines < 2) {
		return maxLines < 1 ? [] : [{text: oneLine, tone}];
	}

	const counts = (['ok', 'connecting', 'stale', 'down'] as const)
		.map(state => [state, all.filter(view => view.state === state).length] as const)
		.filter(([, count]) => count > 0)
		.map(([state, count]) => `${count} ${state}`);
	const failing = all.filter(view => view.state !== 'ok')
		.sort((a, b) => severity[b.state] - severity[a.state] || (a.status?.lastSuccessMs ?? 0) - (b.status?.lastSuccessMs ?? 0));
	const summary = `${all.length} hosts: ${counts.join(', ')}`;
	if (failing.length === 0) {
		return [{text: summary, tone}];
	}

	// The worst host shares the summary line; each further line names one more, the last the rest.
	const [first, ...others] = failing;
	const lines: ToneLine[] = [{text: `${summary}  ${hostText(first!, input)}`, tone}];
	const room = maxLines - 1;
	const shown = others.length > room ? others.slice(0, Math.max(0, room - 1)) : others;
	for (const view of shown) {
		lines.push({text: hostText(view, input), tone: view.state === 'down' ? 'error' : 'warning'});
	}

	const rest = others.slice(shown.length);
	if (rest.length > 0 && room > 0) {
		lines.push({text: `${rest.length} more not ok: ${rest.map(view => `${view.host} ${view.state}`).join(', ')}`, tone: 'warning'});
	}

	return lines;
}

type AccessInput = Pick<State, 'readOnly' | 'hosts' | 'statuses' | 'insecureHosts'>;

/** `[RO]` when nothing can be changed (on some hosts: `[RO: a, b]`), for the first header line. */
export function accessBadge(input: AccessInput): string {
	if (input.readOnly) {
		return '[RO]';
	}

	const basic = input.hosts.filter(host => input.statuses.get(host)?.readOnly);
	if (basic.length === 0) {
		return '';
	}

	return basic.length === input.hosts.length ? '[RO basic account]' : `[RO on ${basic.length === 1 ? basic[0]! : `${basic.length} hosts`}]`;
}

/** A warning line while a certificate goes unchecked: anyone on the path could read the password. */
export function tlsWarningLines(input: Pick<AccessInput, 'insecureHosts' | 'hosts'>): ToneLine[] {
	const insecure = input.insecureHosts ?? [];
	if (insecure.length === 0) {
		return [];
	}

	const where = input.hosts.length === 1 ? '' : `: ${insecure.join(', ')}`;
	return [{text: `WARNING: TLS certificate not verified (--tls-verify-server-cert=false)${where}`, tone: 'warning'}];
}
