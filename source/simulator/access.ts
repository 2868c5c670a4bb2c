import {checkPassword, readCredentials} from './auth.js';
import {
	authErrorText,
	type SimRequest,
	type SimResponse,
	type SimState,
	type SimUser,
} from './http-types.js';
import {isLegacy} from './types.js';

export type Access = {user: SimUser; via: 'basic' | 'token'} | {denied: SimResponse};

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const denied = (request: SimRequest, withChallenge: boolean): SimResponse => {
	// 22.08.2+: an XMLHttpRequest gets no challenge, so browsers do not pop up a login dialog.
	const isChallenge = withChallenge && request.headers['x-requested-with'] !== 'XMLHttpRequest';
	return {
		status: 401, text: authErrorText('Access denied'), contentType: false, headers: isChallenge ? {'WWW-Authenticate': 'Basic realm="maxscale"'} : {},
	};
};

/**
Authenticate and authorize one request the way MaxScale's admin daemon does.
*/
export function authorize(request: SimRequest, state: SimState, isAuthEndpoint: boolean): Access {
	// Tokens arrived in 2.5.0; 2.4.19's captures are silent on them, so 2.4 follows 2.2.
	const isTokensAllowed = !isLegacy(state.version) && !isAuthEndpoint;
	const credentials = readCredentials(request.headers, isTokensAllowed);
	const nowMs = state.world.now;
	let user: SimUser | undefined;
	let via: 'basic' | 'token' = 'basic';
	if (credentials.kind === 'basic') {
		user = checkPassword(state.users, credentials.user, credentials.password);
	} else if (credentials.kind === 'token') {
		via = 'token';
		user = state.tokens.verify(credentials.token, state.users, nowMs);
	}

	if (!user) {
		// /auth and bad tokens answer 401 without a challenge (captures auth-get-token-wrong-password, error-401-bearer-*).
		return {denied: denied(request, !isAuthEndpoint && credentials.kind !== 'token')};
	}

	if (user.account !== 'admin' && !readOnlyMethods.has(request.method)) {
		// A basic account writing: 401 like a wrong password with Basic auth, 403 with a token (2.5.9+).
		return via === 'token'
			? {denied: {status: 403, text: authErrorText('Administrative access required'), contentType: false}}
			: {denied: denied(request, !isAuthEndpoint)};
	}

	user.lastLoginMs = nowMs;
	return {user, via};
}
