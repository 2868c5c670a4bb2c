/**
Reads a `GET /v1/sessions` body as it arrives: the elements of the top object's `data` array are
cut out one by one (the cut knows strings and escapes, and counts brackets outside them, nothing
more), each goes to `JSON.parse` and the one normalizer, and is then dropped. A list of 50,000
sessions (~60 MB) is thus never held whole, and the event loop is given back every few hundred
sessions, so a key pressed meanwhile is answered at once.

Everything else of the document (`links`, `meta`, whatever comes before or after `data`, or the
whole body when its top is not an object) is kept as it came, with `[]` in place of the streamed
array, and parsed at the end: a body `JSON.parse` rejects is rejected, and one of an odd shape is
read exactly as `JSON.parse` and `normalizeSessionList` read it.
*/
import {setImmediate as nextTurn} from 'node:timers/promises';
import {normalizeSessionList, type NormalizeOptions} from '../model/normalize.js';
import type {Session} from '../model/session.js';

/**
The body is not the JSON document it must be; `bytes` were read until that was clear.
*/
export class ListSyntaxError extends Error {
	override name = 'ListSyntaxError';

	readonly reason: 'empty' | 'not-json' | 'malformed';
	readonly bytes: number;

	constructor(reason: ListSyntaxError['reason'], bytes: number, options?: ErrorOptions) {
		super(`the answer is ${reason === 'malformed' ? 'truncated or malformed JSON' : (reason === 'empty' ? 'empty' : 'not JSON')}`, options);
		this.reason = reason;
		this.bytes = bytes;
	}
}

const quote = 0x22;
const backslash = 0x5C;
const comma = 0x2C;
const colon = 0x3A;
const openBracket = 0x5B;
const closeBracket = 0x5D;
const openBrace = 0x7B;
const closeBrace = 0x7D;
const sessionsPerSlice = 256;

function isSpace(code: number): boolean {
	switch (code) {
		case 0x20:
		case 0x0A:
		case 0x0D:
		case 0x09: {
			return true;
		}

		default: {
			return false;
		}
	}
}

/**
The index of the quote that closes the string `from` is in, or -1 when the string goes on past
`text` (-2 when `text` ends in a backslash that escapes the next piece's first character). The
character before `from` is never a backslash that escapes it.
*/
function closingQuote(text: string, from: number): number {
	for (let at = from; ;) {
		const found = text.indexOf('"', at);
		const end = found === -1 ? text.length : found;
		let backslashes = 0;
		while (end - backslashes > at && text.codePointAt(end - backslashes - 1) === backslash) {
			backslashes++;
		}

		if (backslashes % 2 === 0) {
			return found;
		}

		if (found === -1) {
			return -2;
		}

		at = found + 1;
	}
}

function memberName(raw: string): string | undefined {
	try {
		return JSON.parse(raw) as string;
	} catch {
		return undefined;
	}
}

/**
The cut, fed decoded text piece by piece. Positions (`segment`, `start`, `keyStart`) index the
piece being read; what a piece leaves unfinished is carried into `skeleton`, `element` or `key`.
*/
class ListCutter {
	bytes = 0;
	private readonly sessions: Session[] = [];
	private phase: 'start' | 'document' | 'array' | 'element' = 'start';
	private isTopObject = false;
	private depth = 0;
	private inString = false;
	private isEscaped = false;
	private skeleton = '';
	private segment = 0;
	// A string directly in the top object (a member name, until a `:` does not follow).
	private key = '';
	private keyStart = -1;
	private name: string | undefined;
	private isStreamed = false;
	private isDataAfterStream = false;
	// In the array: 0 just after `[`, 1 after a comma, 2 after an element.
	private slot = 0;
	private element = '';
	private start = 0;
	private kind: 'nested' | 'string' | 'primitive' = 'nested';
	private elementDepth = 0;
	private wires: unknown[] = [];

	private readonly host: string;
	private readonly nowMs: number;
	private readonly options: NormalizeOptions;

