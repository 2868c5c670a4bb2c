import {firstLine} from '../lifecycle.js';

/** Bad input found only while starting (an unreadable recording, a TLS file): exit 2 like any usage error. */
export class UsageFailure extends Error {
	override name = 'UsageFailure';
}

/** The error's first line, to follow `maxtop: `. */
export function oneLine(error: unknown): string {
	const first = firstLine(error);
	return first.charAt(0).toLowerCase() + first.slice(1);
}
