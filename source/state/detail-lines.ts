import {boundedText, isUnknown, maxTextLength} from '../model/bounds.js';
import {
	formatBytes,
	formatClient,
	formatCount,
	formatDuration,
	formatMilliseconds,
	formatTime,
} from '../model/format.js';
import type {Line} from '../model/fit-line.js';
import {sanitize} from '../model/sanitize.js';
import {logLevels, type BackendConnection, type Session} from '../model/session.js';

export type DetailOptions = {
	nowMs: number;
	utc?: boolean;
	rdns: boolean;
	gone?: boolean;
	error?: string;
};

function field(name: string, value: string | undefined): string {
	return `  ${name.padEnd(11)} ${value === undefined || value === '' ? '-' : sanitize(value)}`;
}

function connectedText(session: Session, options: DetailOptions): string | undefined {
	if (session.connectedMs === undefined) {
		return undefined;
	}

	const age = session.ageSeconds ?? ((options.nowMs - session.connectedMs) / 1000);
	return `${formatTime(session.connectedMs, {utc: options.utc})} (${formatDuration(age)} ago)`;
}

function queryLines(session: Session, options: DetailOptions): string[] {
	return (session.queries ?? []).map(query => {
		const when = query.receivedMs === undefined ? '' : formatTime(query.receivedMs, {utc: options.utc});
		const durations = query.responses
			.map(response => `${sanitize(response.server)}${response.durationMs === undefined ? '' : ` ${formatMilliseconds(response.durationMs)}`}`)
			.join(', ');
		const running = query.completedMs === undefined ? ' running' : '';
		const text = sanitize(query.statement ?? query.command ?? '');
		return `  ${when}${running} [${durations || '-'}] ${text}`;
	});
}

/** A section's lines, or the one line that says why it has none. */
function orNone(lines: string[], none: string): string[] {
	return lines.length === 0 ? [none] : lines;
}

/**
The detail pane's title in pieces: `live` while maxtop polls, the recorded time during `--replay`.
On a narrow terminal `(Esc closes)` goes first, then the host is cut; the session and the time stay.
*/
export function detailTitleLine(sessionId: string, host: string, options: {replay?: boolean; replayAtMs?: number; utc?: boolean}): Line {
	const when = options.replay
		? `replay${options.replayAtMs === undefined ? '' : ` at ${formatTime(options.replayAtMs, {utc: options.utc}).slice(11)}`}`
		: 'live';
	return [
		{text: `Session ${sessionId} on `, priority: 5},
		{text: host, priority: 3, cut: {min: 6}},
		{text: `, ${when}`, priority: 5},
		{text: '  (Esc closes)', priority: 1, shorter: ['']},
	];
}

/**
The program (`program_name`) and the connector library (`_client_name`) once the session's
connection attributes are known; until then the application the list gave.
*/
function clientProgramLines(session: Session): string[] {
	const attributes = session.connectionAttributes;
	if (!attributes) {
		return [field('app', session.appName)];
	}

	const connector = attributes['_client_name'];
	const version = attributes['_client_version'];
	return [
		field('program', attributes['program_name']),
		field('connector', connector === undefined || version === undefined ? connector : `${connector} ${version}`),
	];
}

/** Everything the detail pane shows, one string per line, unclipped; the pane scrolls through it. */
export function detailLines(session: Session | undefined, options: DetailOptions): string[] {
	const lines: string[] = options.gone ? ['This session is gone: MaxScale no longer lists it. Esc returns to the table.'] : [];

	if (options.error) {
		lines.push(`maxtop: ${sanitize(options.error)} (showing the last data)`);
	}

	if (!session) {
		lines.push('waiting for the server…');
		return lines;
	}

	const cuts = Object.entries(session.fullLengths ?? {}).filter(([, length]) => typeof length === 'number');
	if (cuts.length > 0) {
		lines.push(`Texts cut to their first ${formatCount(maxTextLength)} characters (real length)`, ...cuts.map(([label, length]) => field(label, `${formatCount(length)} characters`)));
	}

	const levels = session.logLevels;
	lines.push(
		field('state', session.state),
		field('user', session.user),
		field('client', formatClient(session) + (options.rdns ? '  (reverse DNS on)' : '')),
		...clientProgramLines(session),
		field('service', session.services.join(', ')),
		field('filters', session.filters.join(', ')),
		field('connected', connectedText(session, options)),
		field('age', boundedText(session, 'ageSeconds', formatDuration)),
		field('idle', boundedText(session, 'idleSeconds', formatDuration)),
		field('thread', boundedText(session, 'thread', String)),
		field('I/O (30s)', boundedText(session, 'ioActivity', String)),
		field('client TLS', session.clientCipher),
		'Backend connections',
		...orNone((session.connections ?? session.servers.map((server): BackendConnection => ({server}))).map(connection => {
			const id = connection.connectionId === undefined ? '' : `  connection ${connection.connectionId}`;
			// `cipher` is "" on a plain connection; absent when the server did not say (< 2.3).
			const cipher = connection.cipher === undefined ? '' : (connection.cipher ? `  TLS ${sanitize(connection.cipher)}` : '  no TLS');
			return `  ${sanitize(connection.server)}${id}${cipher}`;
		}), '  (none)'),
		'Client connection attributes',
		...orNone(Object.entries(session.connectionAttributes ?? {}).map(([name, value]) => field(name, value)), '  (none reported)'),
		'Memory',
		...orNone(
			Object.entries(session.memory ?? {}).map(([name, bytes]) => field(name, formatBytes(bytes))),
			session.memoryBytes === undefined && !isUnknown(session, 'memoryBytes') ? '  (not reported: needs MaxScale 22.08)' : field('total', boundedText(session, 'memoryBytes', formatBytes)),
		),
		'Log levels',
		levels
			? '  ' + logLevels.map(level => `${level.replace('log_', '')} ${levels[level] === undefined ? '-' : (levels[level] ? 'on' : 'off')}`).join('  ')
			: '  (not reported: needs MaxScale 6.0)',
		'Last queries',
		...orNone(queryLines(session, options), '  (none) MaxScale keeps no statements: set retain_last_statements'),
		'Session log',
		...orNone((session.log ?? []).map(entry => `  ${sanitize(entry)}`), '  (none) MaxScale keeps no session log: set session_trace'),
	);

	return lines;
}
