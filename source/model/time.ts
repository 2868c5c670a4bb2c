/**
Timestamps as MaxScale writes them, as epoch milliseconds. `timezoneOffsetMinutes` (east of UTC, CET is 60)
is the server's, for the zone-less formats; without it they are read in local time, right on the proxy host.
*/
export type TimeOptions = {timezoneOffsetMinutes?: number};

const months: Record<string, number> = {
	Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

// asctime() pads a one-digit day with a space: "Thu Jul  6 07:28:51 2023".
const asctimePattern = /^[A-Z][a-z]{2} +(?<month>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) (?<year>\d{4})$/v;
const rfc1123Pattern = /^[A-Z][a-z]{2}, (?<day>\d{1,2}) (?<month>[A-Z][a-z]{2}) (?<year>\d{4}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) GMT$/v;
const isoPattern = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[ T](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d{1,9}))?(?<zone>Z|[+\-]\d{2}:?\d{2})?$/v;

type Groups = Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'zone', string>>;

type Parts = [year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number];

function isValid([year, month, day, hour, minute, second]: Parts): boolean {
	if (month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || second > 60) {
		return false;
	}

	// Date.UTC rolls Feb 30 over to March; a real timestamp never needs that.
	return new Date(Date.UTC(year, month, 1)).getUTCMonth() === month
		&& day <= new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `offsetMinutes` east of UTC; without it, this machine's local time. */
function zonedMs(parts: Parts, offsetMinutes: number | undefined): number {
	return offsetMinutes === undefined ? new Date(...parts).getTime() : Date.UTC(...parts) - (offsetMinutes * 60_000);
}

/** `"Thu Jul 20 07:28:51 2023"`: MaxScale 2.2–22.08, server-local time without a zone. */
function textParts(groups: Groups | undefined): Parts | undefined {
	const month = groups?.month === undefined ? undefined : months[groups.month];
	return !groups || month === undefined ? undefined : [Number(groups.year), month, Number(groups.day), Number(groups.hour), Number(groups.minute), Number(groups.second), 0];
}

export function parseAsctime(text: string, options?: TimeOptions): number | undefined {
	const parts = textParts(asctimePattern.exec(text.trim())?.groups);
	return parts && isValid(parts) ? zonedMs(parts, options?.timezoneOffsetMinutes) : undefined;
}

/** `"Fri, 05 Jan 2024 07:24:06 GMT"`: MaxScale 23.02+. */
export function parseRfc1123(text: string): number | undefined {
	const parts = textParts(rfc1123Pattern.exec(text.trim())?.groups);
	return parts && isValid(parts) ? zonedMs(parts, 0) : undefined;
}

/** A session's `connected` in either generation's format; undefined for anything else. */
export function parseConnected(value: unknown, options?: TimeOptions): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	return value.includes(',') ? parseRfc1123(value) : parseAsctime(value, options);
}

/**
`queries[].received` / `completed` (`"2026-11-22T22:13:03.787"`): zone-less, so server-local time, as maxctrl's
`new Date(received)` reads them; an explicit `Z` or offset is honoured.
*/
export function parseIsoTimestamp(value: unknown, options?: TimeOptions): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	const groups: Groups | undefined = isoPattern.exec(value.trim())?.groups;
	if (!groups) {
		return undefined;
	}

	const ms = Number((groups.fraction ?? '').padEnd(3, '0').slice(0, 3));
	const parts: Parts = [Number(groups.year), Number(groups.month) - 1, Number(groups.day), Number(groups.hour), Number(groups.minute), Number(groups.second), ms];
	if (!isValid(parts)) {
		return undefined;
	}

	const {zone} = groups;
	const digits = zone?.slice(1).replace(':', '') ?? '';
	const offsetMinutes = zone === 'Z' ? 0 : (zone?.startsWith('-') ? -1 : 1) * ((Number(digits.slice(0, 2)) * 60) + Number(digits.slice(2)));
	return zonedMs(parts, zone === undefined ? options?.timezoneOffsetMinutes : offsetMinutes);
}
