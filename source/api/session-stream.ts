/**
Reads a `GET /v1/sessions` body as it arrives: each object or array in the top object's `data`
array is cut out (the cut knows strings and escapes, and counts brackets outside them, nothing
more), handed to `JSON.parse` and the one normalizer, and dropped. A list of 50,000 sessions
(~60 MB) is never held whole, and the event loop gets a turn every 256 sessions, so a key pressed
meanwhile is answered at once.

What is not cut out is kept as it came and parsed at the end: the array with `null` for each
element, and the rest of the document with an unguessable string in the array's place. So a body
`JSON.parse` refuses is refused, and one whose list is not that array (no `data`, a later `data`,
a top that is not an object) is read as `JSON.parse` and `normalizeSessionList` read it.
*/
import {randomUUID} from 'node:crypto';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {normalizeSessionList, type NormalizeOptions, sharedValues} from '../model/normalize.js';
import type {Session} from '../model/session.js';

/** The body is not the JSON document it must be; `bytes` were read until that was clear. */
export class ListSyntaxError extends Error {
	override name = 'ListSyntaxError';
	readonly reason: 'empty' | 'not-json' | 'malformed';
	readonly bytes: number;

	constructor(reason: ListSyntaxError['reason'], bytes: number, options?: ErrorOptions) {
		super(`the session list is ${reason === 'not-json' ? 'not JSON' : reason}`, options);
		this.reason = reason;
		this.bytes = bytes;
	}
}

const quote = 0x22;
const sessionsPerSlice = 256;
// The value of `data` opens at the end of the text. A wrong guess (the quote was escaped, say)
// costs only the streaming: the array read as it came is then not JSON.parse's `data`.
const dataBefore = /"data"[\t\n\r ]*:[\t\n\r ]*$/v;
const isOpen = (code: number) => code === 0x7B || code === 0x5B;
const isClose = (code: number) => code === 0x7D || code === 0x5D;

/**
The cut, fed decoded text piece by piece. `segment` and `start` (of an element) index the piece
being read; `outside` and `inside` keep what is not cut out, `element` an element's earlier pieces.
*/
class ListCut {
	bytes = 0;
	wires: unknown[] = [];
	depth = 0;
	inString = false;
	isEscaped = false;
	// 0 before the array read as it comes, 1 in it, 2 after it.
	streamed = 0;
	readonly marker = `maxtop list ${randomUUID()}`;
	outside = '';
	inside = '';
	segment = 0;
	element = '';
	start = -1;

	/**
	Reads `text` from `from`; returns where to go on after a turn of the event loop, or undefined.
	The hottest loop: it keeps its state in local variables.
	*/
	push(text: string, from: number): number | undefined {
		let {depth, inString, isEscaped} = this;
		let index = from;
		for (; index < text.length; index++) {
			if (inString) {
				// Most of a session's bytes are inside strings: jump to the next quote instead of
				// looking at each character. A quote after an odd run of backslashes is escaped.
				if (isEscaped) {
					isEscaped = false;
					continue;
				}

				const end = text.indexOf('"', index);
				const stop = end === -1 ? text.length : end;
				let run = 0;
				while (stop - run > index && text.codePointAt(stop - run - 1) === 0x5C) {
					run++;
				}

				index = stop;
				isEscaped = run % 2 === 1;
				inString = end === -1 || isEscaped;
				isEscaped &&= end === -1;
				continue;
			}

			// eslint-disable-next-line unicorn/prefer-code-point -- only ASCII is compared; charCodeAt skips the surrogate check.
			const code = text.charCodeAt(index);
			if (code === quote) {
				inString = true;
			} else if (isOpen(code)) {
				if (depth <= 2 && this.start < 0) {
					this.open(text, index, code, depth);
				}

				depth++;
			} else if (isClose(code) && --depth <= 2 && this.close(text, index, depth)) {
				break;
			}
		}

		this.depth = depth;
		this.inString = inString;
		this.isEscaped = isEscaped;
		if (index < text.length) {
			return index + 1;
		}

		if (this.start >= 0) {
			this.element += text.slice(this.start);
			this.start = 0;
		} else {
			this.keep(text.slice(this.segment));
		}

		this.segment = 0;
		return undefined;
	}

	private open(text: string, index: number, code: number, depth: number): void {
		if (this.streamed === 1 && depth === 2) {
			this.keep(`${text.slice(this.segment, index)}null`);
			this.start = index;
		} else if (this.streamed === 0 && depth === 1 && code === 0x5B && dataBefore.test(this.outside.slice(-4096) + text.slice(this.segment, index))) {
			this.outside += `${text.slice(this.segment, index)}"${this.marker}"`;
			this.segment = index;
			this.streamed = 1;
		}
	}

	/** A bracket closed, back at `depth`; returns whether a slice of sessions is full. */
	private close(text: string, index: number, depth: number): boolean {
		if (this.start >= 0 && depth === 2) {
			try {
				this.wires.push(JSON.parse(this.element + text.slice(this.start, index + 1)));
			} catch (error) {
				throw new ListSyntaxError('malformed', this.bytes, {cause: error});
			}

			this.element = '';
			this.start = -1;
			this.segment = index + 1;
			return this.wires.length === sessionsPerSlice;
		}

		if (this.streamed === 1 && depth === 1) {
			this.keep(text.slice(this.segment, index + 1));
			this.segment = index + 1;
			this.streamed = 2;
		}

		return false;
	}

	private keep(text: string): void {
		this[this.streamed === 1 ? 'inside' : 'outside'] += text;
	}
}

/**
The sessions of a list body read from `chunks`, or undefined when it is valid JSON but no list
(no `data` array); a body that is not valid JSON throws `ListSyntaxError`.
*/
export async function readSessionList(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, host: string, nowMs: number, options: NormalizeOptions = {}): Promise<Session[] | undefined> {
	const cut = new ListCut();
	const sessions: Session[] = [];
	const listOptions = {...options, detail: false, shared: sharedValues()};
	const normalize = (wires: unknown[]) => {
		// A slice at a time lets the sessions opened in one second share one reading of `connected`.
		for (const session of normalizeSessionList({data: wires}, host, nowMs, listOptions)) {
			sessions.push(session);
		}

		cut.wires = [];
	};

	const read = async (text: string) => {
		for (let at = cut.push(text, 0); at !== undefined; at = cut.push(text, at)) {
			normalize(cut.wires);
			await nextTurn();
		}
	};

	// A byte order mark is kept, as decoding the whole body keeps it: JSON.parse then refuses it.
	const decoder = new TextDecoder('utf-8', {ignoreBOM: true});
	for await (const chunk of chunks) {
		cut.bytes += chunk.byteLength;
		await read(decoder.decode(chunk, {stream: true}));
	}

	await read(decoder.decode());
	const first = /[^\t\n\r ]/v.exec(cut.outside)?.[0];
	if (first !== '{' && first !== '[') {
		throw new ListSyntaxError(first === undefined ? 'empty' : 'not-json', cut.bytes);
	}

	let body: unknown;
	try {
		body = JSON.parse(cut.outside);
		JSON.parse(cut.inside || '[]');
	} catch (error) {
		throw new ListSyntaxError('malformed', cut.bytes, {cause: error});
	}

	const data = (body as {data?: unknown} | undefined)?.data;
	if (data === cut.marker) {
		normalize(cut.wires);
		return sessions;
	}

	// JSON.parse's `data` is not the streamed array: read it as a whole read does.
	sessions.length = 0;
	return Array.isArray(data) ? normalizeSessionList(body, host, nowMs, listOptions) : undefined;
}