	constructor(host: string, nowMs: number, options: NormalizeOptions) {
		this.host = host;
		this.nowMs = nowMs;
		this.options = options;
	}

	/**
	Reads `text` from `from`; returns where to go on after giving the event loop back, or undefined
	once the whole piece is read.
	*/
	push(text: string, from: number): number | undefined {
		for (let index = from; index < text.length; index++) {
			const code = text.codePointAt(index)!;
			switch (this.phase) {
				case 'start': {
					if (isSpace(code)) {
						break;
					}

					if (code !== openBrace && code !== openBracket) {
						throw new ListSyntaxError('not-json', this.bytes);
					}

					this.isTopObject = code === openBrace;
					this.phase = 'document';
					index--;
					break;
				}

				case 'document': {
					this.readDocument(text, index, code);
					break;
				}

				case 'array': {
					this.readArray(index, code);
					break;
				}

				case 'element': {
					const end = this.readElement(text, index);
					if (end === undefined) {
						index = text.length;
						break;
					}

					// A primitive ends at the character after it, which the array reads.
					index = end;
					if (this.wires.length >= sessionsPerSlice) {
						this.normalizeWires();
						return index + 1;
					}

					break;
				}
			}
		}

		this.carry(text);
		return undefined;
	}

	/**
	The sessions, or undefined when the document is valid but no session list.
	*/
	finish(): Session[] | undefined {
		if (this.phase === 'start') {
			throw new ListSyntaxError('empty', this.bytes);
		}

		if (this.phase !== 'document' || this.inString) {
			throw new ListSyntaxError('malformed', this.bytes);
		}

		let body: unknown;
		try {
			body = JSON.parse(this.skeleton);
		} catch (error) {
			throw new ListSyntaxError('malformed', this.bytes, {cause: error});
		}

		if (this.isStreamed && !this.isDataAfterStream) {
			this.normalizeWires();
			return this.sessions;
		}

		// Not the streamed array: JSON.parse keeps the last `data`, and that one came as it was.
		return Array.isArray((body as {data?: unknown} | undefined)?.data) ? normalizeSessionList(body, this.host, this.nowMs, this.options) : undefined;
	}

	private readDocument(text: string, index: number, code: number): void {
		if (this.inString) {
			if (this.isEscaped) {
				this.isEscaped = false;
			} else if (code === backslash) {
				this.isEscaped = true;
			} else if (code === quote) {
				this.inString = false;
				if (this.keyStart >= 0) {
					this.key += text.slice(this.keyStart, index + 1);
					this.keyStart = -1;
				}
			}

			return;
		}

		if (isSpace(code)) {
			return;
		}

		const {name} = this;
		this.name = undefined;
		if (name === 'data') {
			if (this.isStreamed) {
				this.isDataAfterStream = true;
			} else if (code === openBracket) {
				this.skeleton += text.slice(this.segment, index + 1);
				this.isStreamed = true;
				this.phase = 'array';
				this.slot = 0;
				return;
			}
		}

		const {key} = this;
		this.key = '';
		if (code === colon && this.depth === 1 && key !== '') {
			this.name = memberName(key);
			return;
		}

		switch (code) {
			case quote: {
				this.inString = true;
				if (this.depth === 1 && this.isTopObject) {
					this.keyStart = index;
				}

				break;
			}

			case openBrace:
			case openBracket: {
				this.depth++;
				break;
			}

			case closeBrace:
			case closeBracket: {
				this.depth--;
				break;
			}

			default:
		}
	}

	private readArray(index: number, code: number): void {
		if (isSpace(code)) {
			return;
		}

		if (code === closeBracket && this.slot !== 1) {
			this.phase = 'document';
			this.segment = index;
			return;
		}

		if (this.slot === 2) {
			if (code !== comma) {
				throw new ListSyntaxError('malformed', this.bytes);
			}

			this.slot = 1;
			return;
		}

		this.phase = 'element';
		this.start = index;
		this.element = '';
		this.kind = code === openBrace || code === openBracket ? 'nested' : (code === quote ? 'string' : 'primitive');
		// A string element counts as one level until its closing quote.
		this.elementDepth = 1;
		this.inString = this.kind === 'string';
	}

