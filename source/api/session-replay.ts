/**
Replays the sessions of the last list body on the next one. From one poll to the next most of a
session's bytes are the same (keys, user, client, services, connection attributes); what moves is
a few numbers: idle, seconds_alive, sometimes memory and I/O. Reading all 1.2 KB of every session
again cost ~4 µs a session, most of a refresh at 10,000 sessions. Here a session's numbers that
changed last time are "holes" and the bytes around them are hashed: when the hash of those bytes
is the one of last time, they are (but for a 2^-64 chance) the same bytes, which were valid JSON
and read the same then, so only the holes are read and the previous session object is reused with
their numbers. Anything else (a string changed, a number changed that did not last time, a session
that is not the next one expected) makes the caller read that session in full, which also teaches
the next replay.

Only hashes and positions are kept, not the body: ~100 bytes a session, where a copy of the body
was 1.2 KB a session (too much to keep at 50,000 sessions, where the list buffer itself is given
back between polls).

The numbers of a fully read session all start as holes; after a replay only those whose value
changed stay holes, the rest join the hashed bytes around them.
*/
import {isSensible} from '../model/bounds.js';
import {type BoundedField, isNewerSessionId, type Session} from '../model/session.js';
import {
	HoleList,
	IntList,
	scanBail,
	type JsonScanner,
} from './fast-json-scan.js';

// What a hole's number is in the session: none (a memory breakdown figure, a connection id…), or
// the field it sets.
export const holeNone = 0;
export const holeIdle = 1;
export const holeIo = 2;
export const holeAge = 4;
export const holePort = 5;
export const holeThread = 6;
/**
A whole JSON value, its content ignored (its hash stands for its number): a session's last queries
and log lines, whose timestamps move while the session works.
*/
export const holeValue = 7;
/**
A session's `memory` object as one hole: only its total is read, and only while its bytes move
(the hash of its bytes is its "number"). Its dozen breakdown figures as holes of their own made
a list read in full hold ~20 holes a session (40 MB of them at 50,000 sessions).
*/
export const holeMemoryBlock = 8;
/**
Added to a tag: the hole stays a hole even when its number did not change this time. Idle and
age move at almost every poll of almost every session; folded into the compared bytes after one
still poll, they would cost a full read at the next. Other numbers (I/O, memory) stay holes only
while they move: most sessions are idle, and each hole costs a number read.
*/
export const holeSticky = 16;
const tagMask = 15;
/**
Bits 5–6 of a tag: the replays in a row that found the number still. A number is folded into the
hashed bytes only after `foldAfter` of them: a session that works now and then (a tenth of them
at any moment on a busy proxy) moves its memory figures every other poll, and folding them at the
first still poll cost it a full read at the next.
*/
const stillShift = 5;
const stillUnit = 1 << stillShift;
const foldAfter = 3;

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
const openObject = 0x7B;
// How far past the expected session a session read in full is looked for, and how many read in a
// row not found there make the replay look it up in a map of the whole last list (built once per
// list, ~1 ms at 10,000 sessions: new sessions alone were enough to build it every poll).
const nearby = 8;
const unplacedBeforeMap = 3;

const holeFields: Array<BoundedField | undefined> = [];
holeFields[holeIdle] = 'idleSeconds';
holeFields[holeIo] = 'ioActivity';
holeFields[holeAge] = 'ageSeconds';
holeFields[holeMemoryBlock] = 'memoryBytes';
holeFields[holePort] = 'port';
holeFields[holeThread] = 'thread';

/**
Whether a hole's new number may be shown (bounds.ts); one that may not is left to a full read,
which notes it as unknown.
*/
function isSensibleHole(kind: number, value: number): boolean {
	const field = holeFields[kind];
	return field === undefined || isSensible(field, value);
}

/**
Sets the number a hole gave; false when the session has no such property (the number was not a
finite one when the session was read in full: a full read decides again). A property named in
each case, not looked up by tag: a store through a computed key met many shapes and was slow.
*/
function withNumber(session: Session, tag: number, value: number): boolean {
	switch (tag) {
		case holeIdle: {
			if (session.idleSeconds === undefined) {
				return false;
			}

			session.idleSeconds = value;
			return true;
		}

		case holeAge: {
			if (session.ageSeconds === undefined) {
				return false;
			}

			session.ageSeconds = value;
			return true;
		}

		case holeIo: {
			if (session.ioActivity === undefined) {
				return false;
			}

			session.ioActivity = value;
			return true;
		}

		case holeMemoryBlock: {
			if (session.memoryBytes === undefined) {
				return false;
			}

			session.memoryBytes = value;
			return true;
		}

		case holePort: {
			if (session.port === undefined) {
				return false;
			}

			session.port = value;
			return true;
		}

		case holeThread: {
			if (session.thread === undefined) {
				return false;
			}

			session.thread = value;
			return true;
		}

		default: {
			return true;
		}
	}
}

