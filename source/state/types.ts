import type {ChurnState} from '../model/churn.js';
import type {InvisibleHistory} from '../model/churn-summary.js';
import type {Column, ColumnChoice} from '../model/columns.js';
import type {ContentWidthTracker} from '../model/content-width.js';
import type {Line} from '../model/fit-line.js';
import type {
	LogLevel,
	LogLevels,
	Session,
	SessionId,
} from '../model/session.js';
import type {SessionFilter} from '../model/filter.js';
import type {
	CountersSnapshot,
	Grouping,
	HostStatus,
	SortKey,
} from '../model/types.js';

export type Mode =
	| {kind: 'table'}
	/** `scroll`: the first help line shown; `maxScroll` as the reducer last fitted it. */
	| {kind: 'help'; scroll: number; maxScroll: number}
	| {kind: 'columns'; cursor: number}
	| {kind: 'detail'; key: string; host: string; id: string; rdns: boolean; scroll: number; maxScroll: number}
	| {kind: 'log'; key: string; host: string; id: SessionId; cursor: number; levels?: LogLevels; busy: boolean; error?: string}
	| {kind: 'churn'}
	/** `f`: the session's filter chain (`chain`, in order) and the filters MaxScale defines (`available`). */
	| {kind: 'filters'; key: string; host: string; id: SessionId; label: string; chain: string[]; serverChain: readonly string[]; available?: string[]; cursor: number; busy: boolean; error?: string}
	/** `under`: the pane the question was asked from, shown behind it and returned to after. */
	| {kind: 'prompt'; purpose: 'kill-grace' | 'restart-all' | 'filter' | 'bulk-grace' | 'bulk-count' | 'bulk-restart' | 'lease-minutes' | 'read-write'; label: Line; text: string; error?: string; target?: Target; under?: PaneMode}
	| {kind: 'confirm'; purpose: 'kill' | 'restart'; question: Line; target: Target; graceSeconds?: number; under?: PaneMode};

export type PaneMode = Extract<Mode, {kind: 'detail' | 'log'}>;

/** One session, named the way the operator sees it (for prompts and status lines). */
export type Target = {
	key: string;
	host: string;
	id: SessionId;
	label: string;
	/** `user@client, service`: the label without the id. */
	detail: string;
};

export type PendingKill = {
	host: string;
	id: string;
	/** When the kill request was answered, epoch ms. */
	sentMs: number;
	graceSeconds: number;
};

/** A log level maxtop turned on for a while; it turns it off again at `untilMs` or on quit. */
export type Lease = {host: string; id: SessionId; level: LogLevel; untilMs: number};

export type BulkKind = 'kill' | 'restart';

/** One session a bulk action aims at, as it was when the operator confirmed. */
export type BulkTarget = {host: string; id: SessionId; memoryBytes?: number; user?: string; client?: string; services: readonly string[]};

export type BulkRequest = {kind: BulkKind; targets: readonly BulkTarget[]; graceSeconds: number};

export type BulkProgress = {
	/** The id of the command that runs it. */
	id: number;
	kind: BulkKind;
	graceSeconds: number;
	total: number;
	/** Killed or restarted. */
	done: number;
	/** 404: the session ended before its request (not an error). */
	gone: number;
	failed: number;
	/** MaxScale's reasons, distinct, first ones only. */
	reasons: readonly string[];
	running: boolean;
	stopRequested: boolean;
	stopped: boolean;
};

/**
Every side effect the reducer asks for: queued in `State.commands`, run once by `useCommands`,
whose outcomes come back as actions.
*/
export type Command =
	| {kind: 'getLogLevels'; host: string; sessionId: SessionId}
	| {kind: 'setLogLevel'; host: string; sessionId: SessionId; level: LogLevel; value: boolean}
	| {kind: 'restart'; host: string; sessionId: SessionId}
	| {kind: 'restartAll'; hosts: string[]}
	| {kind: 'kill'; host: string; sessionId: SessionId; graceSeconds: number}
	| {kind: 'pollNow'}
	| {kind: 'loadFilters'; host: string; sessionId: SessionId}
	| {kind: 'applyFilters'; host: string; sessionId: SessionId; filters: readonly string[]}
	| {kind: 'lease'; host: string; sessionId: SessionId; level: LogLevel; minutes: number}
	| {kind: 'leaseEnd'; host: string; sessionId: SessionId; level: LogLevel}
	| {kind: 'bulk'; request: BulkRequest}
	| {kind: 'bulkStop'; bulkId: number}
	/** OSC 52 to the terminal's clipboard. */
	| {kind: 'copy'; text: string}
	/** `--replay`: one recorded poll back (-1) or forward (1). */
	| {kind: 'replayStep'; delta: number};

