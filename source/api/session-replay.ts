/**
Replays the sessions of the last list body on the next one. From one poll to the next most of a
session's bytes are the same (keys, user, client, services, connection attributes); what moves is
a few numbers: idle, seconds_alive, sometimes memory and I/O. Reading all 1.2 KB of every session
again cost ~4 µs a session, most of a refresh at 10,000 sessions. Here the last body is kept, and
a session is compared with its previous bytes around the numbers that changed last time: equal
bytes were valid JSON last time and read the same now, so only those numbers are read, and the
previous session object is reused with them. Anything else (a string changed, a number changed
that did not last time, a session that is not the next one expected) makes the caller read that
session in full, which also teaches the next replay.

The numbers of a fully read session all start as holes; after a replay only those whose bytes
changed stay holes, the rest are compared as bytes like the text around them.
*/
import type {Session} from '../model/session.js';
import {IntList, type JsonScanner} from './fast-json-scan.js';

// What a hole's number is in the session: none (a memory breakdown figure, a connection id…), or
// the field it sets.
export const holeNone = 0;
export const holeIdle = 1;
export const holeIo = 2;
export const holeMemory = 3;
export const holeAge = 4;
export const holePort = 5;
export const holeThread = 6;
/**
A whole JSON value read again on every replay, its content ignored: a session's last queries and
log lines, whose timestamps move while the session works.
*/
export const holeValue = 7;
/**
Added to a tag: the hole stays a hole even when its number did not change this time. Idle and
age move at almost every poll of almost every session; folded into the compared bytes after one
still poll, they would cost a full read at the next. Other numbers (I/O, memory) stay holes only
while they move: most sessions are idle, and each hole costs a number read.
*/
export const holeSticky = 8;
const tagMask = 7;

/**
A session whose age comes from `connected` and the clock (MaxScale sent no `seconds_alive`): it
changes with every replay even when no byte did.
*/
export const recordAgeFromClock = 1;
/**
A session built with every table field (23.02+), copied by the `copy` given to the constructor.
*/
export const recordWhole = 2;

const minus = 0x2D;
// How far past the expected session a session read in full is looked for, and how many read in a
// row not found there make the replay look it up in a map of the whole last list (built once per
// list, ~1 ms at 10,000 sessions: new sessions alone were enough to build it every poll).
const nearby = 8;
const unplacedBeforeMap = 3;

// The session property each tag sets, by tag.
const tagProperties = [undefined, 'idleSeconds', 'ioActivity', 'memoryBytes', 'ageSeconds', 'port', 'thread'] as const;

/**
Sets the number a hole gave; false when the session has no such property (the number was not a
finite one when the session was read in full: a full read decides again).
*/
function withNumber(session: Session, tag: number, value: number): boolean {
	const property = tagProperties[tag];
	if (property === undefined) {
		return true;
	}

	if (session[property] === undefined) {
		return false;
	}

	session[property] = value;
	return true;
}

/**
Whether two byte ranges are equal. Four bytes a read through DataViews: ~0.3 ns a byte here,
where Buffer#compare with offsets cost ~90–135 ns a call and a session has several pieces.
*/
function sameBytes(a: DataView, aStart: number, b: DataView, bStart: number, length: number): boolean {
	let index = 0;
	for (; index + 4 <= length; index += 4) {
		if (a.getInt32(aStart + index) !== b.getInt32(bStart + index)) {
			return false;
		}
	}

	for (; index < length; index++) {
		if (a.getUint8(aStart + index) !== b.getUint8(bStart + index)) {
			return false;
		}
	}

	return true;
}

const emptyView: DataView = new DataView(new ArrayBuffer(0));

/**
Sessions as read from one body: where each one's bytes are, its holes, what it gave.
*/
class Records {
	starts = new IntList();
	ends = new IntList();
	// Holes of record i: holes[holeStarts[i] .. holeStarts[i + 1]), three numbers each (start,
	// end, tag); holeStarts has one more entry than there are records.
	holeStarts = new IntList();
	holes = new IntList();
	flags = new IntList();
	sessions: Session[] = [];

	constructor() {
		this.holeStarts.push(0);
	}

	get count(): number {
		return this.sessions.length;
	}

	clear(): void {
		this.starts.length = 0;
		this.ends.length = 0;
		this.holeStarts.length = 1;
		this.holes.length = 0;
		this.flags.length = 0;
		this.sessions.length = 0;
	}

