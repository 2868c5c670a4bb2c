/**
What a number from MaxScale may be and still be believed. Outside these bounds it is kept as unknown
and printed `?`, never as `1.1574074074074072e+303d08h`; the list reader and the formatters use only these.
*/
import {type BoundedField, type Session, sessionFields} from './session-fields.js';

/** A hundred years: no session, and no idle time, is older. */
export const maxSensibleSeconds = 100 * 365.25 * 86_400;

/** Bytes and counts: not negative, and exact as a double (2^53 bytes is 8 PiB). */
export function isSensibleAmount(value: number): boolean {
	return value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

const isSensibleType = {
	seconds: (value: number) => value >= 0 && value <= maxSensibleSeconds,
	bytes: isSensibleAmount,
	count: isSensibleAmount,
	// A port, or a routing worker's index (MaxScale runs at most a few hundred).
	uint16: (value: number) => Number.isSafeInteger(value) && value >= 0 && value <= 65_535,
};

export function isSensible(field: BoundedField, value: number): boolean {
	return isSensibleType[sessionFields[field].type](value);
}

/** Whether the server sent `field` as a number out of sense; checked as an array, since a recording is read unchecked. */
export function isUnknown(session: Pick<Session, 'unknown'>, field: BoundedField): boolean {
	return Array.isArray(session.unknown) && session.unknown.includes(field);
}

/** `session[field]` formatted, `?` when the server sent a number out of sense, undefined when it sent none. */
export function boundedText(session: Session, field: BoundedField, format: (value: number) => string): string | undefined {
	const value = session[field];
	return value === undefined ? (isUnknown(session, field) ? '?' : undefined) : format(value);
}

/** What is kept of any text: more than any screen shows, small enough that a 200 MB user name costs nothing per frame. */
export const maxTextLength = 4096;

/** `text` cut to `maxTextLength` (a copy: a slice keeps the whole original alive), or undefined when not longer. */
export function cutText(text: string): string | undefined {
	if (text.length <= maxTextLength) {
		return undefined;
	}

	// Never half of a surrogate pair: a code point above U+FFFF starting at the last place kept.
	const end = text.codePointAt(maxTextLength - 1)! > 0xFF_FF ? maxTextLength - 1 : maxTextLength;
	return [...text.slice(0, end)].join('');
}
