import {ApiError} from '../../source/api/errors.js';
import type {MaxScaleClient} from '../../source/api/types.js';
import type {LogLevels, Session} from '../../source/model/session.js';

export type ClientCall = {method: string; args: unknown[]};

export type FakeClient = MaxScaleClient & {
	calls: ClientCall[];
	/**
	Make the next call of `method` fail with this error (once).
	*/
	failNext(method: keyof MaxScaleClient, error: ApiError): void;
	/**
	The session `getSession` answers with; `setLogLevels` updates its levels like a server would.
	*/
	session?: Session;
	/**
	Levels the server ignores silently (log_debug in release builds).
	*/
	ignoredLevels: Set<string>;
};

export function createFakeClient(baseUrl = 'http://127.0.0.1:8989'): FakeClient {
	const failures = new Map<string, ApiError>();
	const calls: ClientCall[] = [];
	async function record(method: string, args: unknown[]): Promise<void> {
		calls.push({method, args});
		const failure = failures.get(method);
		if (!failure) {
			return;
		}

		failures.delete(method);
		throw failure;
	}

	const client: FakeClient = {
		baseUrl,
		calls,
		ignoredLevels: new Set(),
		failNext(method, error) {
			failures.set(method, error);
		},
		async getServerInfo() {
			await record('getServerInfo', []);
			return {};
		},
		async listSessions() {
			await record('listSessions', []);
			return {sessions: [], bytes: 0, durationMs: 0};
		},
		async getSession(id, options) {
			await record('getSession', [id, options]);
			if (!client.session) {
				throw new ApiError('http', `session ${id} not found`, {status: 404});
			}

			return client.session;
		},
		async setLogLevels(id, levels: LogLevels) {
			await record('setLogLevels', [id, levels]);
			if (!client.session) {
				return;
			}

			const accepted = Object.fromEntries(Object.entries(levels).filter(([level]) => !client.ignoredLevels.has(level)));
			client.session = {...client.session, logLevels: {...client.session.logLevels, ...accepted}};
		},
		async setFilters(id, filters) {
			await record('setFilters', [id, filters]);
		},
		async restartSession(id) {
			await record('restartSession', [id]);
		},
		async restartAllSessions() {
			await record('restartAllSessions', []);
		},
		async killSession(id, options) {
			await record('killSession', [id, options]);
		},
		async getThreads() {
			await record('getThreads', []);
			return [];
		},
		async getServices() {
			await record('getServices', []);
			return [];
		},
		async getFilters() {
			await record('getFilters', []);
			return [];
		},
		async getAccount() {
			await record('getAccount', []);
			return {user: 'admin', account: 'admin'};
		},
	};
	return client;
}
