import {formatTime} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {logLevels, type LogLevel} from '../model/session.js';
import type {Action} from './actions.js';
import {afterQuestion, enqueue, setStatus} from './helpers.js';
import {leaseLine} from './prompt-lines.js';
import {refusal} from './read-only.js';
import type {Lease, State} from './types.js';

const defaultLeaseMinutes = 10;
const maxLeaseMinutes = 24 * 60;

function leaseKey(lease: Pick<Lease, 'host' | 'id' | 'level'>): string {
	return `${lease.host}\u{0}${lease.id}\u{0}${lease.level}`;
}

/** `L` in the log panel: asks for how many minutes the selected level stays on. */
export function askLease(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'log') {
		return state;
	}

	const why = refusal(state, [mode.host], 'patchSession');
	if (why) {
		return setStatus(state, why, true);
	}

	const level = logLevels[mode.cursor]!;
	// The log panel rides along as the pane behind the question, and is returned to after it.
	return {
		...state,
		mode: {
			kind: 'prompt', purpose: 'lease-minutes', label: leaseLine(level, defaultLeaseMinutes), text: '', under: {...mode, busy: false},
		},
	};
}

export function submitLease(state: State, text: string): State {
	const from = state.mode.kind === 'prompt' ? state.mode.under : undefined;
	if (from?.kind !== 'log' || state.mode.kind !== 'prompt') {
		return {...state, mode: {kind: 'table'}};
	}

	const minutes = text === '' ? defaultLeaseMinutes : Number(text);
	if (!/^\d*$/v.test(text) || minutes < 1 || minutes > maxLeaseMinutes) {
		return {...state, mode: {...state.mode, error: `"${sanitize(text)}" is not a number of minutes from 1 to ${maxLeaseMinutes}`}};
	}

	const level: LogLevel = logLevels[from.cursor]!;
	return setStatus(enqueue({...state, mode: {...from, busy: true}}, {
		kind: 'lease', host: from.host, sessionId: from.id, level, minutes,
	}), `turning ${level} on for ${minutes} min…`, false);
}

export function cancelLease(state: State): State {
	return setStatus({...state, mode: afterQuestion(state.mode)}, 'cancelled: no lease', false);
}

/** Drops the lease of the log level the operator is toggling by hand: the hand wins. */
export function dropLeaseOnToggle(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'log') {
		return state;
	}

	const key = leaseKey({host: mode.host, id: mode.id, level: logLevels[mode.cursor]!});
	const leases = state.leases.filter(lease => leaseKey(lease) !== key);
	return leases.length === state.leases.length ? state : {...state, leases};
}

export function onLeaseStarted(state: State, action: Extract<Action, {type: 'leaseStarted'}>): State {
	const lease: Lease = {
		host: action.host, id: action.id, level: action.level, untilMs: action.untilMs,
	};
	const key = leaseKey(lease);
	return {...state, leases: [...state.leases.filter(other => leaseKey(other) !== key), lease]};
}

export function onLeaseTick(state: State, nowMs: number): State {
	const expired = state.leases.filter(lease => lease.untilMs <= nowMs);
	let next: State = expired.length === 0 ? state : {...state, leases: state.leases.filter(lease => lease.untilMs > nowMs)};
	for (const lease of expired) {
		next = enqueue(next, {
			kind: 'leaseEnd', host: lease.host, sessionId: lease.id, level: lease.level,
		});
	}

	return next;
}

/** `log_info on until 12:10:00 (4m 12s left)` for the detail pane and the log panel. */
export function leaseTexts(leases: readonly Lease[], host: string, id: string, nowMs: number, utc?: boolean): string[] {
	return leases
		.filter(lease => lease.host === host && lease.id === id)
		.map(lease => {
			const left = Math.max(0, Math.ceil((lease.untilMs - nowMs) / 1000));
			const minutes = Math.floor(left / 60);
			const seconds = left % 60;
			const remaining = minutes > 0 ? `${minutes}m ${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
			return `${lease.level} on until ${formatTime(lease.untilMs, {utc}).slice(11)} (${remaining} left)`;
		});
}
