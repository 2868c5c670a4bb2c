import {formatBytes} from '../model/format.js';
import {clientAddress} from '../model/filter.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';
import {sessionKey} from '../model/types.js';
import type {Action} from './actions.js';
import {enqueue, parseGrace, setStatus} from './helpers.js';
import {
	bulkCountLine,
	bulkGraceLine,
	bulkRestartLine,
	restartAllLine,
} from './prompt-lines.js';
import {refusal} from './read-only.js';
import {rebuildRows, withPendingKill} from './table.js';
import {writableId} from './targets.js';
import type {
	BulkKind,
	BulkProgress,
	BulkTarget,
	State,
} from './types.js';

function targetOf({host, memoryBytes, user, remote, services, id}: Session): BulkTarget | undefined {
	const writable = writableId({id});
	return writable === undefined
		? undefined
		: {
			host, id: writable, memoryBytes, user, client: remote === undefined ? undefined : clientAddress(remote), services,
		};
}

/** What a bulk action aims at: the tagged sessions, or with none tagged every row the filter lets through. */
export function bulkScope(state: State): {targets: BulkTarget[]; scope: string; unwritable: number} {
	const {tags} = state;
	const chosen = tags.size > 0 ? [...state.sessionsByHost.values()].flat().filter(session => tags.has(sessionKey(session))) : state.rows;
	const targets = chosen.map(session => targetOf(session)).filter(target => target !== undefined);
	return {targets, scope: tags.size > 0 ? 'tagged' : (state.filter ? 'filtered' : 'ALL'), unwritable: chosen.length - targets.length};
}

/** Rows a bulk action leaves out because their id may not be named in a request; said, not hidden. */
function withUnwritable(state: State, unwritable: number): State {
	return unwritable === 0 ? state : setStatus(state, `${unwritable} row${unwritable === 1 ? '' : 's'} left out: ${unwritable === 1 ? 'its id is' : 'their ids are'} not MaxScale session ids (decimal numbers)`, false);
}