// A hash of a piece of bytes, two independent 32-bit lanes, left here by `hashPiece` (returning
// a pair would allocate one per piece).
let pieceA = 0;
let pieceB = 0;

/**
Hashes `length` bytes from `start`, eight at a time through the DataView (~0.3 ns a byte here;
four at a time, each word through both multiplications, took half as long again). Each lane
multiplies one of the two words and mixes in the other, and every step is a bijection of the lane
for either word, so a lone changed word always changes both lanes; two changed words cancel out in
one lane only with odds of 2^-32, in both 2^-64.
*/
function hashPiece(view: DataView, start: number, length: number): void {
	let a = length ^ 0x9E_37_79_B9;
	let b = Math.imul(length, 0x85_EB_CA_6B);
	let index = 0;
	for (; index + 8 <= length; index += 8) {
		const first = view.getInt32(start + index, true);
		const second = view.getInt32(start + index + 4, true);
		a = Math.imul(a ^ first, 0x9E_37_79_B1) ^ second;
		a ^= a >>> 15;
		b = Math.imul(b + second, 0x85_EB_CA_77) ^ first;
		b ^= b >>> 13;
	}

	for (; index < length; index++) {
		const byte = view.getUint8(start + index);
		a = Math.imul(a ^ byte, 0x9E_37_79_B1);
		b = Math.imul(b + byte, 0x85_EB_CA_77);
	}

	pieceA = a;
	pieceB = b;
}

/**
The last piece's hash as a memory block hole's "number": both lanes, in the 53 bits a double holds
exactly.
*/
function blockValue(): number {
	return (pieceA >>> 0) + ((pieceB & 0x1F_FF_FF) * 0x1_00_00_00_00);
}

// A session's hash: the pieces between its holes, in order.
const seedA = 0x27_D4_EB_2F;
const seedB = 0x16_56_67_B1;

function mixA(chain: number, piece: number): number {
	const mixed = Math.imul(chain ^ piece, 0xC2_B2_AE_35);
	return mixed ^ (mixed >>> 16);
}

function mixB(chain: number, piece: number): number {
	const mixed = Math.imul(chain + piece, 0x2C_1B_3C_6D);
	return mixed ^ (mixed >>> 15);
}

const emptyView: DataView = new DataView(new ArrayBuffer(0));

/**
Sessions as read from one body: where each one's bytes were, its holes, its hash, what it gave.
*/
class Records {
	starts = new IntList();
	ends = new IntList();
	// Holes of record i: holes[holeStarts[i] .. holeStarts[i + 1]), three ints each (start, end,
	// tag) and the number each held; holeStarts has one more entry than there are records.
	holeStarts = new IntList();
	holes = new HoleList();
	// Two ints a record: the lanes of the hash of its bytes outside the holes.
	hashes = new IntList();
	flags = new IntList();
	sessions: Session[] = [];
	// The highest session id, as decimal text.
	newestId = '';

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
		this.hashes.length = 0;
		this.flags.length = 0;
		this.sessions.length = 0;
		this.newestId = '';
	}

	add(start: number, end: number, flags: number, session: Session, hashA: number, hashB: number): void {
		if (isNewerSessionId(session.id, this.newestId)) {
			this.newestId = session.id;
		}

		this.starts.push(start);
		this.ends.push(end);
		this.flags.push(flags);
		this.hashes.push(hashA);
		this.hashes.push(hashB);
		this.sessions.push(session);
		this.holeStarts.push(this.holes.length);
	}
}

export class SessionReplay {
	/**
	Holes of the session being read in full go here (the scanner records every number into it).
	*/
	get recordingHoles(): HoleList {
		return this.next.holes;
	}

	/**
	Sessions of the body being read (or last read) that were replayed.
	*/
	replayed = 0;

	private currentView = emptyView;
	private last = new Records();
	private next = new Records();
	private cursor = 0;
	private byId: Map<string, number> | undefined;
	// Sessions read in full in a row that were not found near the expected place.
	private unplaced = 0;
	private host: string | undefined;
	private readonly copy: (session: Session, isWhole: boolean) => Session;
	private readonly readBlock: (scanner: JsonScanner) => number | undefined;