	add(start: number, end: number, flags: number, session: Session): void {
		this.starts.push(start);
		this.ends.push(end);
		this.flags.push(flags);
		this.sessions.push(session);
		this.holeStarts.push(this.holes.length);
	}
}

/**
Bytes all replays of the process may keep, shared by the hosts of a fleet: five MaxScales of
10,000 sessions each must not keep five copies where one host of 50,000 keeps none.
*/
export type ReplayBudget = {readonly limitBytes: number; usedBytes: number};

export function createReplayBudget(limitBytes: number): ReplayBudget {
	return {limitBytes, usedBytes: 0};
}

/**
What one replay holds of its budget; given back when the replay is collected (a client dropped).
*/
type Holding = {budget: ReplayBudget; bytes: number};

const holdings = new FinalizationRegistry<Holding>(holding => {
	holding.budget.usedBytes -= holding.bytes;
});

export class SessionReplay {
	/**
	Holes of the session being read in full go here (the scanner records every number into it).
	*/
	get recordingHoles(): IntList {
		return this.next.holes;
	}

	/**
	Sessions of the body being read (or last read) that were replayed.
	*/
	replayed = 0;

	private previous: Uint8Array = new Uint8Array(0);
	private previousView = emptyView;
	private current: Uint8Array = new Uint8Array(0);
	private currentView = emptyView;
	private last = new Records();
	private next = new Records();
	private cursor = 0;
	private byId: Map<string, number> | undefined;
	// Sessions read in full in a row that were not found near the expected place.
	private unplaced = 0;
	private host: string | undefined;
	private isOn = false;
	private readonly holding: Holding;
	private readonly copy: (session: Session, isWhole: boolean) => Session;

	/**
	Nothing is kept yet: the first list is read in full.

	@param budget What all replays may keep together; a list that does not fit is not kept (a
	60 MB copy at 50,000 sessions would undo giving the list buffer back between polls) and each
	such list is read in full.
	@param copy A changeable copy of a session, of the same hidden class as the sessions a full read
	builds.
	*/
	constructor(budget: ReplayBudget, copy: (session: Session, isWhole: boolean) => Session) {
		this.holding = {budget, bytes: 0};
		this.copy = copy;
		holdings.register(this, this.holding);
	}

	/**
	Starts a body; false when it does not fit in the budget.
	*/
	begin(bytes: Uint8Array, host: string): boolean {
		if (host !== this.host) {
			this.host = host;
			this.last.clear();
		}

		this.replayed = 0;
		const {holding} = this;
		const {budget} = holding;
		this.isOn = budget.usedBytes - holding.bytes + bytes.length <= budget.limitBytes;
		if (!this.isOn) {
			this.last.clear();
			this.keep(0);
			return false;
		}

		this.current = bytes;
		this.currentView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.next.clear();
		this.cursor = 0;
		this.byId = undefined;
		this.unplaced = 0;
		return true;
	}

	/**
	The session at the scanner's position replayed from the last body, the position moved past it;
	undefined (position unchanged) when it has to be read in full.
	*/
	replay(scanner: JsonScanner, nowMs: number): Session | undefined {
		const {last, next, previousView: previous, currentView: current} = this;
		const index = this.cursor;
		if (index >= last.count) {
			return undefined;
		}

		const flags = last.flags.data[index]!;
		const start = scanner.position;
		const holeMark = next.holes.length;
		const holes = last.holes.data;
		const holesEnd = last.holeStarts.data[index + 1]!;
		let oldPosition = last.starts.data[index]!;
		let position = start;
		let changed: Session | undefined;
		const miss = (): Session | undefined => {
			next.holes.length = holeMark;
			scanner.position = start;
			return undefined;
		};

		for (let hole = last.holeStarts.data[index]!; hole < holesEnd; hole += 3) {
			const holeStart = holes[hole]!;
			const holeEnd = holes[hole + 1]!;
			const length = holeStart - oldPosition;
			if (position + length > current.byteLength || !sameBytes(previous, oldPosition, current, position, length)) {
				return miss();
			}

			position += length;
			if (position >= current.byteLength) {
				return miss();
			}

			const tag = holes[hole + 2]!;
			scanner.position = position;
			let value = 0;
			if ((tag & tagMask) === holeValue) {
				scanner.skipValue();
			} else {
				const code = current.getUint8(position);
				if (code !== minus && (code < 0x30 || code > 0x39)) {
					return miss();
				}

				// Not recorded by the scanner: `recordHoles` is off during a replay.
				value = scanner.readNumber()!;
			}

			const end = scanner.position;
			const oldLength = holeEnd - holeStart;
			if (end - position !== oldLength || !sameBytes(previous, holeStart, current, position, oldLength)) {
				next.holes.push3(position, end, tag);
				if ((tag & tagMask) !== holeNone && (tag & tagMask) !== holeValue) {
					changed ??= this.copy(last.sessions[index]!, (flags & recordWhole) !== 0);
					if (!Number.isFinite(value) || !withNumber(changed, tag & tagMask, value)) {
						return miss();
					}
				}
			} else if ((tag & holeSticky) !== 0) {
				next.holes.push3(position, end, tag);
			}

			oldPosition = holeEnd;
			position = end;
		}

		const length = last.ends.data[index]! - oldPosition;
		if (position + length > current.byteLength || !sameBytes(previous, oldPosition, current, position, length)) {
			return miss();
		}

		position += length;
		let session = changed ?? last.sessions[index]!;
		if ((flags & recordAgeFromClock) !== 0 && session.connectedMs !== undefined) {
			session = changed ?? this.copy(session, (flags & recordWhole) !== 0);
			// As the full read computes it: clock skew must not make a session younger than new.
			session.ageSeconds = Math.max(0, (nowMs - session.connectedMs!) / 1000);
		}

		scanner.position = position;
		next.add(start, position, flags, session);
		this.cursor = index + 1;
		this.replayed++;
		return session;
	}

