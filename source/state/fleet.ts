import type {ActionName, KeyPress} from '../keymap.js';
import {formatTime} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {logLevels, type LogLevel} from '../model/session.js';
import {afterQuestion, setStatus} from './helpers.js';
import {leaseLine, readWriteLine} from './prompt-lines.js';
import {refusal} from './targets.js';
import type {
	FleetAction,
	FleetState,
	Lease,
} from './fleet-types.js';
import type {Mode, State} from './types.js';
import {
	enqueueFleet,
	onFiltersLoaded,
	onPicker,
	openFilters,
	pickerStep,
} from './fleet-picker.js';

export {filterPickerItems, type FilterPickerMode} from './fleet-picker.js';

export type FleetKeyResult = {state: State; done: boolean};

const table = {kind: 'table'} as const;
const defaultLeaseMinutes = 10;
const maxLeaseMinutes = 24 * 60;

function withFleet(state: State, fleet: Partial<FleetState>): State {
	return {...state, fleet: {...state.fleet, ...fleet}};
}

export function leaseKey(lease: Pick<Lease, 'host' | 'id' | 'level'>): string {
	return `${lease.host}\u{0}${lease.id}\u{0}${lease.level}`;
}

function done(state: State): FleetKeyResult {
	return {state, done: true};
}

function leasePrompt(state: State): State {
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

function backToLog(state: State): State {
	return {...state, mode: afterQuestion(state.mode)};
}

function submitLease(state: State, text: string): State {
	const from = state.mode.kind === 'prompt' ? state.mode.under : undefined;
	if (from?.kind !== 'log' || state.mode.kind !== 'prompt') {
		return {...state, mode: table};
	}

	const minutes = text === '' ? defaultLeaseMinutes : Number(text);
	if (!/^\d*$/v.test(text) || minutes < 1 || minutes > maxLeaseMinutes) {
		return {...state, mode: {...state.mode, error: `"${sanitize(text)}" is not a number of minutes from 1 to ${maxLeaseMinutes}`}};
	}

	const level: LogLevel = logLevels[from.cursor]!;
	const next = backToLog(state);
	const mode: Mode = next.mode.kind === 'log' ? {...next.mode, busy: true} : next.mode;
	return setStatus(enqueueFleet({...next, mode}, {
		kind: 'lease', host: from.host, sessionId: from.id, level, minutes,
	}), `turning ${level} on for ${minutes} min…`, false);
}

function toggleWrite(state: State): State {
	if (state.triage.isReplay) {
		return setStatus(state, 'read-only: a replay never changes anything', true);
	}

	const basicHosts = state.hosts.filter(host => state.statuses.get(host)?.readOnly);
	if (!state.readOnly) {
		return setStatus({...state, readOnly: true}, 'read-only: actions that change sessions are off (W asks to switch back)', false);
	}

	if (basicHosts.length === state.hosts.length) {
		return setStatus(state, `read-only: the account is a basic (read-only) one on ${basicHosts.length === 1 ? basicHosts[0]! : 'every host'}; W cannot change that`, true);
	}

	const where = state.hosts.length === 1 ? state.hosts[0]! : `${state.hosts.length} hosts`;
	return {
		...state, mode: {
			kind: 'prompt', purpose: 'read-write', label: readWriteLine(where), text: '',
		},
	};
}

function submitWrite(state: State, text: string): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	if (text === '') {
		return setStatus({...state, mode: table}, 'cancelled: still read-only', false);
	}

	if (text !== 'write') {
		return {...state, mode: {...state.mode, error: 'type exactly "write", or Esc to stay read-only'}};
	}

	const basicHosts = state.hosts.filter(host => state.statuses.get(host)?.readOnly);
	const note = basicHosts.length > 0 ? ` (except ${basicHosts.join(', ')}: basic account)` : '';
	return setStatus({...state, mode: table, readOnly: false}, `read-write${note}: actions now change sessions; W returns to read-only`, false);
}

/**
Drops the lease of the log level the operator is toggling by hand: the hand wins.
*/
function dropLeaseOnToggle(state: State): State {
	const {mode} = state;
	if (mode.kind !== 'log') {
		return state;
	}

	const level = logLevels[mode.cursor]!;
	const key = leaseKey({host: mode.host, id: mode.id, level});
	const leases = state.fleet.leases.filter(lease => leaseKey(lease) !== key);
	return leases.length === state.fleet.leases.length ? state : withFleet(state, {leases});
}

/**
Keys of the fleet and access features; `done: false` lets the core handle the key.
*/
export function fleetKey(state: State, action: ActionName, input = '', key: KeyPress = {}): FleetKeyResult {
	const {mode} = state;
	if (mode.kind === 'filters' && action !== 'quit') {
		return done(onPicker(state, mode, pickerStep(action, input, key)));
	}

	switch (action) {
		case 'openFilters': {
			return done(openFilters(state));
		}

		case 'toggleWrite': {
			return done(toggleWrite(state));
		}

		case 'leaseLogLevel': {
			return done(leasePrompt(state));
		}

		case 'toggleLogLevel': {
			return {state: dropLeaseOnToggle(state), done: false};
		}

		case 'promptSubmit': {
			if (mode.kind === 'prompt' && mode.purpose === 'lease-minutes') {
				return done(submitLease(state, mode.text.trim()));
			}

			return mode.kind === 'prompt' && mode.purpose === 'read-write' ? done(submitWrite(state, mode.text.trim())) : {state, done: false};
		}

		case 'promptCancel': {
			return mode.kind === 'prompt' && mode.purpose === 'lease-minutes' ? done(setStatus(backToLog(state), 'cancelled: no lease', false)) : {state, done: false};
		}

		default: {
			return {state, done: false};
		}
	}
}

function onLeaseStarted(state: State, action: Extract<FleetAction, {type: 'leaseStarted'}>): State {
	const lease: Lease = {
		host: action.host, id: action.id, level: action.level, untilMs: action.untilMs,
	};
	const key = leaseKey(lease);
	return withFleet(state, {leases: [...state.fleet.leases.filter(other => leaseKey(other) !== key), lease]});
}

function onLeaseTick(state: State, nowMs: number): State {
	const expired = state.fleet.leases.filter(lease => lease.untilMs <= nowMs);
	if (expired.length === 0) {
		return state;
	}

	let next = withFleet(state, {leases: state.fleet.leases.filter(lease => lease.untilMs > nowMs)});
	for (const lease of expired) {
		next = enqueueFleet(next, {
			kind: 'leaseEnd', host: lease.host, sessionId: lease.id, level: lease.level,
		});
	}

	return next;
}

export function onFleetAction(state: State, action: FleetAction): State {
	switch (action.type) {
		case 'fleetTaken': {
			const taken = new Set(action.ids);
			return withFleet(state, {outbox: state.fleet.outbox.filter(command => !taken.has(command.id))});
		}

		case 'filtersLoaded': {
			return onFiltersLoaded(state, action);
		}

		case 'leaseStarted': {
			return onLeaseStarted(state, action);
		}

		case 'leaseTick': {
			return onLeaseTick(state, action.nowMs);
		}
	}
}

/**
`log_info on until 12:10:00 (4m 12s left)` for the detail pane and the log panel.
*/
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
