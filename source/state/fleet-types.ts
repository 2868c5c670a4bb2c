import type {LogLevel, SessionId} from '../model/session.js';

/**
A log level maxtop turned on for a while; it turns it off again at `untilMs` or on quit.
*/
export type Lease = {host: string; id: SessionId; level: LogLevel; untilMs: number};

/**
Requests of the fleet and access features, run by `useFleetCommands` (never by the core runner).
*/
export type FleetCommand =
	| {id: number; kind: 'loadFilters'; host: string; sessionId: SessionId}
	| {id: number; kind: 'applyFilters'; host: string; sessionId: SessionId; filters: readonly string[]}
	| {id: number; kind: 'lease'; host: string; sessionId: SessionId; level: LogLevel; minutes: number}
	| {id: number; kind: 'leaseEnd'; host: string; sessionId: SessionId; level: LogLevel};

export type FleetState = {
	leases: readonly Lease[];
	outbox: readonly FleetCommand[];
	nextCommandId: number;
};

export type FleetAction =
	| {type: 'fleetTaken'; ids: readonly number[]}
	/**
	The filter picker's data: the filters MaxScale defines and the session's chain as the server reports it.
	*/
	| {type: 'filtersLoaded'; host: string; id: string; available?: readonly string[]; chain?: readonly string[]; error?: string}
	| {type: 'leaseStarted'; host: string; id: SessionId; level: LogLevel; untilMs: number}
	/**
	The clock moved: leases past their time end.
	*/
	| {type: 'leaseTick'; nowMs: number};

export function createFleetState(): FleetState {
	return {leases: [], outbox: [], nextCommandId: 1};
}
