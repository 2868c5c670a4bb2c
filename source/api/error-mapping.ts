/** Every failure becomes one `ApiError` of one line naming the MaxScale and user, never the password. */
import {formatMilliseconds} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {ApiError} from './errors.js';

export type RequestContext = {
	/** `host:port` of the MaxScale, for messages. */
	host: string;
	user: string;
	method: string;
	/** Path without the query string, e.g. `/v1/sessions/12`. */
	path: string;
	timeoutMs: number;
	/** Whether the request went over HTTPS. */
	secure: boolean;
	/** Set for requests on one session, so a 404 can say the session is gone. */
	sessionId?: string;
};

function oneLine(text: string, limit = 300): string {
	const line = sanitize(text.split(/[\n\r]/v).map(part => part.trim()).filter(part => part !== '').join(' '));
	return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

/** MaxScale's `{"errors":[{"detail":…}]}` texts, from a parsed body or from raw text. */
export function errorDetails(data: unknown): string[] {
	let body = data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return [];
		}
	}

	// A cast, not a check: `?.` also passes over null and other non-objects.
	const errors = (body as {errors?: unknown} | undefined)?.errors;
	if (!Array.isArray(errors)) {
		return [];
	}

	return errors.flatMap(entry => {
		const detail = (entry as {detail?: unknown} | undefined)?.detail;
		return typeof detail === 'string' && detail.trim() !== '' ? [oneLine(detail)] : [];
	});
}

export function httpError(status: number, data: unknown, context: RequestContext): ApiError {
	const details = errorDetails(data);
	const suffix = details.length > 0 ? `: ${details.join('; ')}` : '';
	let message: string;
	if (status === 401) {
		// 2.3.16+ answers a write by a read-only account with the same 401 as a wrong password.
		message = `access denied for user ${oneLine(context.user, 80)} (wrong password, or a read-only account)`;
	} else if (status === 403) {
		message = `user ${oneLine(context.user, 80)} may not do this (read-only account)${suffix}`;
	} else if (status === 404 && context.sessionId !== undefined) {
		message = `session ${oneLine(context.sessionId, 40)} not found (it may have closed)`;
	} else if (status === 404) {
		message = `MaxScale at ${context.host} has no ${context.path} (404)${suffix}`;
	} else if (status === 400 && details.length === 0) {
		// ≤23.08 loses the reason of a failed session PATCH: it only reaches MaxScale's log.
		message = `MaxScale at ${context.host} refused ${context.method} ${context.path} (400, no reason given; see MaxScale's log)`;
	} else {
		message = `MaxScale at ${context.host} answered ${status} to ${context.method} ${context.path}${suffix}`;
	}

	return new ApiError('http', message, {status, details});
}

/** What a write that got no answer may still do, and where the operator sees whether it did. */
function pendingWrite(context: RequestContext): string {
	if (context.method === 'DELETE' && context.sessionId !== undefined) {
		return 'the kill may still happen; watch the row';
	}

	if (context.method === 'POST' && context.path.endsWith('/restart')) {
		return context.sessionId === undefined ? 'the restart of all sessions may still happen; watch the sessions' : 'the restart may still happen; watch the row';
	}

	return 'the change may still be applied; look before sending it again';
}

/** Never sent again; the consequence goes first, so a narrow status line cuts the address instead. */
function unansweredWrite(context: RequestContext, cause: unknown): ApiError {
	const message = `no answer in ${formatMilliseconds(context.timeoutMs)}: ${pendingWrite(context)} (MaxScale at ${context.host})`;
	return new ApiError('timeout', message, {cause, isOutcomeUnknown: true});
}

type ErrorFacts = {codes: string[]; messages: string[]; names: Set<unknown>; innermost?: unknown};

