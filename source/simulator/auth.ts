import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import type {SimulatorUser, SimulatorVersion} from './types.js';

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
