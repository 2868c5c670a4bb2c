const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** RFC 1123 GMT, as 23.02+ prints `connected`, `started_at` and every version prints `started_at`. */
export function httpDate(ms: number): string {
	return new Date(ms).toUTCString();
}

/**
The Date header of MaxScale's normal answers: RFC 1123 with a two-digit year
(`Sun, 06 Dec 26 05:23:43 GMT`); auth failures and unparsable bodies get `httpDate`'s four digits.
*/
export function shortDate(ms: number): string {
	const full = httpDate(ms);
	return full.replace(/ \d\d(\d\d) (?=\d\d:)/, ' $1 ');
}

/**
`asctime()` without a zone, as 2.2–22.08 print `connected` (server-local time; the simulator's
server runs in UTC, like the 22.08.14 capture). The day of the month is space-padded.
*/
export function asctime(ms: number): string {
	const d = new Date(ms);
	return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** `received`/`completed` of `queries[]`: ISO without a zone, milliseconds. */
export function queryTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 23);
}
