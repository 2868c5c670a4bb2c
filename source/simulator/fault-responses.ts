import type {SimResponse} from './http-types.js';
import {findFault} from './fault-spec.js';
import type {FaultKind, FaultSpec} from './types.js';

/**
Faults that replace the answer before the request is handled (no side effects happen).
*/
export function faultResponse(faults: readonly FaultSpec[], path: string): SimResponse | undefined {
	const has = (kind: FaultKind): boolean => findFault(faults, kind, path) !== undefined;
	if (has('http-500')) {
		return {status: 500, body: {errors: [{detail: 'Internal error'}]}};
	}

	if (has('http-500-empty')) {
		return {status: 500};
	}

	if (has('http-503')) {
		// Develop's text for a request the main worker cannot run.
		return {status: 503, body: {errors: [{detail: 'MaxScale is shutting down'}]}};
	}

	if (has('http-503-empty')) {
		return {status: 503};
	}

	return has('unauthorized')
		? {
			status: 401, text: '{"errors": [ { "detail": "Access denied" } ] }', contentType: false, headers: {'WWW-Authenticate': 'Basic realm="maxscale"'},
		}
		: undefined;
}

/**
Faults that spoil an answer after it was built (a GET's body).
*/
export function spoilBody(faults: readonly FaultSpec[], path: string, method: string, response: SimResponse, text: string | undefined): SimResponse & {truncate?: boolean} {
	if (method !== 'GET') {
		return response;
	}

	if (findFault(faults, 'empty-body', path)) {
		return {status: 200};
	}

	if (findFault(faults, 'non-json', path)) {
		return {status: 200, text: '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>\n', contentType: 'text/html'};
	}

	if (findFault(faults, 'malformed-json', path)) {
		return {status: 200, text: '{"data": [{"id": "1", "type": "sessions", "attributes": {"state": "Session started",,}', contentType: 'application/json'};
	}

	return findFault(faults, 'truncated', path) && text !== undefined ? {...response, text, truncate: true} : response;
}
