/**
The list poll's transport, a `fetch` for ky. The list body is 12 MB at 10,000 sessions and 60 MB
at 50,000; through the global fetch it arrives as a web stream of fresh chunks that are then
joined into a fresh ArrayBuffer, and that path cost more CPU than the scan of the bytes. Here
undici's `request` streams it into one buffer that the next list poll of the same host reuses,
so a refresh neither allocates nor faults in the body's pages again.

It answers ky as fetch does, so ky keeps its retries, timeout and HTTP errors: network failures
before the headers are fetch's `TypeError('fetch failed')` (retried), an error answer is a real
Response with its body, and a success is a body-less Response whose bytes `takeBody` hands over.
A failure while the body is read is a `BodyReadError` (not retried, as with fetch).
*/
import type {Readable} from 'node:stream';
import type {Dispatcher} from 'undici';
import {sendRequest} from './undici-request.js';

/**
The connection failed or the request was stopped after the headers, while the body was read.
*/
export class BodyReadError extends Error {
	constructor(cause: unknown) {
		super('the answer was cut short', {cause});
		this.name = 'BodyReadError';
	}
}

/**
The answer grew past `limitBytes`: reading stopped there (a server streaming without end would
otherwise fill memory until the timeout).
*/
export class BodyTooLargeError extends Error {
	readonly limitBytes: number;

	constructor(limitBytes: number) {
		super(`the answer is larger than ${limitBytes} bytes`);
		this.name = 'BodyTooLargeError';
		this.limitBytes = limitBytes;
	}
}

/**
Where a large successful body goes as it arrives, instead of into the reused buffer.
*/
export type BodySink = {
	/**
	A body begins (again, should a retry follow a failure).
	*/
	begin(): void;
	write(chunk: Uint8Array): void;
};

export type BulkFetchOptions = {
	/**
	A body larger than this goes to the request's sink, when it has one, rather than into a buffer;
	default 16 MB. Decided from Content-Length, or, without one, once that many bytes arrived.
	*/
	streamAboveBytes?: number;
	/**
	`releaseLarge` lets go of a buffer larger than this, default 16 MB (about 13,000 sessions).
	*/
	releaseAboveBytes?: number;
	/**
	Largest list body read, default 1 GiB (about 800,000 compact sessions).
	*/
	maxBodyBytes?: number;
};

export type BulkFetch = ((input: RequestInfo | URL, init?: RequestInit, sink?: BodySink) => Promise<Response>) & {
	/**
	How many bytes a successful answer sent to its sink, or undefined when it was not streamed.
	*/
	streamedBytes(response: Response): number | undefined;
	/**
	The bytes of a successful answer, valid until the next request through this fetch: the caller
	must read them before it awaits anything.
	*/
	takeBody(response: Response): Uint8Array | undefined;
	/**
	The caller is done with the last body: a buffer past `releaseAboveBytes` is given back to the
	system now. Such a list is polled tens of seconds apart (the server-share rule), and holding its
	buffer in between kept ~75 MB resident at 50,000 sessions for nothing; a fresh one costs a few
	ms of page faults per poll. The bytes `takeBody` gave are empty afterwards.
	*/
	releaseLarge(): void;
};

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const minimumCapacity = 64 * 1024;
// A Content-Length is a claim: past this size the buffer grows with what really arrives.
const maximumPresize = 128 * 1024 * 1024;
// A buffer four times larger than the bodies it has carried for this many polls is let go, so
// a fleet that shrank from 50,000 sessions does not keep 64 MB for good.
const shrinkAfterPolls = 8;

/**
One growing buffer, reused from body to body.
*/
class ReusedBuffer {
	private bytes = Buffer.allocUnsafe(0);
	private length = 0;
	private oversizedPolls = 0;

	begin(expectedLength: number): void {
		this.length = 0;
		if (expectedLength > this.bytes.length) {
			// Headroom: under churn the next body is often a little longer, and a buffer of the
			// exact size would be replaced (its pages faulted in anew) on almost every poll.
			this.bytes = Buffer.allocUnsafe(Math.ceil(expectedLength * 1.25));
		}
	}

	get received(): number {
		return this.length;
	}

	append(chunk: Uint8Array): void {
		const needed = this.length + chunk.byteLength;
		if (needed > this.bytes.length) {
			const grown = Buffer.allocUnsafe(Math.max(Math.ceil(needed * 1.25), this.bytes.length * 2, minimumCapacity));
			grown.set(this.bytes.subarray(0, this.length));
			this.bytes = grown;
		}

		this.bytes.set(chunk, this.length);
		this.length = needed;
	}

	/**
	Free the memory now rather than at some later garbage collection: detaching the buffer releases
	its backing store at once (nothing else holds it: a buffer this large is never from Node's pool).
	*/
	release(aboveBytes: number): void {
		if (this.bytes.length <= aboveBytes) {
			return;
		}

		const {buffer} = this.bytes;
		this.bytes = Buffer.allocUnsafe(0);
		this.length = 0;
		this.oversizedPolls = 0;
		buffer.transfer(0);
	}

	/**
	The body just read; the buffer is kept for the next one unless it has long been far too big.
	*/
	finish(): Uint8Array {
		const view = this.bytes.subarray(0, this.length);
		this.oversizedPolls = this.length * 4 < this.bytes.length && this.bytes.length > minimumCapacity ? this.oversizedPolls + 1 : 0;
		if (this.oversizedPolls >= shrinkAfterPolls) {
			// The view keeps the old memory alive only until the caller is done with it.
			this.bytes = Buffer.allocUnsafe(0);
			this.oversizedPolls = 0;
		}

		return view;
	}
}

