import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import {
	authErrorText,
	type SimRequest,
	type SimResponse,
	type SimState,
	type SimUser,
} from './http-types.js';
import {isLegacy, type SimulatorUser, type SimulatorVersion} from './types.js';

export type Credentials = {kind: 'basic'; user: string; password: string} | {kind: 'token'; token: string} | {kind: 'none'};

const base64url = (data: string): string => Buffer.from(data).toString('base64url');

/** The cookie (`token_sig`, 22.08.2+ holds the whole JWT) wins over the Authorization header. */
export function readCredentials(headers: Record<string, string | string[] | undefined>, tokensAllowed: boolean): Credentials {
	const cookie = typeof headers['cookie'] === 'string' ? /(?:^|;\s*)token_sig=([^;]+)/.exec(headers['cookie'])?.[1] : undefined;
	if (tokensAllowed && cookie) {
		return {kind: 'token', token: cookie};
	}

	const authorization = typeof headers['authorization'] === 'string' ? headers['authorization'].trim() : '';
	const [scheme = '', value = ''] = authorization.split(/\s+/, 2);
	if (scheme.toLowerCase() === 'basic') {
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return colon === -1 ? {kind: 'basic', user: decoded, password: ''} : {kind: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1)};
	}

	// The scheme is matched as written: 24.02.3 reads `bearer …` as no credentials at all.
	return tokensAllowed && scheme === 'Bearer' && value ? {kind: 'token', token: value} : {kind: 'none'};
}

export function checkPassword<User extends SimulatorUser>(users: readonly User[], user: string, password: string): User | undefined {
	const found = users.find(candidate => candidate.name === user);
	if (!found) {
		return undefined;
	}

	const expected = Buffer.from(found.password);
	const given = Buffer.from(password);
	return expected.length === given.length && timingSafeEqual(expected, given) ? found : undefined;
}

/** HS256 tokens signed with a random per-process key, so a restarted simulator invalidates them (2.5+). */
export class TokenIssuer {
	private readonly key = randomBytes(32);
	private readonly version: SimulatorVersion;

	constructor(version: SimulatorVersion) {
		this.version = version;
	}

	issue(user: SimulatorUser, nowMs: number, maxAgeSeconds: number): string {
		const iat = Math.floor(nowMs / 1000);
		// The `account` claim arrived in 22.08.2.
		const claims: Record<string, unknown> = this.version === '6' ? {} : {account: user.account};
		Object.assign(claims, {
			aud: user.name, exp: iat + maxAgeSeconds, iat, iss: 'maxscale', sub: user.name,
		});
		const unsigned = `${base64url(JSON.stringify({alg: 'HS256'}))}.${base64url(JSON.stringify(claims))}`;
		return `${unsigned}.${this.sign(unsigned)}`;
	}

	/** The user a valid, unexpired token names, or undefined. */
	verify<User extends SimulatorUser>(token: string, users: readonly User[], nowMs: number): User | undefined {
		const [header, payload, signature] = token.split('.', 3);
		if (!header || !payload || !signature) {
			return undefined;
		}

		const expected = Buffer.from(this.sign(`${header}.${payload}`));
		const given = Buffer.from(signature);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
			return undefined;
		}

		try {
			const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {sub?: unknown; exp?: unknown};
			return typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs ? undefined : users.find(user => user.name === claims.sub);
		} catch {
			return undefined;
		}
	}

	private sign(unsigned: string): string {
		return createHmac('sha256', this.key).update(unsigned).digest('base64url');
	}
}

/** `max-age`: default 8 h; non-positive or non-integer values are ignored; 23.02+ caps it at 24 h. */
export function tokenMaxAge(raw: string | undefined, version: SimulatorVersion): number {
	const value = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
	if (value <= 0 || value >= 2_147_483_647) {
		return 28_800;
	}

	return version === '24.02' ? Math.min(value, 86_400) : value;
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const denied = (request: SimRequest, withChallenge: boolean): SimResponse => {
	// 22.08.2+: an XMLHttpRequest gets no challenge, so browsers do not pop up a login dialog.
	const isChallenge = withChallenge && request.headers['x-requested-with'] !== 'XMLHttpRequest';
	return {
		status: 401, text: authErrorText('Access denied'), contentType: false, headers: isChallenge ? {'WWW-Authenticate': 'Basic realm="maxscale"'} : {},
	};
};

/** Authenticate and authorize one request the way MaxScale's admin daemon does. */
export function authorize(request: SimRequest, state: SimState, isAuthEndpoint: boolean): {user: SimUser} | {denied: SimResponse} {
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
