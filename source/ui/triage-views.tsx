import type {ReactNode} from 'react';
import {matchSession} from '../model/filter.js';
import {groupSessions} from '../model/group.js';
import type {Session} from '../model/session.js';
import {shownMode} from '../state/helpers.js';
import {bulkPreviewLines, isBulkPurpose} from '../state/bulk-kill.js';
import type {State} from '../state/types.js';
import {sessionKey} from '../model/types.js';
import {isNewSession, liveTombstones, opensLastMinuteBy} from '../model/churn-summary.js';
import {LinesPane} from './lines-pane.js';
import type {RowMark} from './session-row.js';
import type {RowView} from './session-table.js';
import {churnPanelLines, groupLines} from './triage-lines.js';

type ViewInput = {
	state: State;
	nowMs: number;
	width: number;
	height: number;
	ascii?: boolean;
};

type TriageScreen = 'churn' | 'bulkPreview' | 'groups';

function triageScreen(state: State): TriageScreen | undefined {
	const {mode, triage} = state;
	if (mode.kind === 'churn') {
		return 'churn';
	}

	if (mode.kind === 'prompt' && triage.bulkDraft && isBulkPurpose(mode.purpose)) {
		return 'bulkPreview';
	}

	return mode.kind === 'table' && triage.grouping !== 'none' ? 'groups' : undefined;
}

/**
The body is the session table: the table itself, or a question asked over it.
*/
export function showsSessionTable(state: State): boolean {
	return ['table', 'prompt', 'confirm'].includes(shownMode(state.mode).kind) && triageScreen(state) === undefined;
}

/**
The body for the triage screens (churn panel, grouped view, bulk preview); undefined for the others.
*/
export function triageBody({state, nowMs, width, height, ascii}: ViewInput): ReactNode {
	const {triage} = state;
	const screen = triageScreen(state);
	if (screen === 'churn') {
		return <LinesPane lines={churnPanelLines(triage, nowMs, width, height)} width={width} height={height} fixed={1} ascii={ascii}/>;
	}

	if (screen === 'bulkPreview' && triage.bulkDraft) {
		return <LinesPane lines={bulkPreviewLines(triage.bulkDraft.kind, triage.bulkDraft.targets, triage.bulkDraft.scope)} width={width} height={height} fixed={1} ascii={ascii}/>;
	}

	if (screen === 'groups' && triage.grouping !== 'none') {
		const groups = groupSessions(state.rows, triage.grouping, opensLastMinuteBy(triage.churn, nowMs, triage.grouping));
		const cursor = Math.min(triage.groupCursor, groups.length - 1);
		const lines = groupLines(groups, triage.grouping, width);
		return <LinesPane lines={lines.length > 1 ? lines : [...lines, ' no sessions']} width={width} height={height} fixed={1} selected={cursor >= 0 ? cursor + 1 : undefined} ascii={ascii}/>;
	}

	return undefined;
}

export function rowMark(state: State, session: Session, nowMs: number): RowMark | undefined {
	if (state.triage.tags.has(sessionKey(session))) {
		return 'tag';
	}

	return isNewSession(state.triage.churn, session, nowMs) ? 'new' : undefined;
}

/**
Lines kept at the bottom of the table for sessions that just closed.
*/
export function tombstoneRoom(state: State, nowMs: number, bodyHeight: number): number {
	return Math.min(3, tombstones(state, nowMs).length, Math.max(0, bodyHeight - 4));
}

function tombstones(state: State, nowMs: number): Session[] {
	const {filter} = state.triage;
	const sessions = liveTombstones(state.triage.churn, nowMs).map((tombstone): Session => ({
		id: tombstone.id,
		host: tombstone.host,
		user: tombstone.user,
		remote: tombstone.remote,
		appName: tombstone.appName,
		services: tombstone.services,
		servers: [],
		filters: [],
		state: 'closed',
		ageSeconds: tombstone.lifetimeSeconds === undefined ? undefined : Math.round(tombstone.lifetimeSeconds),
	}));
	return filter ? sessions.filter(session => matchSession(filter, session)) : sessions;
}

export function tombstoneViews(state: State, nowMs: number, room: number): RowView[] {
	const shown = tombstones(state, nowMs).slice(0, room);
	return shown.map(session => ({
		key: `gone\u{0}${sessionKey(session)}`, session, selected: false, mark: 'tombstone',
	}));
}
