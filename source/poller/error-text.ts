import {isApiError} from '../api/errors.js';

/** One line for the status line: the ApiError's message (MaxScale's detail where it sent one). */
export function errorText(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const firstLine = text.split(/\r?\n/v, 1)[0]?.trim();
	return firstLine === undefined || firstLine === '' ? 'request failed' : firstLine;
}

export function isNotFound(error: unknown): boolean {
	return isApiError(error) && error.kind === 'http' && error.status === 404;
}

export function isRefused(error: unknown): boolean {
	return isApiError(error) && error.kind === 'refused';
}

/** A 401 to a read: the credentials themselves are refused (a read-only account's 401 only comes on writes). */
export function isAuthRefused(error: unknown): boolean {
	return isApiError(error) && error.kind === 'http' && error.status === 401;
}