	/**
	A session read in full from `start` to the scanner's position, its holes recorded from
	`holeMark` on; `flags` undefined when it cannot be replayed.
	*/
	recordRead(start: number, end: number, holeMark: number, session: Session | undefined, flags: number | undefined): void {
		if (session === undefined || flags === undefined) {
			this.next.holes.length = holeMark;
		} else {
			this.next.add(start, end, flags, session);
		}

		if (session !== undefined) {
			this.resync(session.id);
		}
	}

	/**
	The body was read: keep it and its sessions for the next one.
	*/
	finish(): void {
		if (!this.isOn) {
			return;
		}

		const {current} = this;
		if (this.previous.length < current.length) {
			// Headroom for a list that grows a little, within what the budget has left.
			const {budget, bytes} = this.holding;
			const free = budget.limitBytes - (budget.usedBytes - bytes);
			this.keep(Math.max(current.length, Math.min(Math.ceil(current.length * 1.25), free)));
		}

		this.previous.set(current);
		const {last} = this;
		this.last = this.next;
		this.next = last;
		this.next.clear();
		this.release();
	}

	/**
	The body was not read to the end (the caller falls back to JSON.parse): forget it all.
	*/
	abandon(): void {
		this.last.clear();
		this.next.clear();
		this.release();
	}

	/**
	Lets go of the body just read: the caller's buffer is reused for the next request.
	*/
	private release(): void {
		this.current = new Uint8Array(0);
		this.currentView = emptyView;
		this.byId = undefined;
	}

	/**
	A buffer of `size` bytes for the last list (none for 0), counted in the budget.
	*/
	private keep(size: number): void {
		const {holding} = this;
		holding.budget.usedBytes += size - holding.bytes;
		holding.bytes = size;
		this.previous = new Uint8Array(size);
		this.previousView = size === 0 ? emptyView : new DataView(this.previous.buffer);
	}

	/**
	After a session read in full, replays go on after that session's place in the last body (one
	session gone shifts them all by one).
	*/
	private resync(id: string): void {
		// The usual cases, without a map of the last list: the expected session changed, a few
		// before it closed, or this one is new (then the expected one is still expected).
		const {sessions} = this.last;
		const nearEnd = Math.min(this.cursor + nearby, sessions.length);
		for (let index = this.cursor; index < nearEnd; index++) {
			if (sessions[index]!.id === id) {
				this.cursor = index + 1;
				this.unplaced = 0;
				return;
			}
		}

		// Several in a row from elsewhere: the list was reordered; find the place by id.
		if (++this.unplaced < unplacedBeforeMap) {
			return;
		}

		if (this.byId === undefined) {
			this.byId = new Map();
			for (const [index, session] of sessions.entries()) {
				this.byId.set(session.id, index);
			}
		}

		const index = this.byId.get(id);
		if (index === undefined) {
			return;
		}

		this.cursor = index + 1;
		this.unplaced = 0;
	}
}
