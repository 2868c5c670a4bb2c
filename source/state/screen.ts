import {footerText, helpLines} from '../keymap.js';
import {glyphs} from '../model/charset.js';
import {isNewSession, liveTombstones, opensLastMinuteBy} from '../model/churn-summary.js';
import {applyColumnChoice, layoutColumns, type ColumnLayout} from '../model/columns.js';
import {matchSession} from '../model/filter.js';
import {errorLine, fitLine} from '../model/fit-line.js';
import {groupSessions} from '../model/group.js';
import type {Session} from '../model/session.js';
import {sessionKey} from '../model/types.js';
import {detailLines, detailTitleLine} from './detail-lines.js';
import {accessBadge, tlsWarningLines} from './fleet-lines.js';
import {activityLines, firstLineNotes, headerLines} from './header-lines.js';
import {
	clockText,
	meterBudget,
	tooSmallText,
	workerMeterLines,
} from './terminal-lines.js';
import type {StyledLine, ToneLine} from './tone.js';
import {filterPickerLines} from './filter-chain.js';
import {logPanelLines} from './log-levels.js';
import {scrollPaneLines} from './scroll-pane.js';
import {chooserEntries, columnChooserLines} from './column-chooser.js';
import {churnPanelLines} from './churn-panel.js';
import {groupLines} from './grouping.js';
import {leaseTexts} from './lease.js';
import {shownMode} from './helpers.js';
import {pendingKillText, visibleRows} from './selectors.js';
import {answerKeys, typedPart} from './prompt-lines.js';
import {describeSession} from './targets.js';
import {bulkPreviewLines} from './bulk-kill.js';
import type {State} from './types.js';

export type Terminal = {
	width: number;
	height: number;
	/** Neither changes how many lines anything takes, so the reducer fits the screen without them. */
	ascii?: boolean;
	utc?: boolean;
};

export type RowMark = 'tag' | 'new' | 'tombstone' | 'kill';

export type RowView = {
	key: string;
	session: Session;
	selected: boolean;
	/** Replaces the state cell (a kill countdown). */
	state?: string;
	mark?: RowMark;
};

export type Body = {kind: 'table'; rows: RowView[]; layout: ColumnLayout; sort: State['sort']; emptyText: string} | {kind: 'lines'; lines: StyledLine[]};

export type Screen = {
	/** Set when the terminal is too small for the table: the whole frame is this one line. */
	tooSmall?: string;
	header: StyledLine[];
	bodyHeight: number;
	body: Body;
	/** The status line (or the question asked), then the key footer (or what is wrong with the answer). */
	bottom: StyledLine[];
};

const bottomHeight = 2;

function tombstones(state: State, nowMs: number): Session[] {
	const {filter} = state;
	const sessions = liveTombstones(state.churn, nowMs).map(({id, host, user, remote, appName, services, lifetimeSeconds}): Session => ({
		id, host, user, remote, appName, services, servers: [], filters: [], state: 'closed', ageSeconds: lifetimeSeconds === undefined ? undefined : Math.round(lifetimeSeconds),
	}));
	return filter ? sessions.filter(session => matchSession(filter, session)) : sessions;
}

function header(state: State, terminal: Terminal, nowMs: number, shownRange?: {first: number; last: number}): ToneLine[] {
	const {width, height, ascii, utc} = terminal;
	const marks = glyphs(!ascii);
	const top = headerLines({
		...state,
		sessionCount: state.rows.length,
		hasData: state.sessionsByHost.size > 0,
		nowMs,
		width,
		utc,
		...(state.isReplay && {replayAtMs: state.lastSnapshotMs}),
		ascii,
		shownRange,
	});
	const meters = state.showMeters
		? workerMeterLines({
			...state, width, maxLines: meterBudget(height), glyphs: marks, ascii,
		})
		: [];
	const badge = accessBadge(state);
	const notes = firstLineNotes(state, nowMs, marks);
	// The badge goes first, where a narrow terminal never cuts it off; notes that come and go last.
	const decorate = [
		(text: string) => `${badge === '' ? '' : `${badge} `}${text}${notes === '' ? '' : `  ${notes}`}`,
		(text: string) => `${text}  ${clockText(nowMs, Boolean(utc))}`,
	];
	return [
		...top.map((line, index) => ({...line, text: decorate[index]?.(line.text) ?? line.text})),
		...tlsWarningLines(state),
		...activityLines(state, nowMs, marks, utc),
		...meters,
	].slice(0, Math.max(0, height - bottomHeight));
}

