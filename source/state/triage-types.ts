import type {ChurnState} from '../model/churn.js';
import type {SessionFilter} from '../model/filter.js';
import type {SessionId} from '../model/session.js';
import {groupings, type Grouping} from '../model/types.js';
import type {InvisibleHistory} from '../model/churn-summary.js';

/**
The order `g` cycles through; `host` joins it only with several MaxScales.
*/
export const groupingOrder: readonly Grouping[] = groupings.filter(grouping => grouping !== 'host');

export type BulkKind = 'kill' | 'restart';

/**
One session a bulk action aims at, as it was when the operator confirmed.
*/
export type BulkTarget = {host: string; id: SessionId; memoryBytes?: number; user?: string; client?: string; services: readonly string[]};

/**
A bulk action the operator confirmed; the bulk runner starts it once (by `id`).
*/
export type BulkRequest = {
	id: number;
	kind: BulkKind;
	targets: readonly BulkTarget[];
	graceSeconds: number;
};

export type BulkProgress = {
	id: number;
	kind: BulkKind;
	total: number;
	/**
	Killed or restarted.
	*/
	done: number;
	/**
	404: the session ended before its request (not an error).
	*/
	gone: number;
	failed: number;
	/**
	MaxScale's reasons, distinct, first ones only.
	*/
	reasons: readonly string[];
	running: boolean;
	stopRequested: boolean;
	stopped: boolean;
};

export type TriageState = {
	/**
	The applied filter, as typed; '' for none.
	*/
	filterText: string;
	filter?: SessionFilter;
	/**
	The filter text before `/` opened the prompt, restored by Esc.
	*/
	filterBefore?: string;
	/**
	Every host's sessions, before the filter.
	*/
	totalCount: number;
	churn: ChurnState;
	grouping: Grouping;
	groupCursor: number;
	/**
	Tagged session keys (`host + NUL + id`).
	*/
	tags: ReadonlySet<string>;
	/**
	While the clock is before this, the row order stays as it is (the cursor is aiming).
	*/
	frozenUntilMs?: number;
	/**
	Newest time the reducer has seen (key presses and snapshots), epoch ms.
	*/
	clockMs: number;
	bulkRequest?: BulkRequest;
	bulk?: BulkProgress;
	/**
	The sessions a bulk prompt is about (preview).
	*/
	bulkDraft?: {kind: BulkKind; targets: readonly BulkTarget[]; graceSeconds?: number; scope: string};
	/**
	Sessions maxtop restarted itself since the last services snapshot (they reconnect, so they are not invisible churn).
	*/
	restartsByUs: number;
	/**
	Per host, what the sessions-too-brief-for-any-poll figure is summed from.
	*/
	invisibleByHost: ReadonlyMap<string, InvisibleHistory>;
	isReplay: boolean;
	/**
	Time of the newest sessions snapshot, epoch ms (the replay's position).
	*/
	lastSnapshotMs?: number;
	clipboard?: {seq: number; text: string};
	replay?: {seq: number; delta: number};
	nextSeq: number;
};

