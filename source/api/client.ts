/**
The MaxScale REST client: endpoints, version gating and JSON handling on top of `http.ts`
(transport, retries, error mapping), `auth.ts` (Basic or JWT) and `session-stream.ts` (the list).
*/
import {normalizeSession} from '../model/normalize.js';
import {
	sessionIdOf,
	type LogLevels,
	type Session,
	type SessionId,
} from '../model/session.js';
import {
	featureNames,
	hasFeature,
	requiredVersion,
	type Feature,
} from '../model/version.js';
import {createAuthenticator} from './auth.js';
import {ApiError, isApiError} from './errors.js';
import {
	createHttp,
	readText,
	type Answer,
	type BodyReader,
	type HttpOptions,
	type RequestSpec,
} from './http.js';
import {
	parseAccount,
	parseFilters,
	parseServerInfo,
	parseServices,
	parseThreads,
	tokenAccount,
} from './resources.js';
import {ListSyntaxError, readSessionList} from './session-stream.js';
import type {ConnectionConfig, MaxScaleClient, ServerInfo} from './types.js';

export type ClientOptions = HttpOptions & {
	/** Fleet key put on every session. Default `host:port` of the base URL. */
	host?: string;
};

type Signal = {signal?: AbortSignal};

/**
The one place a session's path is built. The type already says the id was checked; it is checked
again here because a path that is not the session's own (`.`, `..`) reaches another endpoint, and
nothing is sent then.
*/
function sessionPath(id: SessionId, suffix = ''): string {
	if (sessionIdOf(id) === undefined) {
		throw new ApiError('unsupported', `session id ${JSON.stringify(id.slice(0, 40))} is not a MaxScale session id (a decimal number): nothing was sent`);
	}

	return `/v1/sessions/${id}${suffix}`;
}