/**
What fits, before any row is drawn: the one place that decides how many lines each part of the
screen gets. The reducer keeps `pageSize`, `shownColumns` and the open pane's `maxScroll` to it.
*/
export function fitScreen(state: State, terminal: Terminal, nowMs: number) {
	const {width, height, utc} = terminal;
	const lines = header(state, terminal, nowMs);
	const bodyHeight = Math.max(0, height - lines.length - bottomHeight);
	const closed = state.mode.kind === 'table' && state.grouping === 'none' ? tombstones(state, nowMs) : [];
	const room = Math.min(3, closed.length, Math.max(0, bodyHeight - 4));
	const mode = shownMode(state.mode);
	const scrolled = mode.kind === 'detail'
		? [
			...leaseTexts(state.leases, mode.host, mode.id, nowMs, utc).map(text => `  lease       ${text}`),
			...detailLines(state.detail?.session, {
				nowMs, utc, rdns: mode.rdns, gone: state.detail?.gone, error: state.detail?.error,
			}),
		]
		: (mode.kind === 'help' ? helpLines(width) : undefined);
	return {
		header: lines,
		bodyHeight,
		pageSize: Math.max(1, bodyHeight - 1 - room),
		// Room at the table's foot for sessions that just closed.
		tombstones: closed.slice(0, room),
		// Nothing else goes in: a kill countdown or any other passing text must not move the columns.
		layout: layoutColumns(width, applyColumnChoice(state.columns, state.columnChoice), state.content.widths, {sortKey: state.sort.key}),
		// The detail or help pane's lines.
		scrolled,
		maxScroll: scrolled && Math.max(0, scrolled.length - (bodyHeight - 1)),
	};
}

function tableBody(state: State, fit: ReturnType<typeof fitScreen>, terminal: Terminal, nowMs: number): {body: Body; offset: number; shown: number} {
	const {layout, pageSize} = fit;
	const view = visibleRows({...state, pageSize});
	const {offset} = view;
	const stateCell = layout.cells.find(cell => cell.column.id === 'state');
	const rows: RowView[] = view.rows.map((session, index) => {
		const key = sessionKey(session);
		const kill = state.pendingKills.get(key);
		let mark: RowView['mark'];
		if (kill && !stateCell) {
			// Without a STATE column the countdown has no cell: the row's leading mark says it instead.
			mark = 'kill';
		} else if (state.tags.has(key)) {
			mark = 'tag';
		} else if (isNewSession(state.churn, session, nowMs)) {
			mark = 'new';
		}

		return {
			key,
			session,
			selected: offset + index === state.cursorIndex,
			state: kill ? pendingKillText(kill, nowMs, terminal.ascii, stateCell?.width) : undefined,
			mark,
		};
	});
	const shown = rows.length;
	for (const session of fit.tombstones) {
		rows.push({
			key: `gone\u{0}${sessionKey(session)}`, session, selected: false, mark: 'tombstone',
		});
	}

	const {hosts} = state;
	const emptyText = state.sessionsByHost.size === 0 ? `connecting to ${hosts.length === 1 ? hosts[0]! : `${hosts.length} hosts`}…` : 'no sessions';
	return {
		body: {
			kind: 'table', rows, layout, sort: state.sort, emptyText,
		},
		offset,
		shown,
	};
}

/**
A bold title line, then the lines that fit, scrolled to keep the line `selected` (an index into
`lines`) in view and drawn inverse.
*/
function titledLines(lines: readonly string[], height: number, selected?: number): StyledLine[] {
	const room = height - 1;
	const rest = lines.slice(1);
	const target = selected === undefined ? 0 : selected - 1;
	const start = selected === undefined ? 0 : Math.max(0, Math.min(target - room + 1, rest.length - room, target));
	return [
		...lines.slice(0, Math.min(1, height)).map(text => ({text, bold: true})),
		...rest.slice(start, start + room).map((text, index) => ({text, inverse: start + index + 1 === selected})),
	];
}

