import {closeSync, openSync, writeSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import type {Session} from '../model/session.js';
import type {SessionsSnapshot} from '../poller/types.js';

/**
One line of a recording: one list poll of one MaxScale. Holds no credentials.
*/
export type RecordedFrame = {ts: string; host: string; sessions: Session[]};

export type Recorder = {
	record(snapshot: SessionsSnapshot): void;
	close(): void;
};

/**
Appends every poll to `file` as one NDJSON line. Synchronous writes: each line lands whole and in
order even if maxtop is killed, and a recording is read back while it grows (`tail -f`).
*/
export function createRecorder(file: string): Recorder {
	// 0600: session lists name users and client addresses.
	let fd: number | undefined = openSync(file, 'a', 0o600);
	return {
		record(snapshot) {
			if (fd === undefined) {
				return;
			}

			const frame: RecordedFrame = {ts: new Date(snapshot.atMs).toISOString(), host: snapshot.host, sessions: snapshot.sessions};
			writeSync(fd, JSON.stringify(frame) + '\n');
		},
		close() {
			if (fd === undefined) {
				return;
			}

			closeSync(fd);
			fd = undefined;
		},
	};
}

/**
Reads and validates a recording; a bad line is an Error naming the file and line number.
*/
export async function readRecording(file: string): Promise<RecordedFrame[]> {
	const text = await readFile(file, 'utf8');
	return parseRecording(text, file);
}

export function parseRecording(text: string, file: string): RecordedFrame[] {
	const frames: RecordedFrame[] = [];
	for (const [index, line] of text.split('\n').entries()) {
		if (line.trim() === '') {
			continue;
		}

		const where = `${file} line ${index + 1}`;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			throw new Error(`${where}: not JSON`);
		}

		const problem = checkFrame(value);
		if (problem) {
			throw new Error(`${where}: ${problem}`);
		}

		frames.push(value as RecordedFrame);
	}

	if (frames.length === 0) {
		throw new Error(`${file}: the recording is empty`);
	}

	return frames;
}

function checkFrame(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'expected an object with ts, host and sessions';
	}

	const frame = value as Record<string, unknown>;
	if (typeof frame['ts'] !== 'string' || Number.isNaN(Date.parse(frame['ts']))) {
		return '"ts" must be an ISO time';
	}

	if (typeof frame['host'] !== 'string' || frame['host'] === '') {
		return '"host" must be a non-empty string';
	}

	if (!Array.isArray(frame['sessions'])) {
		return '"sessions" must be an array';
	}

	for (const [position, session] of frame['sessions'].entries()) {
		const problem = checkSession(session);
		if (problem) {
			return `session ${position + 1}: ${problem}`;
		}
	}

	return undefined;
}

function checkSession(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return 'not an object';
	}

	const session = value as Record<string, unknown>;
	if (typeof session['id'] !== 'string') {
		return '"id" must be a string';
	}

	for (const key of ['services', 'servers', 'filters']) {
		if (!Array.isArray(session[key]) || (session[key] as unknown[]).some(item => typeof item !== 'string')) {
			return `"${key}" must be an array of strings`;
		}
	}

	for (const key of ['idleSeconds', 'ageSeconds', 'memoryBytes', 'ioActivity', 'thread', 'port', 'connectedMs']) {
		if (session[key] !== undefined && typeof session[key] !== 'number') {
			return `"${key}" must be a number`;
		}
	}

	for (const key of ['user', 'remote', 'state', 'appName']) {
		if (session[key] !== undefined && typeof session[key] !== 'string') {
			return `"${key}" must be a string`;
		}
	}

	return undefined;
}

/**
Groups frames into polls of the whole fleet: a poll ends where a host comes round again, so a
one-host recording gives one poll per frame.
*/
export function groupPolls(frames: readonly RecordedFrame[]): RecordedFrame[][] {
	const polls: RecordedFrame[][] = [];
	let current: RecordedFrame[] = [];
	for (const frame of frames) {
		if (current.some(seen => seen.host === frame.host)) {
			polls.push(current);
			current = [];
		}

		current.push(frame);
	}

	if (current.length > 0) {
		polls.push(current);
	}

	return polls;
}