export function createClient(config: ConnectionConfig, clientOptions: ClientOptions = {}): MaxScaleClient {
	const http = createHttp(config, clientOptions);
	const fleetHost = clientOptions.host ?? http.host;
	let serverInfo: ServerInfo | undefined;
	let serverInfoPending: Promise<ServerInfo> | undefined;
	const auth = createAuthenticator(config, http, async signal => knownVersion(signal ? {signal} : undefined));

	async function send<T>(spec: RequestSpec, read: BodyReader<T>): Promise<Answer<T>> {
		const header = spec.basicAuth ? auth.basic : await auth.header(spec.signal);
		try {
			return await http.send(spec, header, read);
		} catch (error) {
			// A rejected token (expired, or MaxScale restarted with a new key) is replaced once.
			// The request was refused before it ran, so even a write may be sent again.
			if (isApiError(error) && error.status === 401 && header.startsWith('Bearer ')) {
				auth.reject(header);
				const fresh = await auth.header(spec.signal);
				return http.send(spec, fresh, read);
			}

			throw error;
		}
	}

	const where = (spec: RequestSpec) => `${spec.method.toUpperCase()} ${spec.path}`;
	const unexpectedShape = (spec: RequestSpec) => new ApiError('bad-response', `MaxScale at ${http.host} sent an answer of an unexpected shape for ${where(spec)}`);
	const notJsonTexts = {empty: 'an empty answer to', 'not-json': 'something that is not JSON for', malformed: 'truncated or malformed JSON for'};
	function notJson(spec: RequestSpec, error: ListSyntaxError): ApiError {
		const size = error.reason === 'malformed' ? ` (${error.bytes} bytes)` : '';
		return new ApiError('bad-response', `MaxScale at ${http.host} sent ${notJsonTexts[error.reason]} ${where(spec)}${size}`, {cause: error.cause});
	}

	async function getJson(spec: RequestSpec): Promise<unknown> {
		const {body: text, bytes} = await send(spec, readText);
		const start = /\S/v.exec(text)?.[0];
		if (start === undefined || (start !== '{' && start !== '[')) {
			throw notJson(spec, new ListSyntaxError(start === undefined ? 'empty' : 'not-json', bytes));
		}

		try {
			return JSON.parse(text);
		} catch (error) {
			throw notJson(spec, new ListSyntaxError('malformed', bytes, {cause: error}));
		}
	}

	async function getParsed<T>(spec: RequestSpec, parse: (body: unknown) => T | undefined): Promise<T> {
		const result = parse(await getJson(spec));
		if (result === undefined) {
			throw unexpectedShape(spec);
		}

		return result;
	}

	function get(path: string, options: Signal | undefined, extra: Record<string, string> = {}): RequestSpec {
		return {
			method: 'get', path, searchParams: {pretty: 'false', ...extra}, signal: options?.signal,
		};
	}

	/** Callers at the same moment (the poller's probe, the token's version check) share one request. */
	async function getServerInfo(options?: Signal): Promise<ServerInfo> {
		// Servers before 2.5 ignore `fields` and send the whole object, which has the same keys.
		const spec = {...get('/v1/maxscale', options, {'fields[maxscale]': 'version,started_at'}), basicAuth: true};
		serverInfoPending ??= getParsed(spec, parseServerInfo).then(info => {
			serverInfo = info;
			return info;
		}).finally(() => {
			serverInfoPending = undefined;
		});
		return serverInfoPending;
	}

	async function knownVersion(options?: Signal) {
		return (serverInfo ?? await getServerInfo(options)).version;
	}

	async function patchSession(id: SessionId, data: unknown): Promise<void> {
		await write('patchSession', {
			method: 'patch', path: sessionPath(id), sessionId: id, json: {data},
		});
	}

	async function write(feature: Feature, spec: RequestSpec): Promise<void> {
		const version = await knownVersion();
		if (version && !hasFeature(version, feature)) {
			throw new ApiError('unsupported', `${featureNames[feature]} needs MaxScale ${requiredVersion(feature)} or later (this is ${version.text})`);
		}

		await send(spec, readText);
	}

	return {
		baseUrl: config.baseUrl,
		getServerInfo,
		async listSessions(options = {}) {
			const {fields} = options;
			const isSparse = fields !== undefined && fields.length > 0 && hasFeature(await knownVersion(options), 'sparseFields');
			const spec = get('/v1/sessions', options, isSparse ? {'fields[sessions]': fields.join(',')} : {});
			let answer: Answer<Session[] | undefined>;
			try {
				answer = await send(spec, async chunks => readSessionList(chunks, fleetHost, Date.now()));
			} catch (error) {
				throw error instanceof ListSyntaxError ? notJson(spec, error) : error;
			}

			if (!answer.body) {
				throw unexpectedShape(spec);
			}

			return {sessions: answer.body, bytes: answer.bytes, durationMs: answer.durationMs};
		},
		async getSession(id, options = {}) {
			// Reverse DNS runs inside MaxScale's routing worker: only for one session, only when asked.
			const isRdns = options.rdns === true && hasFeature(serverInfo?.version, 'rdns');
			const spec = {...get(sessionPath(id), options, isRdns ? {rdns: 'true'} : {}), sessionId: id};
			return getParsed(spec, body => normalizeSession((body as {data?: unknown} | undefined)?.data, fleetHost, Date.now()));
		},
		async setLogLevels(id, levels: LogLevels) {
			const parameters = Object.fromEntries(Object.entries(levels).filter(([, value]) => typeof value === 'boolean'));
			await patchSession(id, {attributes: {parameters}});
		},
		async setFilters(id, filters) {
			// The server reads data.relationships, never the documented data.attributes.relationships (API reference §5.3).
			const data = filters.map(filter => ({id: filter, type: 'filters'}));
			await patchSession(id, {relationships: {filters: {data}}});
		},
		async restartSession(id) {
			await write('restartSession', {method: 'post', path: sessionPath(id, '/restart'), sessionId: id});
		},
		async restartAllSessions() {
			await write('restartSession', {method: 'post', path: '/v1/sessions/restart'});
		},
		async killSession(id, options = {}) {
			// MaxScale reads ttl with atoi(): whole seconds; round up so the grace is never shorter.
			const grace = options.graceSeconds ?? 0;
			const ttl = grace > 0 ? {searchParams: {ttl: String(Math.ceil(grace))}} : {};
			await write('killSession', {
				method: 'delete', path: sessionPath(id), sessionId: id, ...ttl,
			});
		},
		getThreads: async options => getParsed(get('/v1/maxscale/threads', options), parseThreads),
		getServices: async options => getParsed(get('/v1/services', options), parseServices),
		getFilters: async options => getParsed(get('/v1/filters', options), parseFilters),
		async getAccount(options) {
			if (config.useTokens) {
				const header = await auth.header(options?.signal);
				const account = header.startsWith('Bearer ') ? tokenAccount(header.slice('Bearer '.length)) : undefined;
				if (account) {
					return {user: config.user, account};
				}
			}

			try {
				return await getParsed(get(`/v1/users/inet/${encodeURIComponent(config.user)}`, options), body => parseAccount(body, config.user));
			} catch (error) {
				// Not a local REST user (e.g. PAM, or admin_auth=false): the kind is unknown, not an error.
				if (isApiError(error) && error.status === 404) {
					return {user: config.user};
				}

				throw error;
			}
		},
		close: async () => http.close(),
	};
}