/**
Gives a socket read's memory back as soon as its bytes were copied. A list of 50,000 sessions
arrives as ~950 reads of 64 KB, each a fresh allocation freed only when the collector gets to it:
they piled up by the tens of MB between collections, glibc kept the memory once they were freed,
and the command's resident memory climbed from ~220 MB to 300–340 MB within two minutes (V8's heap
and external memory meanwhile near 100 and 50 MB; a forced full collection after every list
changed nothing). Freed at once, the next read reuses the same memory: 216–235 MB over a minute.
Mapping every read instead (MALLOC_MMAP_THRESHOLD_) held memory down as well but cost ~10 ms a
refresh at 10,000 sessions in page faults.

Only a read that owns the whole of its memory is let go: a slice (the headers' read, a TLS
record) shares it with bytes that may still be read. Nothing reads a chunk after the body's 'data'
listener: undici counts its length before pushing it, and nothing else listens.
*/
function letGo(chunk: Uint8Array): void {
	const {buffer} = chunk;
	if (chunk.byteOffset !== 0 || chunk.byteLength !== buffer.byteLength || !(buffer instanceof ArrayBuffer)) {
		return;
	}

	try {
		buffer.transfer(0);
	} catch {
		// Not detachable (memory Node manages itself): the collector frees it, as before.
	}
}

async function readBody(body: Readable, limitBytes: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		let received = 0;
		body.on('data', (chunk: Uint8Array) => {
			received += chunk.byteLength;
			if (received > limitBytes) {
				body.destroy(new BodyTooLargeError(limitBytes));
				return;
			}

			onChunk(chunk);
		});
		body.once('end', resolve);
		body.once('error', reject);
	});
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(raw)) {
		if (Array.isArray(value)) {
			for (const item of value) {
				headers.append(name, item);
			}
		} else if (value !== undefined) {
			headers.append(name, value);
		}
	}

	return headers;
}

// Error answers are short; past this their text is cut.
const maxErrorBodyBytes = 64 * 1024;

export function createBulkFetch(dispatcher: () => Dispatcher, options: BulkFetchOptions = {}): BulkFetch {
	const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024 * 1024;
	const releaseAboveBytes = options.releaseAboveBytes ?? 16 * 1024 * 1024;
	const streamAboveBytes = options.streamAboveBytes ?? 16 * 1024 * 1024;
	const buffer = new ReusedBuffer();
	let isReading = false;
	const bodies = new WeakMap<Response, Uint8Array>();
	const streamed = new WeakMap<Response, number>();

	const bulkFetch = async (input: RequestInfo | URL, init?: RequestInit, sink?: BodySink): Promise<Response> => {
		const original = input instanceof Request ? input : new Request(input, init);
		const {signal} = original;
		const answer = await sendRequest(original, dispatcher);
		const {statusCode, headers, body} = answer;
		const isSuccess = statusCode >= 200 && statusCode < 300;
		const chunks: Uint8Array[] = [];
		// Two list polls of one host never overlap (the poller sees to that); were they ever to, the
		// second reads into a buffer of its own instead of into the first one's.
		const isShared = isSuccess && !isReading;
		const target = isShared ? buffer : new ReusedBuffer();
		isReading ||= isShared;
		let streamedLength: number | undefined;
		try {
			if (isSuccess) {
				const expected = Number(headers['content-length']);
				const isKnown = Number.isSafeInteger(expected) && expected > 0;
				const toSink = (chunk: Uint8Array) => {
					if (streamedLength === undefined) {
						streamedLength = 0;
						sink!.begin();
					}

					streamedLength += chunk.byteLength;
					sink!.write(chunk);
				};

				if (sink && isKnown && expected > streamAboveBytes) {
					await readBody(body, maxBodyBytes, chunk => {
						toSink(chunk);
						letGo(chunk);
					});
				} else {
					target.begin(isKnown ? Math.min(expected, maximumPresize) : 0);
					await readBody(body, maxBodyBytes, chunk => {
						if (streamedLength !== undefined) {
							toSink(chunk);
						} else if (sink && target.received + chunk.byteLength > streamAboveBytes) {
							// No Content-Length, or a wrong one: what came so far goes first.
							toSink(target.finish());
							toSink(chunk);
						} else {
							target.append(chunk);
						}

						letGo(chunk);
					});
				}
			} else {
				await readBody(body, maxErrorBodyBytes, chunk => {
					chunks.push(chunk);
				});
			}
		} catch (error) {
			if (error instanceof BodyTooLargeError && isSuccess) {
				throw error;
			}

			// An error answer too long to keep is still an error answer: its first bytes say why.
			if (!(error instanceof BodyTooLargeError)) {
				throw new BodyReadError(signal.aborted ? signal.reason : error);
			}
		} finally {
			if (isShared) {
				isReading = false;
			}
		}

		let response: Response;
		try {
			response = new Response(isSuccess || nullBodyStatus.has(statusCode) ? null : Buffer.concat(chunks), {
				status: statusCode,
				headers: toHeaders(headers),
			});
		} catch (error) {
			// A status outside 200–599 (fetch refuses those too).
			throw new TypeError('fetch failed', {cause: error});
		}

		if (streamedLength !== undefined) {
			streamed.set(response, streamedLength);
		} else if (isSuccess) {
			bodies.set(response, target.finish());
		}

		return response;
	};

	return Object.assign(bulkFetch, {
		streamedBytes(response: Response) {
			return streamed.get(response);
		},
		takeBody(response: Response) {
			const bytes = bodies.get(response);
			bodies.delete(response);
			return bytes;
		},
		releaseLarge() {
			// A read in progress owns the buffer.
			if (!isReading) {
				buffer.release(releaseAboveBytes);
			}
		},
	});
}
