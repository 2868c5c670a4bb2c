import {formatBytes, formatCount, formatDuration} from '../model/format.js';
import {groupFilterTerm, groupSessions, type SessionGroup} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import {fitWidth} from '../model/text.js';
import {groupings, type GroupBy, type Grouping} from '../model/types.js';
import {applyFilterText} from './filter.js';
import {setStatus} from './helpers.js';
import {moveCursorTo} from './table.js';
import type {State} from './types.js';

/** The order `g` cycles through; `host` joins it only with several MaxScales. */
export const groupingOrder: readonly Grouping[] = groupings.filter(grouping => grouping !== 'host');

/** Each grouping as the status line names it, and its column title. */
const groupLabels: Record<GroupBy, [name: string, title: string]> = {
	user: ['user', 'USER'],
	client: ['client host', 'CLIENT'],
	app: ['application', 'APPLICATION'],
	service: ['service', 'SERVICE'],
	server: ['backend server', 'SERVER'],
	thread: ['worker thread', 'THREAD'],
	host: ['MaxScale', 'MAXSCALE'],
};

/** The table shows groups instead of sessions. */
export function isGroupView(state: State): boolean {
	return state.grouping !== 'none' && state.mode.kind === 'table';
}

function ungrouped(state: State): State {
	return {...state, grouping: 'none', groupCursor: 0};
}

export function cycleGroup(state: State): State {
	const order = state.hosts.length > 1 ? [...groupingOrder, 'host' as const] : groupingOrder;
	const grouping = order[(order.indexOf(state.grouping) + 1) % order.length]!;
	const next = {...state, grouping, groupCursor: 0};
	return setStatus(next, grouping === 'none' ? 'grouping off' : `grouped by ${groupLabels[grouping][0]} (Enter filters to a group)`, false);
}

export function leaveGroupView(state: State): State {
	return setStatus(ungrouped(state), 'grouping off', false);
}

export function moveGroupCursor(state: State, delta: number | 'start' | 'end'): State {
	const {grouping} = state;
	if (grouping === 'none') {
		return state;
	}

	const count = groupSessions(state.rows, grouping).length;
	const current = state.groupCursor;
	const wanted = delta === 'start' ? 0 : (delta === 'end' ? count - 1 : current + delta);
	return {...state, groupCursor: Math.max(0, Math.min(wanted, count - 1))};
}

/** Enter on a group: the table filtered to that group's sessions. */
export function openGroup(state: State): State {
	const {grouping} = state;
	if (grouping === 'none') {
		return state;
	}

	const groups = groupSessions(state.rows, grouping);
	const group = groups[Math.min(state.groupCursor, groups.length - 1)];
	if (!group) {
		return setStatus(state, 'no group selected', true);
	}

	const term = groupFilterTerm(grouping, group.key, group.missing);
	const text = state.filterText === '' ? term : `${state.filterText} ${term}`;
	const applied = applyFilterText(ungrouped(state), text);
	return typeof applied === 'string' ? setStatus(state, applied, true) : setStatus(moveCursorTo(applied, 0), String.raw`filter: ${sanitize(text)}  (\ clears)`, false);
}

/** The grouped view: the title line, then one line per group. */
export function groupLines(groups: readonly SessionGroup[], by: GroupBy, width: number): string[] {
	const keyWidth = Math.max(10, width - 52);
	const title = ` ${fitWidth(groupLabels[by][1], keyWidth)} ${'SESS'.padStart(7)} ${'MEMORY'.padStart(10)} ${'MAX IDLE'.padStart(9)} ${'NEWEST'.padStart(8)} ${'OPENS/MIN'.padStart(10)}`;
	const lines = [title];
	for (const group of groups) {
		const cell = (value: number | undefined, format: (value: number) => string, pad: number) => (value === undefined ? '-' : format(value)).padStart(pad);
		lines.push(` ${fitWidth(sanitize(group.key), keyWidth)} ${formatCount(group.count).padStart(7)} ${cell(group.memoryBytes, formatBytes, 10)} ${cell(group.maxIdleSeconds, formatDuration, 9)} ${cell(group.newestAgeSeconds, formatDuration, 8)} ${cell(group.opensLastMinute, String, 10)}`);
	}

	return lines;
}