	/**
	Nothing is known yet: the first list is read in full.

	@param copy A changeable copy of a session, of the same hidden class as the sessions a full read
	builds.
	@param readBlock Reads a `memory` object at the scanner's position: its total, if any.
	*/
	constructor(copy: (session: Session, isWhole: boolean) => Session, readBlock: (scanner: JsonScanner) => number | undefined) {
		this.copy = copy;
		this.readBlock = readBlock;
	}

	/**
	Starts a body. Its bytes are read only until `finish` or `abandon`: the caller may reuse them.
	*/
	begin(bytes: Uint8Array, host: string): void {
		if (host !== this.host) {
			this.host = host;
			this.last.clear();
		}

		this.replayed = 0;
		this.use(bytes);
		this.next.clear();
		this.cursor = 0;
		this.byId = undefined;
		this.unplaced = 0;
	}

	/**
	The body's bytes moved, or more of them arrived (a list read as it streams in): positions already
	recorded stay as they were, relative to the session they belong to.
	*/
	use(bytes: Uint8Array): void {
		this.currentView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	/**
	The session at the scanner's position replayed from the last body, the position moved past it;
	undefined (position unchanged) when it has to be read in full.
	*/
	replay(scanner: JsonScanner, nowMs: number): Session | undefined {
		const index = this.cursor;
		if (index >= this.last.count) {
			return undefined;
		}

		const start = scanner.position;
		const holeMark = this.next.holes.length;
		let session: Session | undefined;
		try {
			session = this.replayAt(scanner, index, start, nowMs);
		} catch (error) {
			// A hole read where the bytes had moved; the hash would not have matched either.
			if (error !== scanBail) {
				throw error;
			}
		}

		if (session === undefined) {
			this.next.holes.length = holeMark;
			scanner.position = start;
			return undefined;
		}

		this.cursor = index + 1;
		this.replayed++;
		return session;
	}

	/**
	A session read in full from `start` to `end`, its holes recorded from `holeMark` on; `flags`
	undefined when it cannot be replayed.
	*/
	recordRead(start: number, end: number, holeMark: number, session: Session | undefined, flags: number | undefined): void {
		const {next} = this;
		if (session === undefined || flags === undefined) {
			next.holes.length = holeMark;
		} else {
			const view = this.currentView;
			const holes = next.holes.data;
			let a = seedA;
			let b = seedB;
			let position = start;
			for (let hole = holeMark; hole < next.holes.length; hole += 3) {
				hashPiece(view, position, holes[hole]! - position);
				a = mixA(a, pieceA);
				b = mixB(b, pieceB);
				position = holes[hole + 1]!;
				const kind = holes[hole + 2]! & tagMask;
				if (kind !== holeMemoryBlock && kind !== holeValue) {
					continue;
				}

				hashPiece(view, holes[hole]!, position - holes[hole]!);
				next.holes.values[hole / 3] = blockValue();
			}

			hashPiece(view, position, end - position);
			next.add(start, end, flags, session, mixA(a, pieceA), mixB(b, pieceB));
		}

		if (session !== undefined) {
			this.resync(session.id);
		}
	}

	/**
	The body was read: its sessions are the ones the next body is replayed from.
	*/
	finish(): void {
		const {last} = this;
		this.last = this.next;
		this.next = last;
		this.next.clear();
		// A list read in full records every number as a hole (~20 a session); once replayed only the
		// moving ones stay. The lists that held that many are not kept at their size for good.
		this.next.holes.fit(this.last.holes.length);
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

	private release(): void {
		this.currentView = emptyView;
		this.byId = undefined;
	}

	/**
	Reads record `index` of the last body at `start`; undefined when the bytes are not the same
	around the holes (the hash of last time is checked only at the end: a hole read before that
	from bytes that moved is at worst a wasted read, or a scanBail the caller catches).
	*/
	private replayAt(scanner: JsonScanner, index: number, start: number, nowMs: number): Session | undefined {
		const {last, next, currentView: current} = this;
		const flags = last.flags.data[index]!;
		const holes = last.holes.data;
		const values = last.holes.values;
		const holesEnd = last.holeStarts.data[index + 1]!;
		const size = current.byteLength;
		let oldPosition = last.starts.data[index]!;
		let position = start;
		// The hash of the bytes between last time's holes, checked against last time's; and of the
		// bytes between this time's holes, for next time.
		let checkA = seedA;
		let checkB = seedB;
		let nextA = seedA;
		let nextB = seedB;
		// Where the piece of bytes between this time's holes started, and whether it spans a hole
		// that is no longer one (then its hash is not the last piece's).
		let pieceStart = start;
		let isJoined = false;
		let changed: Session | undefined;
		// The idle as sent: the session holds it clamped to the age, which may move on its own.
		let rawIdle: number | undefined;
		// The hole's number in `values`: a third of its place in `holes`, counted, not divided.
		let valueIndex = (last.holeStarts.data[index]! / 3) - 1;
		for (let hole = last.holeStarts.data[index]!; hole < holesEnd; hole += 3) {
			valueIndex++;
			const gap = holes[hole]! - oldPosition;
			if (position + gap >= size) {
				return undefined;
			}

			hashPiece(current, position, gap);
			let gapA = pieceA;
			let gapB = pieceB;
			checkA = mixA(checkA, gapA);
			checkB = mixB(checkB, gapB);
			position += gap;
			const tag = holes[hole + 2]!;
			const kind = tag & tagMask;
			scanner.position = position;
			let value = NaN;
			let isHole = true;
			let nextTag = tag;
			if (kind === holeValue) {
				scanner.skipValue();
				hashPiece(current, position, scanner.position - position);
				value = blockValue();
				if (!Object.is(value, values[valueIndex])) {
					nextTag = tag & (stillUnit - 1);
				} else if ((tag & holeSticky) === 0) {
					nextTag = tag + stillUnit;
					isHole = (nextTag >> stillShift) < foldAfter;
				}
			} else {
				const code = current.getUint8(position);
				let number: number | undefined;
				if (kind === holeMemoryBlock) {
					if (code !== openObject) {
						return undefined;
					}

					number = this.readBlock(scanner);
					hashPiece(current, position, scanner.position - position);
					value = blockValue();
				} else {
					if (code !== minus && (code < 0x30 || code > 0x39)) {
						return undefined;
					}

					// Not recorded by the scanner: `recordHoles` is off during a replay.
					value = scanner.readNumber()!;
					number = value;
					if (kind === holeIdle) {
						rawIdle = value;
					}
				}

				if (!Object.is(value, values[valueIndex])) {
					nextTag = tag & (stillUnit - 1);
					if (kind !== holeNone) {
						changed ??= this.copy(last.sessions[index]!, (flags & recordWhole) !== 0);
						if (number === undefined || !isSensibleHole(kind, number) || !withNumber(changed, kind, number)) {
							return undefined;
						}
					}
				} else if ((tag & holeSticky) === 0) {
					nextTag = tag + stillUnit;
					isHole = (nextTag >> stillShift) < foldAfter;
				}
			}

			const end = scanner.position;
			if (isHole) {
				if (isJoined) {
					hashPiece(current, pieceStart, position - pieceStart);
					gapA = pieceA;
					gapB = pieceB;
					isJoined = false;
				}

				nextA = mixA(nextA, gapA);
				nextB = mixB(nextB, gapB);
				next.holes.push(position, end, nextTag, value);
				pieceStart = end;
			} else {
				isJoined = true;
			}

			oldPosition = holes[hole + 1]!;
			position = end;
		}

		const gap = last.ends.data[index]! - oldPosition;
		if (position + gap > size) {
			return undefined;
		}

		hashPiece(current, position, gap);
		if (mixA(checkA, pieceA) !== last.hashes.data[2 * index] || mixB(checkB, pieceB) !== last.hashes.data[(2 * index) + 1]) {
			return undefined;
		}

		position += gap;
		if (isJoined) {
			hashPiece(current, pieceStart, position - pieceStart);
		}

		let session = changed ?? last.sessions[index]!;
		if ((flags & recordAgeFromClock) !== 0 && session.connectedMs !== undefined) {
			// As the full read computes it: clock skew must not make a session younger than new.
			const age = Math.max(0, (nowMs - session.connectedMs) / 1000);
			if (!isSensible('ageSeconds', age)) {
				return undefined;
			}

			session = changed ?? this.copy(session, (flags & recordWhole) !== 0);
			changed = session;
			session.ageSeconds = age;
		}

		if (session.idleSeconds !== undefined && session.ageSeconds !== undefined) {
			if (rawIdle === undefined) {
				return undefined;
			}

			// As the full read clamps it.
			const idle = Math.min(rawIdle, session.ageSeconds);
			if (!Object.is(idle, session.idleSeconds)) {
				session = changed ?? this.copy(session, (flags & recordWhole) !== 0);
				session.idleSeconds = idle;
			}
		}

		scanner.position = position;
		next.add(start, position, flags, session, mixA(nextA, pieceA), mixB(nextB, pieceB));
		return session;
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

		// A session opened since the last list (MaxScale numbers sessions upwards) is nowhere to be
		// found: under churn new sessions come in runs, and counting them built the map every poll.
		// Several others in a row from elsewhere: the list was reordered; find the place by id.
		if (isNewerSessionId(id, this.last.newestId) || ++this.unplaced < unplacedBeforeMap) {
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
