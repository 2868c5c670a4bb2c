/**
The `fetch` under ky: undici's `request()` on maxtop's own dispatcher, since fetch refuses its
"bad ports" (6000, 10080 …), which maxctrl and curl reach. It fails as fetch fails
(`TypeError('fetch failed')`, an abort's reason), so ky retries as it would.
*/
import {ReadableStream as WebStream} from 'node:stream/web';
import {request, type Dispatcher} from 'undici';

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

export function createDispatcherFetch(dispatcher: () => Dispatcher): typeof fetch {
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