function collectFacts(error: unknown, facts: ErrorFacts, depth = 0): ErrorFacts {
	if (error === null || typeof error !== 'object' || depth > 8) {
		return facts;
	}

	const {code, message, cause, errors, name} = error as {code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; name?: unknown};
	facts.names.add(name);
	if (typeof code === 'string') {
		facts.codes.push(code);
	}

	if (typeof message === 'string') {
		facts.messages.push(message);
	}

	// ky's own errors carry the Request, auth header included: never keep those as the cause.
	if (!('request' in error) && !('response' in error)) {
		facts.innermost = error;
	}

	collectFacts(cause, facts, depth + 1);
	// Connecting to "localhost" tries ::1 and 127.0.0.1 and fails with an AggregateError.
	if (Array.isArray(errors)) {
		for (const inner of errors) {
			collectFacts(inner, facts, depth + 1);
		}
	}

	return facts;
}

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const untrustedCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
]);

const certificateTexts = new Map([
	['CERT_HAS_EXPIRED', 'an expired TLS certificate'],
	['CERT_NOT_YET_VALID', 'a TLS certificate that is not valid yet (check the clocks)'],
	['ERR_TLS_CERT_ALTNAME_INVALID', 'a TLS certificate for another host name'],
]);

function tlsMessage(codes: string[], messages: string[], context: RequestContext): string | undefined {
	const at = `MaxScale at ${context.host}`;
	const code = codes.find(item => untrustedCodes.has(item));
	if (code) {
		return `${at} sent a certificate this machine does not trust (${code}); give its CA certificate, or turn off server certificate verification`;
	}

	const known = codes.find(item => certificateTexts.has(item));
	if (known) {
		return `${at} sent ${certificateTexts.get(known)!}`;
	}

	if (codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') || messages.some(text => /wrong version number|packet length too long/iv.test(text))) {
		return `${at} does not speak TLS on this port (try plain http)`;
	}

	const tlsCode = codes.find(item => /^(?:ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_|ERR_CRYPTO_)/v.test(item) || item.includes('CERT'));
	return tlsCode ? `TLS with ${at} failed (${tlsCode})` : undefined;
}

/** Anything but an HTTP status: refused, reset, timeout, TLS, abort, a body cut short. */
export function transportError(error: unknown, context: RequestContext, phase: 'request' | 'body' = 'request'): ApiError {
	if (error instanceof ApiError) {
		return error;
	}

	const facts = collectFacts(error, {codes: [], messages: [], names: new Set()});
	const {names} = facts;
	const cause = facts.innermost;
	const at = `MaxScale at ${context.host}`;
	if (names.has('AbortError')) {
		return new ApiError('aborted', `request to ${at} was aborted`, {cause});
	}

	if (names.has('TimeoutError') || facts.codes.some(code => timeoutCodes.has(code))) {
		const isWrite = context.method !== 'GET' && context.method !== 'HEAD';
		return isWrite ? unansweredWrite(context, cause) : new ApiError('timeout', `${at} did not answer within ${context.timeoutMs} ms`, {cause});
	}

	if (facts.codes.includes('ECONNREFUSED')) {
		return new ApiError('refused', `could not connect to ${at} (connection refused)`, {cause});
	}

	const tls = tlsMessage(facts.codes, facts.messages, context);
	if (tls) {
		return new ApiError('tls', tls, {cause});
	}

	if (phase === 'body' || facts.messages.includes('terminated')) {
		return new ApiError('bad-response', `the answer from ${at} to ${context.method} ${context.path} was cut short`, {cause});
	}

	const dns = facts.codes.find(code => code === 'ENOTFOUND' || code === 'EAI_AGAIN');
	if (dns) {
		return new ApiError('network', `could not resolve the host name of ${at} (${dns})`, {cause});
	}

	const isClosed = facts.codes.some(code => code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code.startsWith('HPE_'))
		|| facts.messages.some(text => /other side closed|socket hang up/iv.test(text));
	if (isClosed) {
		// A TLS-only admin port resets plain-HTTP requests; maxctrl gives the same hint.
		const hint = context.secure ? '' : ' (if its REST API uses TLS, connect with https / --secure)';
		return new ApiError('network', `${at} closed the connection${hint}`, {cause});
	}

	const code = facts.codes[0];
	const detail = code ?? oneLine(facts.messages.at(-1) ?? 'unknown error', 120);
	return new ApiError('network', `could not reach ${at} (${detail})`, {cause});
}
