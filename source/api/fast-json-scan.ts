/**
A validating JSON scanner over raw response bytes that reads only the values asked for and skips
the rest without building objects. It accepts exactly what `JSON.parse` accepts (after the
response is decoded as UTF-8); anything it is unsure about throws `scanBail`, and the caller
falls back to `JSON.parse`, which then gives the exact same answer or error.
*/

/**
Thrown (never shown) when the fast path gives up.
*/
export const scanBail = new Error('maxtop: fast JSON path gave up');

const quote = 0x22;
const backslash = 0x5C;
const minus = 0x2D;
const zero = 0x30;
const nine = 0x39;

// 1 where a string's fast loop must stop: the closing quote, an escape, or a control character
// (JSON.parse rejects raw U+0000–U+001F inside strings).
const stringStop = new Uint8Array(256);
for (let code = 0; code < 0x20; code++) {
	stringStop[code] = 1;
}

stringStop[quote] = 1;
stringStop[backslash] = 1;

const whitespace = new Uint8Array(256);
for (const code of [0x20, 0x0A, 0x0D, 0x09]) {
	whitespace[code] = 1;
}

const hexDigit = new Uint8Array(256);
for (const character of '0123456789abcdefABCDEF') {
	hexDigit[character.codePointAt(0)!] = 1;
}

const simpleEscape = new Uint8Array(256);
for (const character of String.raw`"\/bfnrt`) {
	simpleEscape[character.codePointAt(0)!] = 1;
}

// Exact powers of ten: a decimal with at most 15 significant digits divided by one of these is
// correctly rounded, so it equals what JSON.parse gives (Clinger's fast path).
const powersOfTen = Array.from({length: 23}, (_, index) => 10 ** index);
const maxDepth = 512;
const maxInterned = 64;

/**
Interns short ASCII strings by their bytes, so the thousands of sessions that share a user,
state, service or address share one string (fewer allocations, less memory), across refreshes too.
*/
export class StringTable {
	private strings: Array<string | undefined> = Array.from({length: 4096});
	private hashes = new Int32Array(4096);
	private count = 0;

	/**
	The string of `bytes[start, end)`, which hold only ASCII and hash to `hash`.
	*/
	lookup(bytes: Uint8Array, start: number, end: number, hash: number): string {
		const {strings, hashes} = this;
		const mask = strings.length - 1;
		const length = end - start;
		let slot = hash & mask;
		for (;;) {
			const candidate = strings[slot];
			if (candidate === undefined) {
				break;
			}

			if (hashes[slot] === hash && candidate.length === length && sameAscii(candidate, bytes, start)) {
				return candidate;
			}

			slot = (slot + 1) & mask;
		}

		const value = String.fromCodePoint(...bytes.subarray(start, end));
		if (this.count * 2 >= strings.length) {
			this.grow();
			return this.lookup(bytes, start, end, hash);
		}

		strings[slot] = value;
		hashes[slot] = hash;
		this.count++;
		return value;
	}

	private grow(): void {
		// Unbounded distinct values (addresses of a huge fleet) start over rather than grow forever.
		const size = this.strings.length >= 1 << 18 ? 4096 : this.strings.length * 2;
		const old = this.count > 0 && size > this.strings.length ? {strings: this.strings, hashes: this.hashes} : undefined;
		this.strings = Array.from({length: size});
		this.hashes = new Int32Array(size);
		this.count = 0;
		if (!old) {
			return;
		}

		const mask = size - 1;
		for (const [index, value] of old.strings.entries()) {
			if (value === undefined) {
				continue;
			}

			let slot = old.hashes[index]! & mask;
			while (this.strings[slot] !== undefined) {
				slot = (slot + 1) & mask;
			}

			this.strings[slot] = value;
			this.hashes[slot] = old.hashes[index]!;
			this.count++;
		}
	}
}

function sameAscii(value: string, bytes: Uint8Array, start: number): boolean {
	for (let index = 0; index < value.length; index++) {
		if (value.codePointAt(index) !== bytes[start + index]) {
			return false;
		}
	}

	return true;
}

/**
A growing list of small integers in one Int32Array, kept from body to body: a plain array given
`length = 0` lets go of its storage, and the replay's lists (about twenty numbers a session) were
grown again on every poll.
*/
export class IntList {
	data = new Int32Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.data.length) {
			const grown = new Int32Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}

		this.data[this.length++] = value;
	}
}

/**
Numbers (and whole values) of sessions read, for the list replay: three ints a hole in `data`
(start, end, tag) and the number it held in `values` (NaN for a whole value). `length` counts
the ints.
*/
export class HoleList {
	data = new Int32Array(3 * 1024);
	values = new Float64Array(1024);
	length = 0;

	/**
	Lets go of storage far larger than `expected` ints (the list is empty).
	*/
	fit(expected: number): void {
		const size = Math.max(3 * 1024, Math.ceil(expected * 1.5 / 3) * 3);
		if (this.length > 0 || this.data.length <= size * 3) {
			return;
		}

		this.data = new Int32Array(size);
		this.values = new Float64Array(size / 3);
	}

