import type {
	FaultSpec,
	RecordedRequest,
	SimulatorUser,
	SimulatorVersion,
} from './types.js';
import type {World} from './world.js';
import type {TokenIssuer} from './auth.js';
import type {CostRoute} from './cost-model.js';
import type {ModificationClock} from './conditional.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A request as the router sees it: what the log records, without its body's parse or arrival time. */
export type SimRequest = Omit<RecordedRequest, 'body' | 'atMs'>;

export type SimResponse = {
	status: number;
	/** JSON-able body; absent = empty body. */
	body?: unknown;
	/** A body already serialized (errors keep MaxScale's own spacing). */
	text?: string;
	headers?: Record<string, string>;
	/**
	Content-Type for `text`; `application/json` by default when there is a body. `false`: an answer
	written before the REST handler (auth failures, a body that is not JSON), which MaxScale sends
	without Content-Type and security headers and with a four-digit year in its Date.
	*/
	contentType?: string | false;
	/** What the cost model charges for this answer. */
	cost?: CostRoute;
};

export type SimUser = SimulatorUser & {lastLoginMs?: number};

export type SimState = {
	version: SimulatorVersion;
	world: World;
	users: SimUser[];
	tokens: TokenIssuer;
	port: () => number;
	secure: boolean;
	adminSecureGui: boolean;
	threads: number;
	faults: () => readonly FaultSpec[];
	/** When REST writes last touched each resource (Last-Modified). */
	modified: ModificationClock;
};

/** `{"errors":[{"detail":...}]}` as a JSON body (pretty-printed like any other body). */
export const errorBody = (detail: string): unknown => ({errors: [{detail}]});

/** The auth layer writes its errors by hand, spaced like this, without Content-Type (24.02.3, 22.08.14). */
export const authErrorText = (detail: string): string => `{"errors": [ { "detail": "${detail}" } ] }`;

export const empty = (status: number): SimResponse => ({status});
