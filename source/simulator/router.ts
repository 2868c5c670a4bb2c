import {checkPassword, readCredentials, tokenMaxAge} from './auth.js';
import type {CostRoute} from './cost-model.js';
import {shapeRead} from './collection.js';
import {
	judgeRead,
	trimTrailingSlashes,
	validatorHeaders,
	validatorsOf,
	writePreconditionFails,
} from './conditional.js';
import {
	authErrorText,
	empty,
	errorBody,
	type Json,
	type SimRequest,
	type SimResponse,
	type SimState,
	type SimUser,
} from './http-types.js';
import {
	renderFilters,
	renderMaxscale,
	renderThreads,
	renderUsers,
	type ResourceContext,
} from './render-resources.js';
import {connectionCounts, renderService, serviceDefinitions} from './render-services.js';
import {serialize} from './json-output.js';
import {FilterError} from './row-filter.js';
import {listSessions, sessionRoute} from './session-routes.js';
import {
	renderListeners,
	renderLogData,
	renderLogSettings,
	renderModules,
	renderMonitors,
	renderServers,
} from './render-topology.js';
import {isLegacy} from './types.js';

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const denied = (request: SimRequest, withChallenge: boolean): SimResponse => {
	// 22.08.2+: an XMLHttpRequest gets no challenge, so browsers do not pop up a login dialog.
	const isChallenge = withChallenge && request.headers['x-requested-with'] !== 'XMLHttpRequest';
	return {
		status: 401, text: authErrorText('Access denied'), contentType: false, headers: isChallenge ? {'WWW-Authenticate': 'Basic realm="maxscale"'} : {},
	};
};

/** Authenticate and authorize one request the way MaxScale's admin daemon does. */
function authorize(request: SimRequest, state: SimState, isAuthEndpoint: boolean): {user: SimUser} | {denied: SimResponse} {
	// Tokens arrived in 2.5.0; 2.4.19's captures are silent on them, so 2.4 follows 2.2.
	const credentials = readCredentials(request.headers, !isLegacy(state.version) && !isAuthEndpoint);
	const nowMs = state.world.now;
	const user = credentials.kind === 'basic'
		? checkPassword(state.users, credentials.user, credentials.password)
		: (credentials.kind === 'token' ? state.tokens.verify(credentials.token, state.users, nowMs) : undefined);
	if (!user) {
		// /auth and bad tokens answer 401 without a challenge (captures auth-get-token-wrong-password, error-401-bearer-*).
		return {denied: denied(request, !isAuthEndpoint && credentials.kind !== 'token')};
	}

	if (user.account !== 'admin' && !readOnlyMethods.has(request.method)) {
		// A basic account writing: 401 like a wrong password with Basic auth, 403 with a token (2.5.9+).
		return credentials.kind === 'token'
			? {denied: {status: 403, text: authErrorText('Administrative access required'), contentType: false}}
			: {denied: denied(request, !isAuthEndpoint)};
	}

	user.lastLoginMs = nowMs;
	return {user};
}

function authRoute(request: SimRequest, state: SimState, user: SimUser): SimResponse {
	if (state.adminSecureGui && !state.secure) {
		return {status: 401, text: authErrorText('Connection is not encrypted'), contentType: false};
	}

	if (state.version === '24.02' && request.query['logout'] !== undefined) {
		return {status: 200, headers: {'Set-Cookie': 'token_sig=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'}};
	}

	const maxAge = tokenMaxAge(request.query['max-age'], state.version);
	const token = state.tokens.issue(user, state.world.now, maxAge);
	const persist = request.query['persist'];
	// A persisted token's cookie lives as long as the token when `max-age` was asked for (24.02.3).
	const maxAgeAttribute = request.query['max-age'] === undefined ? '' : ` Max-Age=${maxAge};`;
	return persist === 'yes' || (state.version === '24.02' && persist !== undefined && ['true', 'on', '1'].includes(persist)) ? {status: 204, headers: {'Set-Cookie': `token_sig=${token}; Path=/;${maxAgeAttribute} SameSite=Strict; HttpOnly`}} : {status: 200, body: {meta: {token}}};
}