	push(start: number, end: number, tag: number, value: number): void {
		if (this.length + 3 > this.data.length) {
			const grown = new Int32Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
			const values = new Float64Array(this.values.length * 2);
			values.set(this.values);
			this.values = values;
		}

		const {data, length} = this;
		data[length] = start;
		data[length + 1] = end;
		data[length + 2] = tag;
		this.values[Math.trunc(length / 3)] = value;
		this.length = length + 3;
	}
}

export class JsonScanner {
	position = 0;
	/**
	The last member name read by `nextMember`: `bytes[keyStart, keyEnd)`, escape-free.
	*/
	keyStart = 0;
	keyEnd = 0;
	/**
	When set, every number read or skipped adds its start, its end and 0 here.
	*/
	recordHoles: HoleList | undefined;
	// ignoreBOM keeps a U+FEFF inside a value, as Buffer#toString does for the whole body.
	private readonly decoder = new TextDecoder('utf-8', {ignoreBOM: true});

	bytes: Uint8Array;

	constructor(bytes: Uint8Array) {
		this.bytes = bytes;
	}

	skipWhitespace(): void {
		const {bytes} = this;
		let position = this.position;
		for (;;) {
			if (whitespace[bytes[position]!] === 1) {
				position++;
			} else {
				break;
			}
		}

		this.position = position;
	}

	/**
	The next byte after whitespace, or -1 at the end.
	*/
	peek(): number {
		this.skipWhitespace();
		return this.bytes[this.position] ?? -1;
	}

	expect(code: number): void {
		if (this.peek() !== code) {
			throw scanBail;
		}

		this.position++;
	}

	/**
	Moves into the next member of an object opened with `{`: true with the name in
	`keyStart`/`keyEnd` and the position at its value, false after the closing `}`.
	*/
	nextMember(isFirst: boolean): boolean {
		let code = this.peek();
		if (code === 0x7D) {
			this.position++;
			return false;
		}

		if (!isFirst) {
			if (code !== 0x2C) {
				throw scanBail;
			}

			this.position++;
			code = this.peek();
		}

		if (code !== quote) {
			throw scanBail;
		}

		this.keyStart = this.position + 1;
		// Names with escapes are left to JSON.parse: they could spell a name we read.
		if (this.skipString()) {
			throw scanBail;
		}

		this.keyEnd = this.position - 1;
		this.expect(0x3A);
		this.skipWhitespace();
		return true;
	}

	/**
	Moves into the next element of an array opened with `[`: false after the closing `]`.
	*/
	nextElement(isFirst: boolean): boolean {
		const code = this.peek();
		if (code === 0x5D) {
			this.position++;
			return false;
		}

		if (!isFirst) {
			if (code !== 0x2C) {
				throw scanBail;
			}

			this.position++;
			this.skipWhitespace();
		}

		return true;
	}

	keyIs(name: Uint8Array): boolean {
		const {bytes, keyStart} = this;
		if (this.keyEnd - keyStart !== name.length) {
			return false;
		}

		// No entries() iterator: this runs for every member name of every session, and
		// destructuring [index, element] pairs cost a quarter of the whole scan.
		let at = keyStart;
		for (const element of name) {
			if (bytes[at++] !== element) {
				return false;
			}
		}

		return true;
	}

	/**
	Skips a string starting at the opening quote; true when it holds an escape.
	*/
	skipString(): boolean {
		const {bytes} = this;
		let position = this.position + 1;
		let hasEscape = false;
		for (;;) {
			while (stringStop[bytes[position]!] === 0) {
				position++;
			}

			const code = bytes[position];
			if (code === quote) {
				break;
			}

			if (code !== backslash) {
				throw scanBail;
			}

			hasEscape = true;
			const escaped = bytes[position + 1]!;
			if (simpleEscape[escaped] === 1) {
				position += 2;
			} else if (escaped === 0x75 && hexDigit[bytes[position + 2]!] === 1 && hexDigit[bytes[position + 3]!] === 1
				&& hexDigit[bytes[position + 4]!] === 1 && hexDigit[bytes[position + 5]!] === 1) {
				position += 6;
			} else {
				throw scanBail;
			}
		}

		this.position = position + 1;
		return hasEscape;
	}

	/**
	The string at the position, or undefined (the value skipped) when it is not a string.
	*/
	readString(table: StringTable | undefined): string | undefined {
		if (this.bytes[this.position] !== quote) {
			this.skipValue();
			return undefined;
		}

		const {bytes} = this;
		const start = this.position + 1;
		let position = start;
		// FNV-1a offset basis 0x811C9DC5 as an int32.
		let hash = -2_128_831_035;
		let isAscii = true;
		for (;;) {
			const code = bytes[position]!;
			// Past the end `code` is undefined: stop too, and let skipString give up.
			if (stringStop[code] !== 0) {
				break;
			}

			if (code >= 0x80) {
				isAscii = false;
			}

			hash = Math.imul(hash ^ code, 0x01_00_01_93);
			position++;
		}

		if (bytes[position] !== quote) {
			const from = this.position;
			this.skipString();
			return JSON.parse(this.decoder.decode(bytes.subarray(from, this.position))) as string;
		}

		this.position = position + 1;
		return isAscii && table && position - start <= maxInterned
			? table.lookup(bytes, start, position, hash)
			: this.decoder.decode(bytes.subarray(start, position));
	}

