import type {Column, ColumnChoice} from '../model/columns.js';
import type {ContentWidthTracker} from '../model/content-width.js';
import type {Line} from '../model/fit-line.js';
import type {
	LogLevel,
	LogLevels,
	Session,
	SessionId,
} from '../model/session.js';
import type {CountersSnapshot, HostStatus, SortKey} from '../model/types.js';
import type {TriageState} from './triage-types.js';
import type {FleetState} from './fleet-types.js';

export type Mode =
	| {kind: 'table'}
	/**
	`scroll`: the first help line shown; `maxScroll` as the reducer last fitted it.
	*/
	| {kind: 'help'; scroll: number; maxScroll: number}
	| {kind: 'columns'; cursor: number}
	| {kind: 'detail'; key: string; host: string; id: string; rdns: boolean; scroll: number; maxScroll: number}
	| {kind: 'log'; key: string; host: string; id: SessionId; cursor: number; levels?: LogLevels; busy: boolean; error?: string}
	| {kind: 'churn'}
	/**
	`f`: the session's filter chain (`chain`, in order) and the filters MaxScale defines (`available`).
	*/
	| {kind: 'filters'; key: string; host: string; id: SessionId; label: string; chain: string[]; serverChain: readonly string[]; available?: string[]; cursor: number; busy: boolean; error?: string}
	/**
	`under`: the pane the question was asked from, shown behind it and returned to after.
	*/
	| {kind: 'prompt'; purpose: 'kill-grace' | 'restart-all' | 'filter' | 'bulk-grace' | 'bulk-count' | 'bulk-restart' | 'lease-minutes' | 'read-write'; label: Line; text: string; error?: string; target?: Target; under?: PaneMode}
	| {kind: 'confirm'; purpose: 'kill' | 'restart'; question: Line; target: Target; graceSeconds?: number; under?: PaneMode};

export type PaneMode = Extract<Mode, {kind: 'detail' | 'log'}>;

/**
One session, named the way the operator sees it (for prompts and status lines).
*/
export type Target = {
	key: string;
	host: string;
	id: SessionId;
	label: string;
	/**
	`user@client, service`: the label without the id.
	*/
	detail: string;
};

export type PendingKill = {
	host: string;
	id: string;
	/**
	When the kill request was answered, epoch ms.
	*/
	sentMs: number;
	graceSeconds: number;
};

export type Command =
	| {id: number; kind: 'getLogLevels'; host: string; sessionId: SessionId}
	| {id: number; kind: 'setLogLevel'; host: string; sessionId: SessionId; level: LogLevel; value: boolean}
	| {id: number; kind: 'restart'; host: string; sessionId: SessionId}
	| {id: number; kind: 'restartAll'; hosts: string[]}
	| {id: number; kind: 'kill'; host: string; sessionId: SessionId; graceSeconds: number}
	| {id: number; kind: 'pollNow'};

export type StatusMessage = {
	text: string;
	error: boolean;
	/**
	The screen the message was made on (`screenOf`); it is not shown on another.
	*/
	screen?: string;
};

export type State = {
	readOnly: boolean;
	/**
	Every configured host, in configuration order.
	*/
	hosts: readonly string[];
	sessionsByHost: ReadonlyMap<string, readonly Session[]>;
	statuses: ReadonlyMap<string, HostStatus>;
	/**
	Newest live counters per host; `threads` and `services` each keep their last fresh value.
	*/
	counters: ReadonlyMap<string, CountersSnapshot>;
	/**
	The counters snapshot before the newest one per host, for rates (opens/closes per second).
	*/
	previousCounters: ReadonlyMap<string, CountersSnapshot>;
	/**
	All hosts' sessions, merged and sorted: the table.
	*/
	rows: readonly Session[];
	/**
	Columns some session has a value for.
	*/
	columns: readonly Column[];
	/**
	How wide the rows' values are per column, for the layout; shrinks only after a few refreshes.
	*/
	content: ContentWidthTracker;
	sort: {
		/**
		What the operator (or the CLI) asked for.
		*/
		requested: SortKey;
		/**
		What the table is sorted by: memory falls back to idle on servers without memory (< 22.08).
		*/
		key: SortKey;
		descending: boolean;
		explicit: boolean;
	};
	/**
	The selected session's key (`host + NUL + id`); survives refreshes and re-sorts.
	*/
	cursorKey?: string;
	cursorIndex: number;
	/**
	First visible row.
	*/
	offset: number;
	/**
	Table rows that fit on screen: from `screenSize`, fitted after every action and before every key.
	*/
	pageSize: number;
	screenSize?: {width: number; height: number};
	/**
	Hosts reached over HTTPS without verifying their certificate: a header warning line.
	*/
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
	/**
	Hosts whose last list named some session id twice (said once, when it starts).
	*/
	duplicateIdHosts?: ReadonlySet<string>;
	status?: StatusMessage;
	outbox: readonly Command[];
	nextCommandId: number;
	detail?: {session?: Session; error?: string; gone?: boolean};
	/**
	The operator's column order and hidden columns (chooser `C`, `--columns`, preferences).
	*/
	columnChoice?: ColumnChoice;
	/**
	Worker meters in the header (`t`).
	*/
	showMeters: boolean;
	/**
	Filter, churn, grouping, tags, frozen order and bulk actions (`source/state/triage*.ts`).
	*/
	triage: TriageState;
	/**
	Filter chains, log-level leases and their requests (`source/state/fleet*.ts`).
	*/
	fleet: FleetState;
	quit: boolean;
};
