/**
The `fetch` ky sends every request but the list through: undici's `request()` on maxtop's own
dispatcher. The fetch standard refuses a list of "bad ports" (6000, 6665–6669, 10080 and ~80
more) before connecting, and reports any refusal, a closed port 1 too, as "bad port": maxctrl and
curl reach those ports, and an admin API may listen on one. `request()` applies no such list, so
every port 1–65535 is reached and a failure keeps its real cause (ECONNREFUSED, ENOTFOUND…).

It answers ky as fetch does: a network failure before the headers is fetch's
`TypeError('fetch failed')` with the cause (retried for GETs), an abort is the signal's reason,
and the whole body is read before the Response is handed over, so the timeout covers it; a body
cut short is a `BodyReadError`.
*/
import type {Readable} from 'node:stream';
import type {Dispatcher} from 'undici';
import {BodyReadError} from './bulk-fetch.js';
import {sendRequest} from './undici-request.js';

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

async function readAll(body: Readable): Promise<Uint8Array<ArrayBuffer>> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of body) {
		chunks.push(chunk as Uint8Array);
	}

	return new Uint8Array(Buffer.concat(chunks));
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(raw)) {
		for (const item of Array.isArray(value) ? value : (value === undefined ? [] : [value])) {
			headers.append(name, item);
		}
	}

	return headers;
}

export type DispatcherFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function createDispatcherFetch(dispatcher: () => Dispatcher): DispatcherFetch {
	return async (input, init) => {
		const original = input instanceof Request ? input : new Request(input, init);
		const {signal} = original;
		const body = original.body ? new Uint8Array(await original.arrayBuffer()) : undefined;
		const answer = await sendRequest(original, dispatcher, body);

		let bytes: Uint8Array<ArrayBuffer>;
		try {
			bytes = await readAll(answer.body);
		} catch (error) {
			throw new BodyReadError(signal.aborted ? signal.reason : error);
		}

		try {
			return new Response(nullBodyStatus.has(answer.statusCode) ? null : bytes, {status: answer.statusCode, headers: toHeaders(answer.headers)});
		} catch (error) {
			// A status outside 200–599 (fetch refuses those too).
			throw new TypeError('fetch failed', {cause: error});
		}
	};
}
