/**
The one place that talks HTTP (ky 2). GETs are retried (twice, on network errors and 408/413/
429/5xx); PATCH, POST and DELETE are sent exactly once: ky would retry DELETE by default, and a
kill or restart must never be doubled.
*/
import ky, {isHTTPError, type KyInstance} from 'ky';
import {Agent} from 'undici';
import {
	BodyReadError,
	BodyTooLargeError,
	createBulkFetch,
	type BodySink,
} from './bulk-fetch.js';
import {createDispatcherFetch} from './dispatcher-fetch.js';
import {httpError, transportError, type RequestContext} from './error-mapping.js';
import {ApiError} from './errors.js';
import {createTlsFetch} from './tls-fetch.js';
import type {ConnectionConfig} from './types.js';

export type HttpMethod = 'get' | 'patch' | 'post' | 'delete';

export type RequestSpec = {
	method: HttpMethod;
	/**
	Starts with `/v1/`.
	*/
	path: string;
	searchParams?: Record<string, string>;
	json?: unknown;
	signal?: AbortSignal;
	/**
	The session a request is about, so a 404 reads "session N not found".
	*/
	sessionId?: string;
	/** Always HTTP Basic, even when tokens are in use (the version probe that decides about tokens). */
	basicAuth?: boolean;
	/**
	A large answer (the session list): its body arrives in a buffer that the next bulk request
	reuses, so the caller must be done with `body` before it awaits anything.
	*/
	bulk?: boolean;
	/**
	Where a bulk answer larger than `streamListAboveBytes` goes as it arrives; the response is then
	`streamed` and its `body` empty.
	*/
	sink?: BodySink;
};

export type RawResponse = {
	/**
	The body decoded as UTF-8, on first read: the list's fast path reads `body` and never pays
	for a decoded copy (60 MB at 50,000 sessions).
	*/
	readonly text: string;
	/**
	The body as received.
	*/
	body: Uint8Array;
	bytes: number;
	/**
	Wall time including retries and reading the body, milliseconds.
	*/
	durationMs: number;
	/**
	The body went to the request's sink (`bytes` of it); `body` is empty.
	*/
	streamed?: boolean;
};

export type HttpOptions = {
	fetch?: typeof fetch;
	/**
	Largest session list read, bytes; default 1 GiB.
	*/
	maxListBytes?: number;
	/**
	A list buffer past this is given back after each poll; default 16 MB (see BulkFetch.releaseLarge).
	*/
	releaseListAboveBytes?: number;
	/**
	A list answer past this goes to the request's sink as it arrives; default 16 MB.
	*/
	streamListAboveBytes?: number;
	/**
	Delay before GET retry number `attempt` (1-based), ms. Default ky's 300 ms × 2^(attempt−1).
	*/
	retryDelayMs?: (attempt: number) => number;
};

export type Http = {
	/**
	`host:port`, for messages and as the fleet key.
	*/
	readonly host: string;
	readonly secure: boolean;
	send(spec: RequestSpec, authorization: string | undefined): Promise<RawResponse>;
	/**
	The caller is done with the last list body (see BulkFetch.releaseLarge).
	*/
	releaseListBody(): void;
	context(spec: RequestSpec): RequestContext;
	close(): Promise<void>;
};

/**
`host:port` of a base URL, with the scheme's default port spelled out.
*/
export function hostKey(baseUrl: string): string {
	const url = new URL(baseUrl);
	const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
	return `${url.hostname}:${port}`;
}

function cleanBaseUrl(baseUrl: string): string {
	const url = new URL(baseUrl);
	// Credentials belong in headers: fetch refuses URLs that carry them.
	url.username = '';
	url.password = '';
	return url.href.endsWith('/') ? url.href.slice(0, -1) : url.href;
}