	/**
	The number at the position, or undefined (the value skipped) when it is not a number.
	*/
	readNumber(): number | undefined {
		const code = this.bytes[this.position]!;
		if (code !== minus && (code < zero || code > nine)) {
			this.skipValue();
			return undefined;
		}

		return this.scanNumber();
	}

	/**
	The boolean at the position, or undefined (the value skipped) when it is not one.
	*/
	readBoolean(): boolean | undefined {
		const code = this.bytes[this.position];
		if (code === 0x74 || code === 0x66) {
			this.skipLiteral();
			return code === 0x74;
		}

		this.skipValue();
		return undefined;
	}

	/**
	Validates and skips any JSON value at the position.
	*/
	skipValue(depth = 0): void {
		const code = this.peek();
		switch (code) {
			case quote: {
				this.skipString();

				break;
			}

			case 0x7B: {
				if (depth > maxDepth) {
					throw scanBail;
				}

				this.position++;
				for (let isFirst = true; this.nextMember(isFirst); isFirst = false) {
					this.skipValue(depth + 1);
				}

				break;
			}

			case 0x5B: {
				if (depth > maxDepth) {
					throw scanBail;
				}

				this.position++;
				for (let isFirst = true; this.nextElement(isFirst); isFirst = false) {
					this.skipValue(depth + 1);
				}

				break;
			}

			default: {if (code === minus || (code >= zero && code <= nine)) {
				this.scanNumber();
			} else {
				this.skipLiteral();
			}}
		}
	}

	private skipLiteral(): void {
		const {bytes, position} = this;
		const code = bytes[position];
		// True, false, null.
		if (code === 0x74 && bytes[position + 1] === 0x72 && bytes[position + 2] === 0x75 && bytes[position + 3] === 0x65) {
			this.position += 4;
		} else if (code === 0x66 && bytes[position + 1] === 0x61 && bytes[position + 2] === 0x6C && bytes[position + 3] === 0x73 && bytes[position + 4] === 0x65) {
			this.position += 5;
		} else if (code === 0x6E && bytes[position + 1] === 0x75 && bytes[position + 2] === 0x6C && bytes[position + 3] === 0x6C) {
			this.position += 4;
		} else {
			throw scanBail;
		}
	}

	private scanNumber(): number {
		const {bytes} = this;
		const start = this.position;
		let position = start;
		const isNegative = bytes[position] === minus;
		if (isNegative) {
			position++;
		}

		let mantissa = 0;
		let digits = 0;
		let code = bytes[position]!;
		if (code === zero) {
			position++;
		} else if (code > zero && code <= nine) {
			while (code >= zero && code <= nine) {
				mantissa = (mantissa * 10) + code - zero;
				digits++;
				code = bytes[++position]!;
			}
		} else {
			throw scanBail;
		}

		let fractionDigits = 0;
		if (bytes[position] === 0x2E) {
			code = bytes[++position]!;
			if (code < zero || code > nine) {
				throw scanBail;
			}

			while (code >= zero && code <= nine) {
				mantissa = (mantissa * 10) + code - zero;
				fractionDigits++;
				code = bytes[++position]!;
			}
		}

		let isSimple = digits + fractionDigits <= 15 && fractionDigits < powersOfTen.length;
		code = bytes[position]!;
		if (code === 0x65 || code === 0x45) {
			isSimple = false;
			code = bytes[++position]!;
			if (code === 0x2B || code === minus) {
				code = bytes[++position]!;
			}

			if (code < zero || code > nine) {
				throw scanBail;
			}

			while (code >= zero && code <= nine) {
				code = bytes[++position]!;
			}
		}

		this.position = position;
		let value: number;
		if (isSimple) {
			value = fractionDigits === 0 ? mantissa : mantissa / powersOfTen[fractionDigits]!;
			value = isNegative ? -value : value;
		} else {
			value = Number(this.decoder.decode(bytes.subarray(start, position)));
		}

		// Every number read or skipped, while a replay template is being learned (session-replay.ts).
		this.recordHoles?.push(start, position, 0, value);
		return value;
	}
}

/**
Member names as bytes, for `keyIs`.
*/
export function names<Name extends string>(...list: Name[]): Record<Name, Uint8Array> {
	const encoder = new TextEncoder();
	return Object.fromEntries(list.map(name => [name, encoder.encode(name)])) as Record<Name, Uint8Array>;
}
