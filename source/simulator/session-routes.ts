import {findFault} from './fault-spec.js';
import {
	empty,
	errorBody,
	isObject,
	type Json,
	type SimRequest,
	type SimResponse,
	type SimState,
} from './http-types.js';
import {filterNames} from './render-resources.js';
import {orderedSessions, renderSession, type RenderContext} from './render-session.js';
import {
	isLegacy,
	isSince2208,
	slash,
	type SimulatedSession,
} from './types.js';

const atLeast = (state: SimState, minimum: '6' | '22.08'): boolean =>
	minimum === '6' ? !isLegacy(state.version) : isSince2208(state.version);

export function listSessions(request: SimRequest, state: SimState, context: RenderContext): SimResponse {
	const sessions = orderedSessions(state.world.sessions.values(), state.threads);
	const data = sessions.map(session => renderSession(session, context));
	if (findFault(state.faults(), 'vanish', request.path)) {
		for (const session of sessions) {
			state.world.remove(session.id);
		}
	}

	return {status: 200, body: {data, links: {self: `${context.root}/sessions/`}}, cost: 'sessions'};
}

/** Find a session the way each version does: 24.02 only sees sessions that finished their handshake. */
function lookup(id: string, state: SimState): SimulatedSession | SimResponse {
	if (!/^\d+$/.test(id)) {
		// 24.02.3 explains a non-numeric id; 22.08.14 answers an empty 404 like any missing session.
		return state.version === '24.02' ? {status: 404, body: errorBody(`${id} is not a session`)} : empty(404);
	}

	// MaxScale reads the id as a number: `013100` is session 13100.
	const session = state.world.sessions.get(id.replace(/^0+(?=\d)/, ''));
	return !session || (state.version === '24.02' && session.user === undefined) ? empty(404) : session;
}

type FilterChange = {filters: string[]} | {error: string} | undefined;

function readFilterChange(body: Json): FilterChange {
	const data = body['data'];
	if (!isObject(data) || !isObject(data['relationships']) || !isObject(data['relationships']['filters']) || !('data' in data['relationships']['filters'])) {
		return undefined;
	}

	const items = data['relationships']['filters']['data'];
	if (!Array.isArray(items)) {
		// 24.02.3 reads anything that is not an array (null included) as no filters at all.
		return {filters: []};
	}

	const filters: string[] = [];
	for (const item of items) {
		const id = isObject(item) ? item['id'] : undefined;
		if (typeof id !== 'string') {
			// eslint-disable-next-line unicorn/prefer-number-is-safe-integer -- jansson types any integral literal up to 2^63 as an integer, not just safe ones
			return {error: `Not a JSON string but a ${typeof id === 'number' && Number.isInteger(id) ? 'integer' : typeof id}`};
		}

		if (!(filterNames as readonly string[]).includes(id)) {
			return {error: `Not a valid filter: ${id}`};
		}

		filters.push(id);
	}

	return {filters};
}

function failedUpdate(state: SimState, detail: string): SimResponse {
	// 6.x answers 403, 22.08+ 400; before 24.02 the message only reaches MaxScale's log (thread-local capture).
	if (state.version === '6') {
		return empty(403);
	}

	return state.version === '24.02' ? {status: 400, body: errorBody(detail)} : empty(400);
}

function parseBody(request: SimRequest, state: SimState): {body: unknown} | {response: SimResponse} {
	if (request.rawBody.trim() === '') {
		return {response: {status: state.version === '6' ? 403 : 400, body: errorBody('Missing request body')}};
	}

	try {
		return {body: JSON.parse(request.rawBody) as unknown};
	} catch (error) {
		return {response: {status: 400, body: errorBody(`Invalid JSON in request: ${(error as Error).message}`)}};
	}
}

/** `Session::update`: log_* booleans at data.attributes.parameters, filters ONLY at data.relationships.filters.data. */
function applyUpdate(session: SimulatedSession, body: unknown, state: SimState): SimResponse {
	if (!isObject(body)) {
		return empty(200);
	}

	const change = readFilterChange(body);
	if (change && 'error' in change) {
		return failedUpdate(state, change.error);
	}

	const data = body['data'];
	const parameters = isObject(data) && isObject(data['attributes']) ? data['attributes']['parameters'] : undefined;
	if (isObject(parameters)) {
		for (const level of ['log_info', 'log_notice', 'log_warning', 'log_error']) {
			// Non-boolean values and unknown keys are silently ignored; log_debug exists only in debug builds.
			if (typeof parameters[level] === 'boolean') {
				session.logLevels[level] = parameters[level];
			}
		}
	}

	if (change) {
		session.filters = change.filters;
	}

	return empty(200);
}

export function sessionRoute(request: SimRequest, state: SimState, context: RenderContext, rest: string[]): SimResponse {
	const {method} = request;
	const [id = '', sub, subName, ...extra] = rest;
	const isRead = method === 'GET' || method === 'HEAD';
	if (id === 'restart' && sub === undefined && method === 'POST' && atLeast(state, '22.08')) {
		for (const session of state.world.sessions.values()) {
			session.restartPending = true;
		}

		return empty(200);
	}

	const isRestart = sub === 'restart' && subName === undefined && method === 'POST' && atLeast(state, '22.08');
	const isFilters = sub === 'relationships' && subName === 'filters' && method === 'PATCH' && atLeast(state, '6');
	const isOwn = sub === undefined && (isRead || (method === 'PATCH' && atLeast(state, '6')) || (method === 'DELETE' && atLeast(state, '22.08')));
	// Any other method on `/sessions/restart` reaches the lookup, which has no session called `restart`.
	if (extra.length > 0 || (id === 'restart' && sub === undefined && !isRead) || !(isRestart || isFilters || isOwn)) {
		return empty(404);
	}

	const found = lookup(id, state);
	if ('status' in found) {
		return found;
	}

	if (isRead) {
		return {status: 200, body: {data: renderSession(found, context), links: {self: `${context.root}/sessions/${id}${slash(state.version)}`}}, cost: 'session'};
	}

	if (isRestart) {
		found.restartPending = true;
		return empty(200);
	}

	if (method === 'DELETE') {
		// MaxScale reads ttl with atoi: leading digits count, the rest is ignored (`10s` is 10).
		// eslint-disable-next-line unicorn/prefer-number-coercion -- Number('10s') is NaN, unlike atoi
		const ttl = Number.parseInt(request.query['ttl'] ?? '', 10);
		if (!Number.isFinite(ttl) || ttl <= 0) {
			state.world.remove(found.id);
		} else if (!findFault(state.faults(), 'outlive-ttl', request.path)) {
			state.world.scheduleKill(found, ttl);
		}

		return empty(200);
	}

	// 6.0–23.08: the filters route exists but does nothing; 24.02.0 wraps the body as data.relationships.filters.
	if (isFilters && state.version !== '24.02') {
		return empty(200);
	}

	const parsed = parseBody(request, state);
	if ('response' in parsed) {
		return parsed.response;
	}

	if (isFilters) {
		return applyUpdate(found, {data: {relationships: {filters: {data: isObject(parsed.body) ? parsed.body['data'] : undefined}}}}, state);
	}

	// The update runs only on a started session; 22.08 fails it with an empty 400.
	return found.user === undefined ? failedUpdate(state, `Session ${id} is not started`) : applyUpdate(found, parsed.body, state);
}