export function createHttp(config: ConnectionConfig, options: HttpOptions = {}): Http {
	const baseUrl = cleanBaseUrl(config.baseUrl);
	const host = hostKey(baseUrl);
	const isSecure = baseUrl.startsWith('https:');
	const tlsFetch = config.tls && !options.fetch ? createTlsFetch(config.tls) : undefined;
	let plainAgent: Agent | undefined;
	const bulkDispatcher = () => {
		if (tlsFetch) {
			return tlsFetch.dispatcher();
		}

		plainAgent ??= new Agent();
		return plainAgent;
	};

	// An injected fetch (tests) carries every request, the list's too.
	const bulkFetch = options.fetch
		? undefined
		: createBulkFetch(bulkDispatcher, {
			...(options.maxListBytes !== undefined && {maxBodyBytes: options.maxListBytes}),
			...(options.releaseListAboveBytes !== undefined && {releaseAboveBytes: options.releaseListAboveBytes}),
			...(options.streamListAboveBytes !== undefined && {streamAboveBytes: options.streamListAboveBytes}),
		});
	// Not the global fetch: it refuses the fetch standard's "bad ports" (see dispatcher-fetch.ts).
	const transport = options.fetch ?? tlsFetch ?? createDispatcherFetch(bulkDispatcher);
	const api: KyInstance = ky.create({
		prefix: baseUrl,
		timeout: config.timeoutMs,
		retry: {
			limit: 2,
			methods: ['get', 'head'],
			...(options.retryDelayMs && {delay: options.retryDelayMs}),
		},
		fetch: transport,
	});

	const context = (spec: RequestSpec): RequestContext => ({
		host,
		user: config.user,
		method: spec.method.toUpperCase(),
		path: spec.path,
		timeoutMs: config.timeoutMs,
		secure: isSecure,
		...(spec.sessionId !== undefined && {sessionId: spec.sessionId}),
	});

	return {
		host,
		secure: isSecure,
		context,
		async send(spec, authorization) {
			const started = performance.now();
			const responsePromise = api(spec.path, {
				method: spec.method,
				...(spec.searchParams && {searchParams: spec.searchParams}),
				...(spec.json !== undefined && {json: spec.json}),
				...(spec.signal && {signal: spec.signal}),
				headers: authorization ? {authorization} : {},
				...(spec.method !== 'get' && {retry: 0}),
				...(spec.bulk && bulkFetch && {fetch: spec.sink ? async (input: RequestInfo | URL, init?: RequestInit) => bulkFetch(input, init, spec.sink) : bulkFetch}),
			});
			let isHeadersArrived = false;
			void responsePromise.then(() => {
				isHeadersArrived = true;
			}, () => undefined);
			try {
				// The shortcut bounds reading the body by the timeout too; 200-empty and 204 give 0 bytes.
				const streamedBytes = spec.bulk && bulkFetch ? bulkFetch.streamedBytes(await responsePromise) : undefined;
				if (streamedBytes !== undefined) {
					return {
						text: '', body: Buffer.alloc(0), bytes: streamedBytes, durationMs: performance.now() - started, streamed: true,
					};
				}

				const reused = spec.bulk && bulkFetch ? bulkFetch.takeBody(await responsePromise) : undefined;
				// A view of the reused bytes, not a copy.
				const body = reused ? Buffer.from(reused.buffer, reused.byteOffset, reused.byteLength) : Buffer.from(await responsePromise.arrayBuffer());
				let text: string | undefined;
				return {
					get text() {
						text ??= body.toString('utf8');
						return text;
					},
					body,
					bytes: body.byteLength,
					durationMs: performance.now() - started,
				};
			} catch (error) {
				if (error instanceof BodyReadError) {
					throw transportError(error.cause, context(spec), 'body');
				}

				if (error instanceof BodyTooLargeError) {
					throw new ApiError('bad-response', `the answer from MaxScale at ${host} to ${spec.method.toUpperCase()} ${spec.path} is larger than ${Math.round(error.limitBytes / 1024 / 1024)} MiB; maxtop stopped reading it`);
				}

				if (isHTTPError(error)) {
					throw httpError(error.response.status, error.data, context(spec));
				}

				throw transportError(error, context(spec), isHeadersArrived ? 'body' : 'request');
			}
		},
		releaseListBody() {
			bulkFetch?.releaseLarge();
		},
		async close() {
			await plainAgent?.close();
			plainAgent = undefined;
			await tlsFetch?.close();
		},
	};
}
