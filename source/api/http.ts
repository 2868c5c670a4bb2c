/**
The one place that talks HTTP (ky 2). GETs are retried; PATCH, POST and DELETE are sent once (ky
would retry DELETE, and a kill must never be doubled). Bodies are read from ky's `Response.body` as
they arrive; ky's timeout covers the headers, so reading the body gets a timeout of its own.
*/
import ky, {isHTTPError, type KyInstance} from 'ky';
import {Agent, type Dispatcher} from 'undici';
import {createDispatcherFetch} from './dispatcher-fetch.js';
import {httpError, transportError, type RequestContext} from './error-mapping.js';
import {ApiError} from './errors.js';
import {createTlsAgent} from './tls.js';
import type {ConnectionConfig} from './types.js';

export type RequestSpec = {
	method: 'get' | 'patch' | 'post' | 'delete';
	/** Starts with `/v1/`. */
	path: string;
	searchParams?: Record<string, string>;
	json?: unknown;
	signal?: AbortSignal | undefined;
	/** The session a request is about, so a 404 reads "session N not found". */
	sessionId?: string;
	/** Always HTTP Basic, even when tokens are in use (the version probe that decides about tokens). */
	basicAuth?: boolean;
};

/** Reads a body as it arrives; a transport failure meanwhile is thrown out of the iteration as an `ApiError`. */
export type BodyReader<T> = (chunks: AsyncIterable<Uint8Array>) => Promise<T>;

export type Answer<T> = {
	body: T;
	bytes: number;
	/** Wall time including retries and reading the body, milliseconds. */
	durationMs: number;
};

export async function readText(chunks: AsyncIterable<Uint8Array>): Promise<string> {
	const parts: Uint8Array[] = [];
	// Not Array.fromAsync: the project's library (ES2024) has no types for it.
	for await (const chunk of chunks) {
		parts.push(chunk);
	}

	return Buffer.concat(parts).toString('utf8');
}

export type HttpOptions = {
	fetch?: typeof fetch;
	/** Largest answer read, bytes; default 1 GiB (a session list of about 800,000 sessions). */
	maxListBytes?: number;
	/** Delay before GET retry number `attempt` (1-based), ms. Default ky's 300 ms × 2^(attempt−1). */
	retryDelayMs?: (attempt: number) => number;
};

export type Http = {
	/** `host:port`, for messages and as the fleet key. */
	readonly host: string;
	send<T>(spec: RequestSpec, authorization: string | undefined, read: BodyReader<T>): Promise<Answer<T>>;
	close(): Promise<void>;
};

/** `host:port` of a base URL, with the scheme's default port spelled out. */
export function hostKey(baseUrl: string): string {
	const url = new URL(baseUrl);
	const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
	return `${url.hostname}:${port}`;
}

export function createHttp(config: ConnectionConfig, options: HttpOptions = {}): Http {
	const url = new URL(config.baseUrl);
	// Credentials belong in headers: fetch refuses URLs that carry them.
	url.username = '';
	url.password = '';
	const baseUrl = url.href.replace(/\/$/v, '');
	const host = hostKey(baseUrl);
	const maxBytes = options.maxListBytes ?? 1024 * 1024 * 1024;
	// Made on first use, so a bad CA path is an ApiError of the first request, not a crash at start.
	let agent: Agent | undefined;
	const dispatcher = (): Dispatcher => {
		agent ??= config.tls ? createTlsAgent(config.tls) : new Agent();
		return agent;
	};

	// An injected fetch (tests) carries every request; the global fetch is not used since it refuses
	// the fetch standard's "bad ports" (see dispatcher-fetch.ts).
	const api: KyInstance = ky.create({
		prefix: baseUrl,
		timeout: config.timeoutMs,
		retry: {
			limit: 2,
			methods: ['get', 'head'],
			...(options.retryDelayMs && {delay: options.retryDelayMs}),
		},
		fetch: options.fetch ?? createDispatcherFetch(dispatcher),
	});

	const context = (spec: RequestSpec): RequestContext => ({
		host,
		user: config.user,
		method: spec.method.toUpperCase(),
		path: spec.path,
		timeoutMs: config.timeoutMs,
		secure: baseUrl.startsWith('https:'),
		...(spec.sessionId !== undefined && {sessionId: spec.sessionId}),
	});

	const tooLarge = (spec: RequestSpec) => new ApiError('bad-response', `the answer from MaxScale at ${host} to ${spec.method.toUpperCase()} ${spec.path} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; maxtop stopped reading it`);

	return {
		host,
		async send(spec, authorization, read) {
			const started = performance.now();
			const bodyTimeout = new AbortController();
			let response: Response;
			try {
				response = await api(spec.path, {
					method: spec.method,
					...(spec.searchParams && {searchParams: spec.searchParams}),
					...(spec.json !== undefined && {json: spec.json}),
					signal: spec.signal ? AbortSignal.any([spec.signal, bodyTimeout.signal]) : bodyTimeout.signal,
					headers: authorization ? {authorization} : {},
					...(spec.method !== 'get' && {retry: 0}),
				});
			} catch (error) {
				if (isHTTPError(error)) {
					throw httpError(error.response.status, error.data, context(spec));
				}

				throw transportError(error, context(spec));
			}

			if (Number(response.headers.get('content-length')) > maxBytes) {
				void response.body?.cancel().catch(() => undefined);
				throw tooLarge(spec);
			}

			let bytes = 0;
			async function * chunks(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
				try {
					for await (const chunk of body) {
						bytes += chunk.byteLength;
						if (bytes > maxBytes) {
							// Leaving the loop cancels the rest of the body; transportError passes an ApiError on.
							throw tooLarge(spec);
						}

						yield chunk;
					}
				} catch (error) {
					throw transportError(error, context(spec), 'body');
				}
			}

			const timer = setTimeout(() => {
				bodyTimeout.abort(new DOMException('the answer did not arrive in time', 'TimeoutError'));
			}, config.timeoutMs);
			try {
				const body = await read(chunks(response.body ?? []));
				return {body, bytes, durationMs: performance.now() - started};
			} finally {
				clearTimeout(timer);
			}
		},
		async close() {
			await agent?.close();
			agent = undefined;
		},
	};
}
