/** Value → text for the table, the header and the detail pane; pure, reading only the local time zone. */
import {isSensibleAmount, isUnknown, maxSensibleSeconds} from './bounds.js';
import type {Session} from './session.js';

const byteUnits = ['KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) {
		return '';
	}

	if (!isSensibleAmount(bytes)) {
		return '?';
	}

	if (Math.abs(bytes) < 1024) {
		return `${Math.round(bytes)} B`;
	}

	let value = bytes;
	let unit = '';
	for (const next of byteUnits) {
		value /= 1024;
		unit = next;
		if (Math.abs(value) < 1024) {
			break;
		}
	}

	// Keep at most four significant-looking characters: 12.3 KiB, 123 KiB, 1.5 MiB.
	const text = Math.abs(value) >= 100 ? String(Math.round(value)) : value.toFixed(1);
	return `${text} ${unit}`;
}

function pad2(value: number): string {
	return String(value).padStart(2, '0');
}

/** `45s`, `12m05s`, `3h12m`, `2d04h`; fractions are cut, not rounded up. */
export function formatDuration(seconds: number): string {
	if (!Number.isFinite(seconds)) {
		return '';
	}

	if (seconds > maxSensibleSeconds) {
		return '?';
	}

	const total = Math.max(0, Math.floor(seconds));
	if (total < 60) {
		return `${total}s`;
	}

	const minutes = Math.floor(total / 60);
	if (minutes < 60) {
		return `${minutes}m${pad2(total % 60)}s`;
	}

	const hours = Math.floor(minutes / 60);
	return hours < 24 ? `${hours}h${pad2(minutes % 60)}m` : `${Math.floor(hours / 24)}d${pad2(hours % 24)}h`;
}

/** `10.0.0.5:40664`, `[::1]:40664`; the port is left off when the server did not send one (< 6.3.1). */
export function formatAddress(remote: string | undefined, port?: number): string {
	if (remote === undefined || remote === '') {
		return port === undefined ? '' : `:${port}`;
	}

	const host = remote.includes(':') && !remote.startsWith('[') ? `[${remote}]` : remote;
	return port === undefined ? host : `${host}:${port}`;
}

/** The client's address; its port `?` when the server sent one out of sense. */
export function formatClient(session: Pick<Session, 'remote' | 'port' | 'unknown'>): string {
	return session.port === undefined && isUnknown(session, 'port') ? `${formatAddress(session.remote)}:?` : formatAddress(session.remote, session.port);
}

/** `now`, `3s ago`, `12m05s ago`; a time in the future (clock skew) reads as `now`. */
export function formatRelative(thenMs: number, nowMs: number): string {
	const seconds = Math.floor((nowMs - thenMs) / 1000);
	return seconds <= 0 ? 'now' : `${formatDuration(seconds)} ago`;
}

/** `2024-01-05 07:24:06` in local time, or `2024-01-05 07:24:06 UTC`. */
export function formatTime(ms: number, options: {utc?: boolean} = {}): string {
	if (!Number.isFinite(ms)) {
		return '';
	}

	const date = new Date(ms);
	const parts = options.utc
		? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
		: [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
	const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
	const text = `${year}-${pad2(month)}-${pad2(day)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
	return options.utc ? `${text} UTC` : text;
}

/** `1,234` so session counts stay readable at a glance. */
export function formatCount(count: number): string {
	return Math.round(count).toLocaleString('en-US');
}

/** `340 ms`, `1.2 s`, `12 s`. */
export function formatMilliseconds(ms: number): string {
	if (!Number.isFinite(ms)) {
		return '';
	}

	if (Math.round(ms) < 1000) {
		return `${Math.round(ms)} ms`;
	}

	const tenths = Math.round(ms / 100) / 10;
	return tenths < 10 ? `${tenths.toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
