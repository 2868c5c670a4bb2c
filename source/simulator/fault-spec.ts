import {authErrorText, errorBody, type SimResponse} from './http-types.js';
import {faultKinds as kinds, type FaultKind, type FaultSpec} from './types.js';

const isKind = (text: string): text is FaultKind => (kinds as readonly string[]).includes(text);

/**
Parse `maxtop simulate --fault` text: `KIND[:ARG][:PATH,PATH…]`, e.g. `latency:500`,
`http-503`, `http-503:/v1/sessions`, `latency:200:/v1/sessions`. Paths start with `/`.
*/
export function parseFaultSpec(text: string): FaultSpec {
	const parts = text.trim().split(':');
	const kind = parts.shift() ?? '';
	if (!isKind(kind)) {
		throw new Error(`unknown fault "${kind}" (one of: ${kinds.join(', ')})`);
	}

	const spec: FaultSpec = {kind};
	if (kind === 'latency') {
		const ms = parts.shift();
		if (ms === undefined || !/^\d+$/.test(ms)) {
			throw new Error(`fault "latency" needs milliseconds, e.g. latency:500 (got "${text}")`);
		}

		spec.latencyMs = Number(ms);
	}

	const rest = parts.join(':');
	if (rest !== '') {
		const paths = rest.split(',').map(path => path.trim()).filter(Boolean);
		if (paths.length === 0 || paths.some(path => !path.startsWith('/'))) {
			throw new Error(`fault paths must start with "/", e.g. ${kind}:/v1/sessions (got "${text}")`);
		}

		spec.paths = paths;
	}

	return spec;
}

/** The first fault of `kind` that applies to `path`, if any. */
export function findFault(faults: readonly FaultSpec[], kind: FaultKind, path: string): FaultSpec | undefined {
	return faults.find(fault => fault.kind === kind && (!fault.paths || fault.paths.length === 0 || fault.paths.some(part => path.includes(part))));
}

/** Faults that replace the answer before the request is handled (no side effects happen), first match wins. */
const replacements: Partial<Record<FaultKind, SimResponse>> = {
	'http-500': {status: 500, body: errorBody('Internal error')},
	'http-500-empty': {status: 500},
	// Develop's text for a request the main worker cannot run.
	'http-503': {status: 503, body: errorBody('MaxScale is shutting down')},
	'http-503-empty': {status: 503},
	unauthorized: {
		status: 401, text: authErrorText('Access denied'), contentType: false, headers: {'WWW-Authenticate': 'Basic realm="maxscale"'},
	},
};

export function faultResponse(faults: readonly FaultSpec[], path: string): SimResponse | undefined {
	const kind = (Object.keys(replacements) as FaultKind[]).find(candidate => findFault(faults, candidate, path));
	return kind === undefined ? undefined : {...replacements[kind]!};
}

/** Faults that spoil an answer after it was built (a GET's body). */
export function spoilBody(faults: readonly FaultSpec[], path: string, method: string, response: SimResponse, text: string | undefined): SimResponse & {truncate?: boolean} {
	const has = (kind: FaultKind): boolean => method === 'GET' && findFault(faults, kind, path) !== undefined;
	if (has('empty-body')) {
		return {status: 200};
	}

	if (has('non-json')) {
		return {status: 200, text: '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>\n', contentType: 'text/html'};
	}

	if (has('malformed-json')) {
		return {status: 200, text: '{"data": [{"id": "1", "type": "sessions", "attributes": {"state": "Session started",,}', contentType: 'application/json'};
	}

	return has('truncated') && text !== undefined ? {...response, text, truncate: true} : response;
}
