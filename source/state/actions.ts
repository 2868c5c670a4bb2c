import type {KeyPress} from '../keymap.js';
import type {
	LogLevel,
	LogLevels,
	Session,
	SessionId,
} from '../model/session.js';
import type {CountersSnapshot, HostStatus, SessionsSnapshot} from '../model/types.js';

export type BulkOutcome = 'done' | 'gone' | 'failed';

export type Action =
	/** `atMs`: when the key was pressed, epoch ms (freezes the row order for a while). */
	| {type: 'key'; input: string; key: KeyPress; atMs?: number}
	| {type: 'sessions'; snapshot: SessionsSnapshot}
	| {type: 'status'; status: HostStatus}
	| {type: 'counters'; snapshot: CountersSnapshot}
	| {type: 'detail'; host: string; id: string; session?: Session; error?: string}
	/** The terminal's size; the reducer works out from it what fits (`state/screen.ts`). */
	| {type: 'resize'; width: number; height: number}
	/** How many table rows fit: the reducer's own fit after `resize`, or a test's without a size. */
	| {type: 'viewport'; pageSize: number; shownColumns?: readonly string[]}
	/** How far the open pane (detail or help) can scroll with its current content and height. */
	| {type: 'scrollBounds'; maxScroll: number}
	/** The command runner has started these; they leave the queue. */
	| {type: 'commandsTaken'; ids: readonly number[]}
	| {type: 'logLevelsLoaded'; host: string; id: string; levels?: LogLevels; error?: string}
	| {type: 'commandDone'; text: string; error: boolean}
	| {type: 'killSent'; host: string; id: string; graceSeconds: number; sentMs: number}
	| {type: 'bulkItem'; id: number; host: string; sessionId: string; outcome: BulkOutcome; reason?: string; atMs: number}
	| {type: 'bulkFinished'; id: number; stopped: boolean}
	/** The filter chain picker's data: the filters MaxScale defines and the session's chain as the server reports it. */
	| {type: 'filtersLoaded'; host: string; id: string; available?: readonly string[]; chain?: readonly string[]; error?: string}
	| {type: 'leaseStarted'; host: string; id: SessionId; level: LogLevel; untilMs: number}
	/** The clock moved: leases past their time end. */
	| {type: 'leaseTick'; nowMs: number};
