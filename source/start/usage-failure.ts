/**
Bad input found only while starting (an unreadable recording, a TLS file): exit 2 like any usage error.
*/
export class UsageFailure extends Error {
	override name = 'UsageFailure';
}

export function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const first = text.split('\n').find(line => line.trim() !== '') ?? 'unknown error';
	return first.charAt(0).toLowerCase() + first.slice(1);
}
