/**
HTTP Basic, or a JWT from `GET /v1/auth` (2.5.0+). Tokens fall back to Basic for good where the
server cannot issue them: no `/v1/auth` before 2.5 (404), and `admin_secure_gui=true` refuses plain
HTTP with 401 "Connection is not encrypted".
*/
import {hasFeature, type Version} from '../model/version.js';
import {isApiError, ApiError} from './errors.js';
import {readText, type Http} from './http.js';
import {parseToken} from './resources.js';
import type {ConnectionConfig} from './types.js';

/** `learnVersion`: tokens are only asked for where the server version says `/v1/auth` exists. */
export function createAuthenticator(config: ConnectionConfig, http: Http, learnVersion: (signal?: AbortSignal) => Promise<Version | undefined>) {
	const basic = `Basic ${Buffer.from(`${config.user}:${config.password}`, 'utf8').toString('base64')}`;
	let mode: 'token' | 'basic' = config.useTokens ? 'token' : 'basic';
	let token: string | undefined;
	let pending: Promise<string> | undefined;

	async function fetchToken(signal?: AbortSignal): Promise<string> {
		try {
			const response = await http.send({method: 'get', path: '/v1/auth', signal}, basic, readText);
			let body: unknown;
			try {
				body = JSON.parse(response.body);
			} catch {}

			const fresh = parseToken(body);
			if (!fresh) {
				throw new ApiError('bad-response', `MaxScale at ${http.host} answered GET /v1/auth without a token`);
			}

			token = fresh;
			return `Bearer ${fresh}`;
		} catch (error) {
			const isNotEncrypted = isApiError(error) && error.status === 401
				&& error.details.some(detail => detail.toLowerCase().includes('not encrypted'));
			if (isNotEncrypted || (isApiError(error) && error.status === 404)) {
				mode = 'basic';
				return basic;
			}

			throw error;
		}
	}

	return {
		basic,
		/** The `Authorization` header value for the next request. */
		async header(signal?: AbortSignal): Promise<string> {
			if (mode === 'basic') {
				return basic;
			}

			if (!hasFeature(await learnVersion(signal), 'jwt')) {
				mode = 'basic';
				return basic;
			}

			if (token) {
				return `Bearer ${token}`;
			}

			pending ??= fetchToken(signal).finally(() => {
				pending = undefined;
			});
			return pending;
		},
		/** Forget a token the server rejected; the next `header()` fetches a new one. */
		reject(header: string) {
			if (token && header === `Bearer ${token}`) {
				token = undefined;
			}
		},
	};
}