/** The collection at `self`, or its member `id`: 404 when there is none, or when the path goes on past it. */
function collection(all: Json[], self: string, id: string | undefined, isLast: boolean, costs?: readonly [CostRoute, CostRoute]): SimResponse {
	if (id === undefined) {
		return {status: 200, body: {data: all, links: {self: `${self}/`}}, ...(costs && {cost: costs[0]})};
	}

	const one = isLast ? all.find(item => item['id'] === id) : undefined;
	return one ? {status: 200, body: {data: one, links: {self: `${self}/${id}/`}}, ...(costs && {cost: costs[1]})} : empty(404);
}

const topology = {
	servers: renderServers, listeners: renderListeners, monitors: renderMonitors, filters: renderFilters,
};

function resourceRoute(request: SimRequest, context: ResourceContext, state: SimState, parts: string[]): SimResponse {
	const [resource = '', id, sub, ...extra] = parts;
	const {root} = context;
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		return empty(request.method === 'OPTIONS' ? 200 : 404);
	}

	if (Object.hasOwn(topology, resource)) {
		return collection(topology[resource as keyof typeof topology](context), `${root}/${resource}`, id, sub === undefined);
	}

	switch (resource) {
		case 'maxscale': {
			if (id === undefined) {
				return {status: 200, body: renderMaxscale(context), cost: 'maxscale'};
			}

			if (id === 'logs') {
				return sub === undefined ? {status: 200, body: renderLogSettings(context)} : (sub === 'data' && extra.length === 0 ? {status: 200, body: renderLogData(context)} : empty(404));
			}

			if (id === 'modules') {
				return collection(renderModules(context), `${root}/maxscale/modules`, sub, extra.length === 0);
			}

			if (id !== 'threads' || extra.length > 0) {
				return empty(404);
			}

			const threads = renderThreads(context);
			if (sub === undefined) {
				return {status: 200, body: {data: threads, links: {self: `${root}/maxscale/threads/`}}, cost: 'threads'};
			}

			const thread = /^\d+$/.test(sub) ? threads[Number(sub)] : undefined;
			return thread ? {status: 200, body: {data: thread, links: {self: `${root}/maxscale/threads/${sub}/`}}, cost: 'thread'} : empty(404);
		}

		case 'services': {
			const counts = connectionCounts(context);
			const all = serviceDefinitions.map(definition => renderService(definition, context, counts.get(definition.id) ?? 0));
			return collection(all, `${root}/services`, id, sub === undefined, ['services', 'service']);
		}

		case 'users': {
			return id === undefined || id === 'inet' ? collection(renderUsers(context, state.users), `${root}/users/inet`, sub, extra.length === 0) : empty(404);
		}

		case undefined:
		default: {
			return empty(404);
		}
	}
}

