export type ApiErrorKind =
	| 'http' // The server answered with an error status.
	| 'refused' // Nothing listens (ECONNREFUSED): MaxScale down or wrong port.
	| 'timeout'
	| 'network' // Reset, DNS, other socket errors.
	| 'tls' // Certificate or handshake problems.
	| 'bad-response' // Not JSON, truncated, or not the shape we need.
	| 'unsupported' // The server's version lacks the feature; no request was sent.
	| 'aborted';

/** The only error the API client throws. `message` is one line, ready for the status line. */
export class ApiError extends Error {
	override name = 'ApiError';
	readonly kind: ApiErrorKind;
	readonly status?: number;
	/** MaxScale's own `errors[].detail` texts, when it sent any. */
	readonly details: string[];
	/** A write was sent and no answer came: MaxScale may still carry it out, so it did not simply fail. */
	readonly isOutcomeUnknown: boolean;

	constructor(kind: ApiErrorKind, message: string, options: {status?: number; details?: string[]; cause?: unknown; isOutcomeUnknown?: boolean} = {}) {
		super(message, {cause: options.cause});
		this.kind = kind;
		this.status = options.status;
		this.details = options.details ?? [];
		this.isOutcomeUnknown = options.isOutcomeUnknown ?? false;
	}
}

export function isApiError(error: unknown): error is ApiError {
	return error instanceof ApiError;
}

/** One line for the status line: an `ApiError`'s message is one already; anything else is joined. */
export function errorLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n').map(line => line.trim()).filter(Boolean).join(' ') || 'unknown error';
}