function paneLines(state: State, fit: ReturnType<typeof fitScreen>, terminal: Terminal, nowMs: number): StyledLine[] | undefined {
	const {width, utc} = terminal;
	const size = {...terminal, height: fit.bodyHeight};
	const mode = shownMode(state.mode);
	switch (mode.kind) {
		case 'detail': {
			return scrollPaneLines(detailTitleLine(mode.id, mode.host, {replay: state.isReplay, replayAtMs: state.lastSnapshotMs, utc}), fit.scrolled ?? [], mode.scroll, size);
		}

		case 'help': {
			return scrollPaneLines('Keys  (? or Esc closes)', fit.scrolled ?? [], mode.scroll, size);
		}

		case 'log': {
			const session = state.rows.find(row => sessionKey(row) === mode.key);
			const title = `Log levels of session ${session ? describeSession(session) : mode.id}`;
			return logPanelLines(mode, title, leaseTexts(state.leases, mode.host, mode.id, nowMs, utc), size);
		}

		case 'filters': {
			return filterPickerLines(mode, size);
		}

		case 'columns': {
			return columnChooserLines(chooserEntries(state), state.shownColumns, mode.cursor, size);
		}

		case 'churn': {
			return titledLines(churnPanelLines(state, nowMs, width, fit.bodyHeight), fit.bodyHeight);
		}

		case 'prompt': {
			const draft = state.bulkDraft;
			return draft && mode.purpose.startsWith('bulk-') ? titledLines(bulkPreviewLines(draft.kind, draft.targets, draft.scope), fit.bodyHeight) : undefined;
		}

		case 'table': {
			const {grouping} = state;
			if (grouping === 'none') {
				return undefined;
			}

			const groups = groupSessions(state.rows, grouping, opensLastMinuteBy(state.churn, nowMs, grouping));
			const lines = groupLines(groups, grouping, width);
			return groups.length === 0 ? titledLines([...lines, ' no sessions'], fit.bodyHeight) : titledLines(lines, fit.bodyHeight, Math.min(state.groupCursor, groups.length - 1) + 1);
		}

		case 'confirm': {
			return undefined;
		}
	}
}

/** Everything the frame shows, from the state, the terminal and the clock; the components only draw it. */
export function selectScreen(state: State, terminal: Terminal, nowMs: number): Screen {
	const fit = fitScreen(state, terminal, nowMs);
	let {header: lines} = fit;
	const pane = paneLines(state, fit, terminal, nowMs);
	let body: Body = {kind: 'lines', lines: pane ?? []};
	if (pane === undefined) {
		const table = tableBody(state, fit, terminal, nowMs);
		body = table.body;
		// The range shown never adds a line, so the line count (and the page size) is known without it.
		if (table.offset > 0) {
			lines = header(state, terminal, nowMs, {first: table.offset + 1, last: table.offset + table.shown});
		}
	}

	return {
		// One line instead of a table too cramped to read; the next resize brings the table back.
		tooSmall: tooSmallText(terminal.width, terminal.height),
		header: lines.map((line, index) => ({...line, bold: index === 0})),
		bodyHeight: fit.bodyHeight,
		body,
		bottom: bottomLines(state, terminal),
	};
}

function bottomLines({mode, status}: State, {width, ascii}: Terminal): Screen['bottom'] {
	const footer = mode.kind === 'prompt' && mode.error
		? {text: fitLine(errorLine(mode.error), width, {ascii}), tone: 'error' as const}
		: {text: footerText(mode.kind, width), tone: 'dim' as const};
	if (mode.kind === 'prompt') {
		// On a narrow terminal the session's label and the courtesy words give way first; the verb, the
		// timing and the typed answer stay.
		return [{text: fitLine([...mode.label, typedPart(mode.text)], width, {ascii}), tone: 'normal', bold: true}, footer];
	}

	if (mode.kind === 'confirm') {
		return [{text: fitLine([...mode.question, answerKeys], width, {ascii}), tone: 'warning', bold: true}, footer];
	}

	const line = status?.error ? {text: fitLine(errorLine(status.text), width, {ascii}), tone: 'error' as const} : {text: status?.text ?? '', tone: 'normal' as const};
	return [line, footer];
}
