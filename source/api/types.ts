import type {LogLevels, Session, SessionId} from '../model/session.js';
import type {ServiceStats, ThreadStats} from '../model/types.js';
import type {Version} from '../model/version.js';

/** How to reach one MaxScale. */
export type ConnectionConfig = {
	/** `http://127.0.0.1:8989` (no trailing slash, no `/v1`). */
	baseUrl: string;
	user: string;
	password: string;
	/** Per-request timeout in milliseconds. */
	timeoutMs: number;
	tls?: {
		caCert?: string;
		cert?: string;
		key?: string;
		passphrase?: string;
		/** Default true. */
		verifyServerCert?: boolean;
	};
	/** Use `GET /v1/auth` tokens where the server allows them (2.5+). */
	useTokens?: boolean;
};

export type ServerInfo = {
	version?: Version;
	/** `data.attributes.version` as sent. */
	versionText?: string;
	/** `started_at`, epoch ms, to detect MaxScale restarts. */
	startedMs?: number;
};

export type SessionList = {
	sessions: Session[];
	/** Response body size in bytes. */
	bytes: number;
	/** Wall time of the request, milliseconds. */
	durationMs: number;
};

export type FilterInfo = {id: string; module?: string};

export type AccountInfo = {user: string; account?: 'admin' | 'basic'};

export type ListOptions = {
	signal?: AbortSignal;
	/** Sparse fieldset (2.5+); absent means the full compact list. */
	fields?: readonly string[];
};

/**
The one small client every part of maxtop talks to MaxScale through. GETs may be retried;
PATCH, POST and DELETE never are. Every failure is an `ApiError`.
*/
export type MaxScaleClient = {
	readonly baseUrl: string;
	/** `GET /v1/maxscale`; also remembered for feature gating. */
	getServerInfo(options?: {signal?: AbortSignal}): Promise<ServerInfo>;
	listSessions(options?: ListOptions): Promise<SessionList>;
	getSession(id: SessionId, options?: {rdns?: boolean; signal?: AbortSignal}): Promise<Session>;
	setLogLevels(id: SessionId, levels: LogLevels): Promise<void>;
	setFilters(id: SessionId, filters: readonly string[]): Promise<void>;
	restartSession(id: SessionId): Promise<void>;
	restartAllSessions(): Promise<void>;
	killSession(id: SessionId, options?: {graceSeconds?: number}): Promise<void>;
	getThreads(options?: {signal?: AbortSignal}): Promise<ThreadStats[]>;
	getServices(options?: {signal?: AbortSignal}): Promise<ServiceStats[]>;
	getFilters(options?: {signal?: AbortSignal}): Promise<FilterInfo[]>;
	/** Admin or basic (read-only) account, from `/v1/users/inet/<user>` or the token claim. */
	getAccount(options?: {signal?: AbortSignal}): Promise<AccountInfo>;
	/** Release sockets (the TLS agent); the client must not be used afterwards. */
	close?(): Promise<void>;
};
