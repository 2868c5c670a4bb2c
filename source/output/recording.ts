import {
	closeSync,
	constants,
	fstatSync,
	lstatSync,
	openSync,
	readSync,
	writeSync,
} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {describeFsError} from '../config/maxctrl-cnf.js';
import type {Session} from '../model/session.js';
import {fields, type FieldType} from '../model/session-fields.js';
import type {SessionsSnapshot} from '../model/types.js';
import {stringifyJson} from './safe-json.js';

/** One line of a recording: one list poll of one MaxScale. Holds no credentials. */
export type RecordedFrame = {ts: string; host: string; sessions: Session[]};

export type Recorder = {
	record(snapshot: SessionsSnapshot): void;
	close(): void;
	/** Why recording stopped (a full disk, an I/O error), once a write has failed. */
	failure(): string | undefined;
};

/** A recording maxtop will not write to; the message is one line, after `--record: `. */
export class RecordingRefused extends Error {
	override name = 'RecordingRefused';
}

/** Escaped like every JSON maxtop writes: `tail -f` of a recording never sends a control character to a terminal. */
export function recordedLine(snapshot: SessionsSnapshot): string {
	const frame: RecordedFrame = {ts: new Date(snapshot.atMs).toISOString(), host: snapshot.host, sessions: snapshot.sessions};
	return stringifyJson(frame) + '\n';
}

/**
Refuses what would leak a recording (it names users and client addresses): a symbolic link, not a
regular file, any right for group or others. Checked on the open descriptor, so nothing is swapped in between.
*/
function openRecording(file: string): number {
	// Where the platform has no O_NOFOLLOW, the lstat below stands in for it (racy, but better than nothing).
	const noFollow = constants.O_NOFOLLOW ?? 0;
	const linkRefused = () => new RecordingRefused(`${file} is a symbolic link; maxtop does not record through one: give the file itself`);
	if (noFollow === 0 && lstatIsLink(file)) {
		throw linkRefused();
	}

	let fd: number;
	try {
		// Read as well as append: the last byte says whether the file ends in a cut line.
		fd = openSync(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | noFollow, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ELOOP' && lstatIsLink(file)) {
			throw linkRefused();
		}

		throw new RecordingRefused(`cannot open ${file}: ${describeFsError(error)}`);
	}

	const info = fstatSync(fd);
	let problem: string | undefined;
	if (!info.isFile()) {
		problem = `${file} is not a regular file`;
	} else if ((info.mode & 0o077) !== 0) {
		problem = `${file} is open to its group or others (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}), and a recording names users and client addresses; run: chmod 600 ${file}, or record to a new file`;
	}

	if (problem !== undefined) {
		closeSync(fd);
		throw new RecordingRefused(problem);
	}

	endCutLine(fd, info.size);
	return fd;
}

/** A cut last line (killed mid-write, a full disk) gets its newline, so it is the only line a replay skips. */
function endCutLine(fd: number, size: number): void {
	if (size === 0) {
		return;
	}

	const last = Buffer.alloc(1);
	if (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0A) {
		writeSync(fd, '\n');
	}
}

function lstatIsLink(file: string): boolean {
	try {
		return lstatSync(file).isSymbolicLink();
	} catch {
		return false;
	}
}

/**
One NDJSON line a poll, written synchronously so each lands whole and in order even if maxtop is
killed. A failed write (a full disk) stops the recording, not the monitor.
*/
export function createRecorder(file: string): Recorder {
	let fd: number | undefined = openRecording(file);
	let failure: string | undefined;
	const close = () => {
		if (fd === undefined) {
			return;
		}

		closeSync(fd);
		fd = undefined;
	};

	return {
		record(snapshot) {
			if (fd === undefined) {
				return;
			}

			const bytes = Buffer.from(recordedLine(snapshot));
			try {
				// A short write (a disk filling up) leaves the rest to write, not to drop.
				for (let written = 0; written < bytes.length;) {
					written += writeSync(fd, bytes, written);
				}
			} catch (error) {
				failure = `recording to ${file} stopped: ${describeFsError(error)}`;
				close();
			}
		},
		close,
		failure: () => failure,
	};
}

/** A line of a recording that could not be replayed: its number (from 1) and why. */
export type SkippedLine = {line: number; problem: string};

export type Recording = {frames: RecordedFrame[]; skipped: SkippedLine[]};

/** Lines that are not valid frames are skipped and listed; only a file with no valid frame is an Error. */
export async function inspectRecording(file: string): Promise<Recording> {
	return parseRecording(await readFile(file, 'utf8'), file);
}

export function parseRecording(text: string, file: string): Recording {
	const frames: RecordedFrame[] = [];
	const skipped: SkippedLine[] = [];
	const lines = text.split('\n');
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') {
			continue;
		}

		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			// Every frame ends with its newline: a last line without one was being written when maxtop stopped.
			skipped.push({line: index + 1, problem: index === lines.length - 1 ? 'cut short, not JSON' : 'not JSON'});
			continue;
		}

		const problem = checkFrame(value);
		if (problem) {
			skipped.push({line: index + 1, problem});
			continue;
		}

		frames.push(value as RecordedFrame);
	}

	if (frames.length === 0) {
		throw new Error(skipped.length === 0 ? `${file}: the recording is empty` : `${file}: nothing to replay: ${describeSkipped(skipped)}`);
	}

	return {frames, skipped};
}

const maxNamedLines = 5;

/** `line 2: not JSON`, or `3 lines: 2 (not JSON), 7 (…), 9 (not JSON)`; at most five named. */
export function describeSkipped(skipped: readonly SkippedLine[]): string {
	if (skipped.length === 1) {
		return `line ${skipped[0]!.line}: ${skipped[0]!.problem}`;
	}

	const named = skipped.slice(0, maxNamedLines).map(entry => `${entry.line} (${entry.problem})`);
	const more = skipped.length > maxNamedLines ? ` and ${skipped.length - maxNamedLines} more` : '';
	return `${skipped.length} lines: ${named.join(', ')}${more}`;
}

/** The note for the operator when a replay skipped lines; undefined when it skipped none. */
export function skippedNote(file: string, recording: Recording): string | undefined {
	const {frames, skipped} = recording;
	return skipped.length === 0 ? undefined : `${file}: replaying ${frames.length} readable line${frames.length === 1 ? '' : 's'}; skipped ${describeSkipped(skipped)}`;
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
	for (const {key, type} of fields) {
		const kind = kinds[type];
		if (kind && (session[key] !== undefined || type === 'id' || type === 'names') && !kind.test(session[key])) {
			return `"${key}" must be ${kind.what}`;
		}
	}

	return undefined;
}

const text = {what: 'a string', test: (value: unknown) => typeof value === 'string'};
const number = {what: 'a number', test: (value: unknown) => typeof value === 'number'};
const kinds: Partial<Record<FieldType, {what: string; test: (value: unknown) => boolean}>> = {
	id: text,
	text,
	names: {what: 'an array of strings', test: value => Array.isArray(value) && value.every(item => typeof item === 'string')},
	time: number,
	seconds: number,
	bytes: number,
	count: number,
	uint16: number,
};

/** Polls of the whole fleet: a poll ends where a host comes round again. */
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