	/**
	Reads on from `from` until the element ends; returns the index of its last character (of the
	character before the delimiter for a primitive), or undefined when the piece ends first.
	*/
	private readElement(text: string, from: number): number | undefined {
		if (this.kind === 'primitive') {
			for (let index = from; index < text.length; index++) {
				const code = text.codePointAt(index)!;
				if (code === comma || code === closeBracket || isSpace(code)) {
					this.parseElement(text.slice(this.start, index));
					return index - 1;
				}
			}

			return undefined;
		}

		let {inString, elementDepth: depth} = this;
		let index = from;
		if (this.isEscaped) {
			// The previous piece ended in a backslash: this piece's first character is escaped.
			this.isEscaped = false;
			index++;
		}

		while (index < text.length) {
			if (inString) {
				const end = closingQuote(text, index);
				if (end < 0) {
					this.isEscaped = end === -2;
					break;
				}

				inString = false;
				index = end;
				if (this.kind === 'string') {
					return this.endElement(text, index);
				}
			} else {
				const code = text.codePointAt(index)!;
				if (code === quote) {
					inString = true;
				} else if (code === openBrace || code === openBracket) {
					depth++;
				} else if ((code === closeBrace || code === closeBracket) && --depth === 0) {
					return this.endElement(text, index);
				}
			}

			index++;
		}

		this.inString = inString;
		this.elementDepth = depth;
		return undefined;
	}

	private endElement(text: string, index: number): number {
		this.inString = false;
		this.parseElement(text.slice(this.start, index + 1));
		return index;
	}

	private parseElement(tail: string): void {
		let wire: unknown;
		try {
			wire = JSON.parse(this.element + tail);
		} catch (error) {
			throw new ListSyntaxError('malformed', this.bytes, {cause: error});
		}

		this.wires.push(wire);
		this.element = '';
		this.phase = 'array';
		this.slot = 2;
	}

	private normalizeWires(): void {
		// A slice at a time, which lets sessions opened in the same second share one reading of `connected`.
		for (const session of normalizeSessionList({data: this.wires}, this.host, this.nowMs, this.options)) {
			this.sessions.push(session);
		}

		this.wires = [];
	}

	private carry(text: string): void {
		if (this.phase === 'document' || this.phase === 'start') {
			this.skeleton += text.slice(this.segment);
			if (this.keyStart >= 0) {
				this.key += text.slice(this.keyStart);
				this.keyStart = 0;
			}
		} else if (this.phase === 'element') {
			this.element += text.slice(this.start);
			this.start = 0;
		}

		this.segment = 0;
	}
}

/**
The sessions of a list body read from `chunks`, or undefined when it is valid JSON but no list
(no `data` array); a body that is not valid JSON throws `ListSyntaxError`.
*/
export async function readSessionList(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, host: string, nowMs: number, options: NormalizeOptions = {}): Promise<Session[] | undefined> {
	const cutter = new ListCutter(host, nowMs, {...options, detail: false});
	// Kept, as decoding the whole body keeps it: JSON.parse then refuses it.
	const decoder = new TextDecoder('utf-8', {ignoreBOM: true});
	const resume = async (text: string, paused: number) => {
		for (let at: number | undefined = paused; at !== undefined; at = cutter.push(text, at)) {
			await nextTurn();
		}
	};

	// Only a piece that ends a slice costs a promise: a read in one-byte chunks makes millions.
	const read = (text: string) => {
		const paused = cutter.push(text, 0);
		return paused === undefined ? undefined : resume(text, paused);
	};

	for await (const chunk of chunks) {
		cutter.bytes += chunk.byteLength;
		const pending = read(decoder.decode(chunk, {stream: true}));
		if (pending) {
			await pending;
		}
	}

	await read(decoder.decode());
	return cutter.finish();
}
