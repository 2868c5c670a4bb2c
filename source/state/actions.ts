import type {KeyPress} from '../keymap.js';
import type {LogLevels, Session} from '../model/session.js';
import type {SessionsSnapshot} from '../poller/types.js';
import type {CountersSnapshot, HostStatus} from '../model/types.js';
import type {TriageBulkAction} from './triage-bulk.js';
import type {FleetAction} from './fleet-types.js';

export type Action =
	| TriageBulkAction
	| FleetAction
	/**
	`atMs`: when the key was pressed, epoch ms (freezes the row order for a while).
	*/
	| {type: 'key'; input: string; key: KeyPress; atMs?: number}
	| {type: 'sessions'; snapshot: SessionsSnapshot}
	| {type: 'status'; status: HostStatus}
	| {type: 'counters'; snapshot: CountersSnapshot}
	| {type: 'detail'; host: string; id: string; session?: Session; error?: string}
	/**
	The terminal's size; the reducer works out from it what fits (`state/screen.ts`).
	*/
	| {type: 'resize'; width: number; height: number}
	/**
	How many table rows fit: the reducer's own fit after `resize`, or a test's without a size.
	*/
	| {type: 'viewport'; pageSize: number; shownColumns?: readonly string[]}
	/**
	How far the open pane (detail or help) can scroll with its current content and height.
	*/
	| {type: 'scrollBounds'; maxScroll: number}
	/**
	The command runner has started these; they leave the outbox.
	*/
	| {type: 'commandsTaken'; ids: readonly number[]}
	| {type: 'logLevelsLoaded'; host: string; id: string; levels?: LogLevels; error?: string}
	| {type: 'commandDone'; text: string; error: boolean}
	| {type: 'killSent'; host: string; id: string; graceSeconds: number; sentMs: number};
