/**
The `fetch` ky sends every request through: undici's `request()` on maxtop's own dispatcher. The
fetch standard refuses a list of "bad ports" (6000, 6665–6669, 10080 and ~80 more) before
connecting, and reports any refusal, a closed port 1 too, as "bad port": maxctrl and curl reach
those ports, and an admin API may listen on one. `request()` applies no such list, so every port
1–65535 is reached and a failure keeps its real cause (ECONNREFUSED, ENOTFOUND…).

It fails as fetch fails, so ky retries as it would: a network failure before the headers is
`TypeError('fetch failed')` with the cause, an abort is the signal's reason. The body is handed
over as it arrives (`Response.body`), so a session list is read while it comes.
*/
import {ReadableStream as WebStream} from 'node:stream/web';
import {request, type Dispatcher} from 'undici';

export type DispatcherFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

export function createDispatcherFetch(dispatcher: () => Dispatcher): DispatcherFetch {
	return async (input, init) => {
		const original = input instanceof Request ? input : new Request(input, init);
		const {signal} = original;
		const body = original.body ? new Uint8Array(await original.arrayBuffer()) : undefined;
		// Outside the try: an agent that cannot be made (a missing CA file) is its own error, not the network's.
		const agent = dispatcher();
		let answer: Dispatcher.ResponseData;
		try {
			answer = await request(original.url, {
				method: original.method,
				headers: Object.fromEntries(original.headers),
				...(body !== undefined && {body}),
				signal,
				dispatcher: agent,
			});
		} catch (error) {
			if (signal.aborted && signal.reason instanceof Error) {
				throw signal.reason;
			}

			throw new TypeError('fetch failed', {cause: error});
		}

		const headers = new Headers();
		for (const [name, value] of Object.entries(answer.headers)) {
			for (const item of Array.isArray(value) ? value : (value === undefined ? [] : [value])) {
				headers.append(name, item);
			}
		}

		const isNullBody = nullBodyStatus.has(answer.statusCode);
		if (isNullBody) {
			await answer.body.dump();
		}

		try {
			// The same class as the global ReadableStream, which the DOM library types apart from Node's.
			return new Response(isNullBody ? null : WebStream.from<Uint8Array>(answer.body) as unknown as ReadableStream<Uint8Array>, {status: answer.statusCode, headers});
		} catch (error) {
			// A status outside 200–599 (fetch refuses those too).
			void answer.body.dump().catch(() => undefined);
			throw new TypeError('fetch failed', {cause: error});
		}
	};
}