function top(values: ReadonlyArray<string | undefined>, limit: number): string {
	const counts = new Map<string, number>();
	for (const value of values) {
		const key = value === undefined || value === '' ? '?' : value;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	const sorted = [...counts].toSorted((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const shown = sorted.slice(0, limit).map(([key, count]) => `${sanitize(key)} ${count}`);
	return sorted.length > limit ? `${shown.join(', ')}, +${sorted.length - limit} more` : shown.join(', ');
}

/** The preview shown before a bulk action: how many, who, where, how much memory. */
export function bulkPreviewLines(kind: BulkKind, targets: readonly BulkTarget[], scope: string): string[] {
	const memory = targets.reduce((sum, target) => sum + (target.memoryBytes ?? 0), 0);
	const hasMemory = targets.some(target => target.memoryBytes !== undefined);
	const hosts = new Set(targets.map(target => target.host));
	return [
		`${kind === 'kill' ? 'Kill' : 'Restart'} ${targets.length} ${scope} session${targets.length === 1 ? '' : 's'}${hosts.size > 1 ? ` on ${hosts.size} MaxScales` : ''}`,
		`users:    ${top(targets.map(target => target.user), 5)}`,
		`clients:  ${top(targets.map(target => target.client), 5)}`,
		`services: ${top(targets.flatMap(target => target.services), 5)}`,
		`memory:   ${hasMemory ? formatBytes(memory) : 'not reported (MaxScale < 22.08)'}`,
	];
}

export function startBulkKill(state: State): State {
	const {targets, scope, unwritable} = bulkScope(state);
	if (targets.length === 0) {
		return setStatus(state, unwritable > 0 ? 'nothing to kill: no session id there is a MaxScale session id (a decimal number); nothing was sent' : 'nothing to kill: no session is tagged or matches the filter', true);
	}

	const why = refusal(state, [...new Set(targets.map(target => target.host))], 'killSession');
	if (why) {
		return setStatus(state, why, true);
	}

	return withUnwritable({
		...state,
		bulkDraft: {kind: 'kill', targets, scope},
		mode: {
			kind: 'prompt', purpose: 'bulk-grace', label: bulkGraceLine(targets.length, scope), text: '',
		},
	}, unwritable);
}

/** `R`: with tags or a filter the set (or all, typing "restart"); without, all after typing "restart". */
export function askRestart(state: State): State {
	const why = refusal(state, state.hosts, 'restartSession');
	if (why) {
		return setStatus(state, why, true);
	}

	const where = state.hosts.length === 1 ? state.hosts[0]! : `all ${state.hosts.length} hosts`;
	if (state.tags.size === 0 && !state.filter) {
		return {
			...state, mode: {
				kind: 'prompt', purpose: 'restart-all', label: restartAllLine(where), text: '',
			},
		};
	}

	const {targets, scope, unwritable} = bulkScope(state);
	return withUnwritable({
		...state,
		bulkDraft: {kind: 'restart', targets, scope},
		mode: {
			kind: 'prompt', purpose: 'bulk-restart', label: bulkRestartLine(targets.length, scope, where), text: '',
		},
	}, unwritable);
}

function request(state: State, kind: BulkKind, targets: readonly BulkTarget[], graceSeconds: number): State {
	const bulk: BulkProgress = {
		id: state.nextCommandId, kind, graceSeconds, total: targets.length, done: 0, gone: 0, failed: 0, reasons: [], running: true, stopRequested: false, stopped: false,
	};
	const next = enqueue({
		...state, bulkDraft: undefined, bulk, mode: {kind: 'table'},
	}, {kind: 'bulk', request: {kind, targets, graceSeconds}});
	return setStatus(next, `${kind === 'kill' ? 'killing' : 'restarting'} ${targets.length} sessions… (Esc stops)`, false);
}

/** Enter in one of the bulk prompts. */
export function submitBulkPrompt(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'prompt') {
		return state;
	}

	const draft = state.bulkDraft;
	if (!draft) {
		return {...state, mode: {kind: 'table'}};
	}

	const text = mode.text.trim();
	const count = draft.targets.length;
	if (mode.purpose === 'bulk-grace') {
		const graceSeconds = parseGrace(text);
		if (typeof graceSeconds === 'string') {
			return {...state, mode: {...mode, error: graceSeconds}};
		}

		const when = graceSeconds === 0 ? 'now' : `in ${graceSeconds}s`;
		return {
			...state,
			bulkDraft: {...draft, graceSeconds},
			mode: {
				kind: 'prompt', purpose: 'bulk-count', label: bulkCountLine(count, when), text: '',
			},
		};
	}

	if (mode.purpose === 'bulk-restart' && text === 'restart') {
		const next: State = {...state, bulkDraft: undefined, mode: {kind: 'table'}};
		return setStatus(enqueue(next, {kind: 'restartAll', hosts: [...state.hosts]}), 'restarting all sessions…', false);
	}

	return text === String(count) ? request(state, draft.kind, draft.targets, draft.graceSeconds ?? 0) : {...state, mode: {...mode, error: `type ${count} exactly to go ahead, or Esc to cancel`}};
}

export function cancelBulkPrompt(state: State): State {
	return setStatus({...state, bulkDraft: undefined, mode: {kind: 'table'}}, 'cancelled: no session was touched', false);
}

export function stopBulk(state: State): State | undefined {
	const {bulk} = state;
	if (!bulk?.running || bulk.stopRequested) {
		return undefined;
	}

	const next = enqueue({...state, bulk: {...bulk, stopRequested: true}}, {kind: 'bulkStop', bulkId: bulk.id});
	return setStatus(next, 'stopping the bulk action…', false);
}

function tally(progress: BulkProgress): string {
	const verb = progress.kind === 'kill' ? 'killed' : 'restarted';
	const parts = [`${progress.done} ${verb}`, `${progress.gone} already gone`, `${progress.failed} failed`];
	const left = progress.total - progress.done - progress.gone - progress.failed;
	if (left > 0) {
		parts.push(`${left} not sent`);
	}

	const reasons = progress.reasons.length > 0 ? ` (${progress.reasons.join('; ')})` : '';
	return `bulk ${progress.kind}${progress.stopped ? ' stopped' : ''}: ${parts.join(', ')}${reasons}`;
}

export function bulkProgressText(progress: BulkProgress): string {
	const sent = progress.done + progress.gone + progress.failed;
	return progress.running ? `bulk ${progress.kind}: ${sent}/${progress.total} sent${progress.stopRequested ? ', stopping…' : ' (Esc stops)'}` : tally(progress);
}

export function onBulkAction(state: State, action: Extract<Action, {type: 'bulkItem' | 'bulkFinished'}>): State {
	const {bulk} = state;
	if (bulk?.id !== action.id) {
		return state;
	}

	if (action.type === 'bulkFinished') {
		const finished = {...bulk, running: false, stopped: action.stopped};
		const next = setStatus({...state, bulk: finished}, tally(finished), finished.failed > 0);
		return rebuildRows(next);
	}

	const progress: BulkProgress = {...bulk, [action.outcome]: bulk[action.outcome] + 1};
	const reason = sanitize(action.reason ?? 'unknown error');
	if (action.outcome === 'failed' && !progress.reasons.includes(reason) && progress.reasons.length < 3) {
		progress.reasons = [...progress.reasons, reason];
	}

	let next: State = {...state, bulk: progress};
	if (action.outcome === 'done' && bulk.kind === 'kill') {
		next = withPendingKill(next, {
			host: action.host, id: action.sessionId, sentMs: action.atMs, graceSeconds: bulk.graceSeconds,
		});
	} else if (action.outcome === 'done') {
		next = {...next, restartsByUs: next.restartsByUs + 1};
	}

	return setStatus(next, bulkProgressText(progress), false);
}
