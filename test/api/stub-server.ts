import {
	createServer as createHttpServer,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';

/** A request as the stub saw it; `line` is the request line's method and target exactly as sent. */
export type SeenRequest = {method: string; path: string; line: string; query: Record<string, string>; headers: IncomingMessage['headers']; body: string};

/** What the stub answers: a status with an optional body, or a socket-level misbehaviour. */
export type StubAnswer =
	| {status: number; body?: string; json?: unknown; headers?: Record<string, string>}
	| {reset: true}
	| {hang: true}
	| {truncate: string};

export type StubHandler = (request: SeenRequest) => StubAnswer;

export type Stub = {
	url: string;
	port: number;
	requests: SeenRequest[];
	/** Requests other than the version probe. */
	calls(): SeenRequest[];
	handle(handler: StubHandler): void;
	close(): Promise<void>;
};

function answer(response: ServerResponse, result: StubAnswer): void {
	if ('reset' in result) {
		response.socket?.destroy();
		return;
	}

	if ('hang' in result) {
		return;
	}

	if ('truncate' in result) {
		response.writeHead(200, {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(result.truncate) * 2)});
		response.write(result.truncate, () => {
			response.socket?.destroy();
		});
		return;
	}

	const body = result.json === undefined ? (result.body ?? '') : JSON.stringify(result.json);
	response.writeHead(result.status, {
		connection: 'close',
		...(body !== '' && {'content-type': 'application/json'}),
		...result.headers,
	});
	response.end(body);
}

/** A loopback HTTP(S) server that plays MaxScale by a handler; answers GET /v1/maxscale with `version`. */
export async function startStub(options: {version?: string; handler?: StubHandler; tls?: {key: string; cert: string; ca?: string; requestCert?: boolean}} = {}): Promise<Stub> {
	let handler: StubHandler = options.handler ?? (() => ({status: 200}));
	const requests: SeenRequest[] = [];
	const listener = (request: IncomingMessage, response: ServerResponse) => {
		const chunks: Uint8Array[] = [];
		request.on('data', (chunk: Uint8Array) => {
			chunks.push(chunk);
		});
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://stub');
			const seen: SeenRequest = {
				method: request.method ?? '',
				path: url.pathname,
				line: `${request.method ?? ''} ${request.url ?? ''}`,
				query: Object.fromEntries(url.searchParams),
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(seen);
			if (options.version && seen.method === 'GET' && seen.path === '/v1/maxscale') {
				answer(response, {status: 200, json: {data: {id: 'maxscale', type: 'maxscale', attributes: {version: options.version}}}});
				return;
			}

			answer(response, handler(seen));
		});
	};

	const server: Server = options.tls
		? createHttpsServer({
			key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: options.tls.requestCert ?? false, rejectUnauthorized: options.tls.requestCert ?? false,
		}, listener)
		: createHttpServer(listener);
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		port,
		requests,
		calls: () => requests.filter(request => request.path !== '/v1/maxscale'),
		handle(next) {
			handler = next;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}
