import {ApiError} from '../../source/api/errors.js';
import type {
	AccountInfo,
	FilterInfo,
	MaxScaleClient,
	ServerInfo,
	SessionList,
} from '../../source/api/types.js';
import type {Session} from '../../source/model/session.js';
import {parseVersion} from '../../source/model/version.js';
import type {ServiceStats, ThreadStats} from '../../source/model/types.js';
import type {FakeClock} from './fake-clock.js';

export type Method = 'getServerInfo' | 'listSessions' | 'getSession' | 'getThreads' | 'getServices' | 'getAccount';

export type Call = {method: Method; startMs: number; endMs?: number; outcome?: 'ok' | 'error'; options?: unknown};

export function makeSession(id: string, host = 'fake:8989'): Session {
	return {
		id, host, user: `user${id}`, services: ['rw'], servers: ['db1'], filters: [],
	};
}

/**
A MaxScaleClient whose answers take fake-clock time. Per method: a delay, an error to throw, or a
hang (never answers; rejects with an aborted ApiError when its signal aborts, like the real client).
*/
export class FakeClient implements MaxScaleClient {
	readonly #clock: FakeClock;
	#queue: Promise<void> = Promise.resolve();
	readonly calls: Call[] = [];
	readonly delays: Partial<Record<Method, number>> = {};
	readonly errors: Partial<Record<Method, ApiError>> = {};
	readonly hang = new Set<Method>();
	readonly inFlight: Record<Method, number> = {
		getServerInfo: 0, listSessions: 0, getSession: 0, getThreads: 0, getServices: 0, getAccount: 0,
	};

	readonly maxInFlight: Record<Method, number> = {...this.inFlight};
	sessions: Session[] = [makeSession('1'), makeSession('2')];
	versionText = '24.02.3';
	/**
	MaxScale's `started_at`, epoch ms; a new value is a restart.
	*/
	startedMs: number | undefined = Date.UTC(2026, 10, 22, 22, 0, 0);
	account: AccountInfo = {user: 'admin', account: 'admin'};
	/**
	Answer one request at a time, as MaxScale's single admin thread does: a request waits for the ones before it.
	*/
	serialize = false;

	constructor(clock: FakeClock) {
		this.#clock = clock;
	}

	async #wait(method: Method, signal: AbortSignal | undefined): Promise<void> {
		const isHangs = this.hang.has(method);
		const delayMs = this.delays[method] ?? 0;
		if (!isHangs && delayMs === 0) {
			return;
		}

		await new Promise<void>((resolve, reject) => {
			const handle = isHangs ? undefined : this.#clock.setTimeout(done, delayMs);
			signal?.addEventListener('abort', aborted, {once: true});
			function done() {
				signal?.removeEventListener('abort', aborted);
				resolve();
			}

			const clock = this.#clock;
			function aborted() {
				if (handle !== undefined) {
					clock.clearTimeout(handle);
				}

				reject(new ApiError('aborted', 'aborted'));
			}
		});
	}

	async #answer<T>(method: Method, signal: AbortSignal | undefined, options: unknown, produce: () => T): Promise<T> {
		const call: Call = {method, startMs: this.#clock.now(), options};
		this.calls.push(call);
		this.inFlight[method]++;
		this.maxInFlight[method] = Math.max(this.maxInFlight[method], this.inFlight[method]);
		try {
			if (this.serialize) {
				const previous = this.#queue;
				const mine = previous.then(async () => this.#wait(method, signal));
				this.#queue = mine.catch(() => undefined);
				await mine;
			} else {
				await this.#wait(method, signal);
			}

			const error = this.errors[method];
			if (error) {
				throw error;
			}

			const result = produce();
			call.outcome = 'ok';
			return result;
		} catch (error) {
			call.outcome = 'error';
			throw error;
		} finally {
			call.endMs = this.#clock.now();
			this.inFlight[method]--;
		}
	}

	get baseUrl(): string {
		return 'http://fake:8989';
	}

	count(method: Method): number {
		return this.calls.filter(call => call.method === method).length;
	}

	callsOf(method: Method): Call[] {
		return this.calls.filter(call => call.method === method);
	}

	async getServerInfo(options?: {signal?: AbortSignal}): Promise<ServerInfo> {
		return this.#answer('getServerInfo', options?.signal, options, () => ({versionText: this.versionText, version: parseVersion(this.versionText), ...(this.startedMs !== undefined && {startedMs: this.startedMs})}));
	}

	async listSessions(options?: {signal?: AbortSignal; fields?: readonly string[]}): Promise<SessionList> {
		const startMs = this.#clock.now();
		return this.#answer('listSessions', options?.signal, options, () => ({
			sessions: this.sessions.map(session => ({...session})),
			bytes: 100 * this.sessions.length,
			durationMs: this.#clock.now() - startMs,
		}));
	}

	async getSession(id: string, options?: {rdns?: boolean; signal?: AbortSignal}): Promise<Session> {
		return this.#answer('getSession', options?.signal, {id, ...options}, () => {
			const session = this.sessions.find(each => each.id === id);
			if (!session) {
				throw new ApiError('http', 'Not Found', {status: 404});
			}

			return {...session};
		});
	}

	async getThreads(options?: {signal?: AbortSignal}): Promise<ThreadStats[]> {
		return this.#answer('getThreads', options?.signal, options, () => [{id: '0', sessions: this.sessions.length}]);
	}

	async getServices(options?: {signal?: AbortSignal}): Promise<ServiceStats[]> {
		return this.#answer('getServices', options?.signal, options, () => [{
			id: 'rw', connections: this.sessions.length, hasListeners: true, filters: [],
		}]);
	}

	async getAccount(options?: {signal?: AbortSignal}): Promise<AccountInfo> {
		return this.#answer('getAccount', options?.signal, options, () => this.account);
	}

	async getFilters(): Promise<FilterInfo[]> {
		return [];
	}

	async setLogLevels(): Promise<void> {
		throw new Error('not used by the poller');
	}

	async setFilters(): Promise<void> {
		throw new Error('not used by the poller');
	}

	async restartSession(): Promise<void> {
		throw new Error('not used by the poller');
	}

	async restartAllSessions(): Promise<void> {
		throw new Error('not used by the poller');
	}

	async killSession(): Promise<void> {
		throw new Error('not used by the poller');
	}
}