export type QueuedCommand = Command & {id: number};

export type StatusMessage = {
	text: string;
	error: boolean;
	/** The screen the message was made on (`screenOf`); it is not shown on another. */
	screen?: string;
};

export type State = {
	readOnly: boolean;
	/** Every configured host, in configuration order. */
	hosts: readonly string[];
	sessionsByHost: ReadonlyMap<string, readonly Session[]>;
	statuses: ReadonlyMap<string, HostStatus>;
	/** Newest live counters per host; `threads` and `services` each keep their last fresh value. */
	counters: ReadonlyMap<string, CountersSnapshot>;
	/** The counters snapshot before the newest one per host, for rates (opens/closes per second). */
	previousCounters: ReadonlyMap<string, CountersSnapshot>;
	/** All hosts' sessions, merged and sorted: the table. */
	rows: readonly Session[];
	/** Columns some session has a value for. */
	columns: readonly Column[];
	/** How wide the rows' values are per column, for the layout; shrinks only after a few refreshes. */
	content: ContentWidthTracker;
	sort: {
		/** What the operator (or the CLI) asked for. */
		requested: SortKey;
		/** What the table is sorted by: memory falls back to idle on servers without memory (< 22.08). */
		key: SortKey;
		descending: boolean;
		explicit: boolean;
	};
	/** The selected session's key (`host + NUL + id`); survives refreshes and re-sorts. */
	cursorKey?: string;
	cursorIndex: number;
	/** First visible row. */
	offset: number;
	/** Table rows that fit on screen: from `screenSize`, fitted after every action and before every key. */
	pageSize: number;
	screenSize?: {width: number; height: number};
	/** Hosts reached over HTTPS without verifying their certificate: a header warning line. */
	insecureHosts?: readonly string[];
	/**
	Ids of the columns the table has room for and shows, in order; undefined until the first layout.
	`<` and `>` sort only by these.
	*/
	shownColumns?: readonly string[];
	mode: Mode;
	paused: boolean;
	intervalSeconds: number;
	pendingKills: ReadonlyMap<string, PendingKill>;
	/** Hosts whose last list named some session id twice (said once, when it starts). */
	duplicateIdHosts?: ReadonlySet<string>;
	status?: StatusMessage;
	commands: readonly QueuedCommand[];
	nextCommandId: number;
	detail?: {session?: Session; error?: string; gone?: boolean};
	/** The operator's column order and hidden columns (chooser `C`, `--columns`, preferences). */
	columnChoice?: ColumnChoice;
	/** Worker meters in the header (`t`). */
	showMeters: boolean;
	/** The applied filter, as typed; '' for none. */
	filterText: string;
	filter?: SessionFilter;
	/** The filter text before `/` opened the prompt, restored by Esc. */
	filterBefore?: string;
	/** Every host's sessions, before the filter. */
	totalCount: number;
	churn: ChurnState;
	grouping: Grouping;
	groupCursor: number;
	/** Tagged session keys (`host + NUL + id`). */
	tags: ReadonlySet<string>;
	/** While the clock is before this, the row order stays as it is (the cursor is aiming). */
	frozenUntilMs?: number;
	/** Newest time the reducer has seen (key presses and snapshots), epoch ms. */
	clockMs: number;
	bulk?: BulkProgress;
	/** The sessions a bulk prompt is about (preview). */
	bulkDraft?: {kind: BulkKind; targets: readonly BulkTarget[]; graceSeconds?: number; scope: string};
	/** Sessions maxtop restarted itself since the last services snapshot (they reconnect, so they are not invisible churn). */
	restartsByUs: number;
	/** Per host, what the sessions-too-brief-for-any-poll figure is summed from. */
	invisibleByHost: ReadonlyMap<string, InvisibleHistory>;
	isReplay: boolean;
	/** Time of the newest sessions snapshot, epoch ms (the `--replay` position). */
	lastSnapshotMs?: number;
	leases: readonly Lease[];
	quit: boolean;
};
