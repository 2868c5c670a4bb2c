import {once} from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type {Socket} from 'node:net';
import {setTimeout as delay} from 'node:timers/promises';
import {requestCostMs} from './cost-model.js';
import {faultResponse, findFault, spoilBody} from './fault-spec.js';
import {fieldCount, parseFields} from './collection.js';
import type {SimRequest, SimResponse, SimState} from './http-types.js';
import {isLegacy} from './types.js';
import {serialize, wantsPretty} from './json-output.js';
import type {RequestLog} from './request-log.js';
import {route} from './router.js';
import {httpDate, shortDate} from './dates.js';

export type ServerOptions = {
	host: string;
	tls?: {key: string; cert: string};
	costModel: boolean;
	costScale: number;
	log: RequestLog;
	/** Bring the simulated clock up to date before a request is handled (wall-clock mode). */
	sync: () => void;
};

const standardHeaders = {
	'X-Frame-Options': 'Deny', 'X-XSS-Protection': '1', 'Referrer-Policy': 'same-origin', 'Cache-Control': 'no-cache',
};

/** The node:http(s) side: sockets, the one-at-a-time queue, faults, the cost delay, the request log. */
export class SimulatorServer {
	/** Aborted by `close()`, so a closed simulator leaves no timer behind. */
	private readonly closing = new AbortController();
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	/** One request at a time, like MaxScale's single admin thread. */
	private queue: Promise<void> = Promise.resolve();
	private boundPort = 0;
	private listening = false;
	private readonly options: ServerOptions;
	private readonly state: SimState;

	constructor(options: ServerOptions, state: SimState) {
		this.options = options;
		this.state = state;
		const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
			let rawBody = '';
			request.setEncoding('utf8');
			request.on('data', (chunk: string) => {
				rawBody += chunk;
			});
			request.on('end', () => {
				void this.handle(request, response, rawBody);
			});
		};

		this.server = options.tls ? https.createServer({key: options.tls.key, cert: options.tls.cert}, handler) : http.createServer(handler);
		// Node's parser refuses a method it does not know before any handler runs; MaxScale answers 405.
		this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
			if (socket.writable && error.code === 'HPE_INVALID_METHOD') {
				const headers = {
					Connection: 'close', Date: shortDate(this.state.world.now), ...standardHeaders, 'Content-Length': 0,
				};
				socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
				return;
			}

			socket.destroy();
		});
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => {
				this.sockets.delete(socket);
			});
		});
	}

	get port(): number {
		return this.boundPort;
	}

	async listen(port: number): Promise<void> {
		this.server.listen(port, this.options.host);
		await once(this.server, 'listening');
		const address = this.server.address();
		this.boundPort = typeof address === 'object' && address ? address.port : port;
		this.listening = true;
	}

	/** `down`: stop accepting (connections are refused); re-listen on the same port when it clears. */
	async setDown(down: boolean): Promise<void> {
		if (down && this.listening) {
			this.listening = false;
			this.server.close();
		} else if (!down && !this.listening) {
			await this.listen(this.boundPort);
		}
	}

	async close(): Promise<void> {
		this.closing.abort();
		for (const socket of this.sockets) {
			socket.destroy();
		}

		if (!this.listening) {
			return;
		}

		this.listening = false;
		this.server.close();
		await once(this.server, 'close');
	}

	private async sleep(ms: number): Promise<void> {
		if (ms > 0) {
			await delay(ms, undefined, {signal: this.closing.signal}).catch(() => undefined);
		}
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse, rawBody: string): Promise<void> {
		this.options.sync();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const simRequest: SimRequest = {
			method: (request.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			rawBody,
			headers: request.headers,
		};
		let body: unknown;
		try {
			body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
		} catch {}

		this.options.log.record({...simRequest, body, atMs: this.state.world.now});
		const faults = this.state.faults();
		if (findFault(faults, 'hang', simRequest.path)) {
			return;
		}

		if (findFault(faults, 'reset', simRequest.path)) {
			request.socket.destroy();
			return;
		}

		await this.sleep(findFault(faults, 'latency', simRequest.path)?.latencyMs ?? 0);
		const turn = this.queue.then(async () => {
			if (response.destroyed) {
				return;
			}

			this.options.sync();
			const answer = faultResponse(faults, simRequest.path) ?? route(simRequest, this.state);
			const isPretty = wantsPretty(simRequest.query['pretty'], this.state.version);
			const text = answer.text ?? (answer.body === undefined ? undefined : serialize(answer.body, isPretty, this.state.version === '2.4'));
			if (this.options.costModel) {
				const fields = isLegacy(this.state.version) ? 0 : fieldCount(parseFields(simRequest.query));
				const cost = requestCostMs({
					route: answer.cost ?? 'other', sessions: this.state.world.sessions.size, fieldCount: fields, pretty: isPretty,
				});
				await this.sleep(cost * this.options.costScale);
			}

			this.write(response, simRequest, spoilBody(faults, simRequest.path, simRequest.method, {...answer, text}, text));
		});
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	private write(response: http.ServerResponse, request: SimRequest, answer: SimResponse & {truncate?: boolean}): void {
		if (response.destroyed) {
			return;
		}

		const isHead = request.method === 'HEAD';
		const text = isHead ? undefined : answer.text;
		const isRaw = answer.contentType === false;
		const headers: Record<string, string | number> = {};
		// 24.02.3 leaves Connection: close out when the request carried a body, but not on auth failures.
		if (request.rawBody === '' || answer.status === 401 || answer.status === 403) {
			headers['Connection'] = 'close';
		}

		headers['Date'] = isRaw ? httpDate(this.state.world.now) : shortDate(this.state.world.now);
		const {contentType} = answer;
		if ((text !== undefined || (isHead && answer.text !== undefined)) && contentType !== false) {
			headers['Content-Type'] = contentType ?? 'application/json';
		}

		// 2.4.19 sent none of them (its write answers carry only Connection, Date and Content-Length).
		if (!isRaw && this.state.version !== '2.4') {
			Object.assign(headers, standardHeaders);
		}

		Object.assign(headers, answer.headers);
		const bytes = text === undefined ? Buffer.alloc(0) : Buffer.from(text);
		if (answer.status !== 204) {
			headers['Content-Length'] = bytes.length;
		}

		if (headers['Connection'] === undefined) {
			// Without this Node adds `Connection: keep-alive`; MaxScale sends no Connection header then.
			response.removeHeader('Connection');
		}

		response.writeHead(answer.status, headers);
		if (answer.truncate) {
			// A body cut in half while Content-Length still claims the whole: the connection just ends.
			response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
				response.socket?.destroy();
			});
			return;
		}

		response.end(bytes);
	}
}