/** Answer one request like MaxScale's admin daemon (authentication, routing, per-version behaviour). */
export function route(request: SimRequest, state: SimState): SimResponse {
	if (!knownMethods.has(request.method)) {
		return empty(405);
	}

	const trimmed = trimTrailingSlashes(request.path);
	const hasPrefix = trimmed === '/v1' || trimmed.startsWith('/v1/');
	const rest = hasPrefix ? trimmed.slice(3) : trimmed;
	// An empty segment inside the path (`/v1//sessions`) names nothing; 24.02.3 answers 404.
	const parts = rest.split('/').slice(1).map(part => decodeURIComponent(part));
	const isAuthEndpoint = parts.length === 1 && parts[0] === 'auth';
	const access = authorize(request, state, isAuthEndpoint);
	if ('denied' in access) {
		return access.denied;
	}

	if (request.rawBody.trim() !== '') {
		const malformed = malformedBody(request.rawBody);
		if (malformed !== undefined) {
			return malformed;
		}
	}

	// The /v1/ prefix is mandatory in 2.2–2.3 and optional from 2.4.0.
	if (parts.length === 0) {
		return empty(200);
	}

	if (parts.includes('')) {
		return finish(request, state, empty(404));
	}

	if (!hasPrefix && state.version === '2.2') {
		return empty(404);
	}

	const base = `${state.secure ? 'https' : 'http'}://127.0.0.1:${state.port()}`;
	const context: ResourceContext = {
		version: state.version,
		root: hasPrefix ? `${base}/v1` : base,
		nowMs: state.world.now,
		// `rdns`: ≤22.08 only the exact value `true`; 23.02+ any truthy value.
		rdns: state.version === '24.02' ? ['true', 'on', 'yes', '1'].includes(request.query['rdns']?.toLowerCase() ?? '') : request.query['rdns'] === 'true',
		world: state.world,
		port: state.port(),
		secureGui: state.adminSecureGui,
		threads: state.threads,
	};
	if (isAuthEndpoint) {
		// 24.02.3 issues a token for PUT and DELETE too; older versions only route GET and POST.
		const issues = request.method === 'GET' || request.method === 'POST' || (state.version === '24.02' && (request.method === 'PUT' || request.method === 'DELETE'));
		// No `/v1/auth` before 2.5.0 (2.4.19's captures are silent on it; 2.4 follows 2.2).
		return isLegacy(state.version) || !issues ? empty(404) : authRoute(request, state, access.user);
	}

	let response: SimResponse;

	if (parts[0] === 'sessions') {
		if (request.method === 'OPTIONS') {
			return {status: 200, headers: {Accept: parts.length === 1 ? 'GET' : 'GET, DELETE'}};
		}

		response = parts.length === 1
			? (request.method === 'GET' || request.method === 'HEAD' ? listSessions(request, state, context) : empty(404))
			: sessionRoute(request, state, context, parts.slice(1));
	} else {
		response = resourceRoute(request, context, state, parts);
	}

	return finish(request, state, response);
}

/** jansson's words for a body that is not JSON: cut short, or a wrong token. */
function malformedBody(rawBody: string): SimResponse | undefined {
	try {
		JSON.parse(rawBody);
		return undefined;
	} catch (error) {
		const isCut = /end of (?:json|data)|unterminated/i.test((error as Error).message);
		const detail = isCut ? 'unexpected token near end of file' : `invalid token near '${rawBody.trim().slice(0, 1)}'`;
		return {status: 400, text: authErrorText(`Invalid JSON in request: ${detail}`), contentType: false};
	}
}

/** After the resource handler: shape reads as asked and judge their preconditions; date writes. */
function finish(request: SimRequest, state: SimState, response: SimResponse): SimResponse {
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		if (request.method === 'OPTIONS' || response.status >= 300) {
			return response;
		}

		state.modified.touch(request.path, state.world.now);
		return !isLegacy(state.version) && writePreconditionFails(request, state.modified) ? empty(412) : response;
	}

	const full = response.body as Record<string, unknown> | undefined;
	let shaped = full;
	if (full !== undefined && typeof full === 'object') {
		try {
			const links = full['links'] as {self?: string} | undefined;
			shaped = shapeRead(full, request.query, state.version, links?.self ?? '');
		} catch (error) {
			if (error instanceof FilterError) {
				return {status: 400, body: errorBody(error.message)};
			}

			throw error;
		}
	}

	const compact = full === undefined ? (response.text ?? '') : serialize(full, false);
	const validators = validatorsOf(state.version, state.modified, request.path, request.method === 'HEAD' ? '' : compact);
	const verdict = judgeRead(request, state.version, validators);
	if (verdict === '304' || verdict === '412') {
		return {status: Number(verdict), cost: response.cost};
	}

	return verdict === 'whole'
		? {...response, body: full}
		: {
			...response, body: shaped, text: shaped === full && full !== undefined && request.query['pretty'] === 'false' ? compact : response.text, headers: {...response.headers, ...validatorHeaders(validators)},
		};
}
