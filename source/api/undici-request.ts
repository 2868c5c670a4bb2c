import {request, type Dispatcher} from 'undici';

/**
Send a Request through undici's `request()` on maxtop's own dispatcher. Fails as fetch fails, so
ky and the error mapping need not know: an abort is the signal's reason, and a network failure
before the headers is `TypeError('fetch failed')` with the cause (ky retries it for GETs).
*/
export async function sendRequest(original: Request, dispatcher: () => Dispatcher, body?: Uint8Array): Promise<Dispatcher.ResponseData> {
	const {signal} = original;
	// Outside the try: an agent that cannot be made (a missing CA file) is its own error, not the network's.
	const agent = dispatcher();
	try {
		return await request(original.url, {
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
}
