/**
Parsers for the small resources next to sessions: `/v1/maxscale`, `/v1/maxscale/threads`,
`/v1/services`, `/v1/filters`, `/v1/users/inet/:name` and `/v1/auth`. Pure; every key is
optional by version (API reference §11) and a value of the wrong type is dropped.
*/
import {parseVersion} from '../model/version.js';
import {parseConnected} from '../model/time.js';
import type {ServiceStats, ThreadStats} from '../model/types.js';
import type {
	AccountInfo,
	FilterInfo,
	ServerInfo,
} from './types.js';

/** A JSON object of which only the named keys are read; each may be missing or of any type. */
type Wire<Key extends string> = Partial<Record<Key, unknown>>;
type Resource = Wire<'attributes' | 'relationships'> & {id: string};

function object<Key extends string>(value: unknown): Wire<Key> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function number(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function dataArray(body: unknown): Resource[] | undefined {
	const data = object<'data'>(body)?.data;
	if (!Array.isArray(data)) {
		return undefined;
	}

	const items: Resource[] = [];
	for (const item of data) {
		const resource = object<'id' | 'attributes' | 'relationships'>(item);
		if (resource && typeof resource.id === 'string') {
			items.push(resource as Resource);
		}
	}

	return items;
}

function relationshipIds(resource: Resource, name: string): string[] {
	const data = object<'data'>(object<string>(resource.relationships)?.[name])?.data;
	return Array.isArray(data) ? data.map(item => object<'id'>(item)?.id).filter((id): id is string => typeof id === 'string') : [];
}

/** Sets only the keys whose value is a finite number, so absent stays absent. */
function withNumbers<T extends Record<string, unknown>>(target: T, values: Record<string, number | undefined>): T {
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined) {
			(target as Record<string, unknown>)[key] = value;
		}
	}

	return target;
}

/** `GET /v1/maxscale` (full, or with `fields[maxscale]=version,started_at`); undefined when it is not that resource. */
export function parseServerInfo(body: unknown): ServerInfo | undefined {
	const data = object<'attributes'>(object<'data'>(body)?.data);
	if (!data) {
		return undefined;
	}

	const attributes = object<'version' | 'started_at'>(data.attributes);
	const versionText = typeof attributes?.version === 'string' ? attributes.version : undefined;
	const version = versionText === undefined ? undefined : parseVersion(versionText);
	const startedMs = parseConnected(attributes?.started_at);
	return {...(versionText !== undefined && {versionText}), ...(version && {version}), ...(startedMs !== undefined && {startedMs})};
}

/** `GET /v1/maxscale/threads`: one entry per routing worker. */
export function parseThreads(body: unknown): ThreadStats[] | undefined {
	return dataArray(body)?.map(resource => {
		const stats = object<'sessions' | 'accepts' | 'hangups' | 'errors' | 'load' | 'memory'>(object<'stats'>(resource.attributes)?.stats);
		return withNumbers<ThreadStats>({id: resource.id}, {
			// `sessions` and `memory` exist from 22.08.2 only.
			sessions: number(stats?.sessions),
			accepts: number(stats?.accepts),
			hangups: number(stats?.hangups),
			errors: number(stats?.errors),
			loadLastSecond: number(object<'last_second'>(stats?.load)?.last_second),
			memorySessionsBytes: number(object<'sessions'>(stats?.memory)?.sessions),
		});
	});
}

/** `GET /v1/services`. */
export function parseServices(body: unknown): ServiceStats[] | undefined {
	return dataArray(body)?.map(resource => {
		const attributes = object<'statistics' | 'listeners' | 'connections' | 'total_connections'>(resource.attributes);
		// `statistics` arrived in 2.5.0; the top-level counters carry the same values since 2.2.
		const statistics = object<'connections' | 'total_connections' | 'failed_auths'>(attributes?.statistics);
		const listenerArray = attributes?.listeners;
		const hasListeners = relationshipIds(resource, 'listeners').length > 0
			|| (Array.isArray(listenerArray) && listenerArray.length > 0);
		return withNumbers<ServiceStats>({id: resource.id, hasListeners, filters: relationshipIds(resource, 'filters')}, {
			connections: number(statistics?.connections) ?? number(attributes?.connections),
			totalConnections: number(statistics?.total_connections) ?? number(attributes?.total_connections),
			failedAuths: number(statistics?.failed_auths),
		});
	});
}

/** `GET /v1/filters`. */
export function parseFilters(body: unknown): FilterInfo[] | undefined {
	return dataArray(body)?.map(resource => {
		const module = object<'module'>(resource.attributes)?.module;
		return typeof module === 'string' ? {id: resource.id, module} : {id: resource.id};
	});
}

function accountKind(value: unknown): AccountInfo['account'] {
	return value === 'admin' || value === 'basic' ? value : undefined;
}

/** `GET /v1/users/inet/:name`. */
export function parseAccount(body: unknown, user: string): AccountInfo {
	const data = object<'attributes'>(object<'data'>(body)?.data);
	const account = accountKind(object<'account'>(data?.attributes)?.account);
	return account ? {user, account} : {user};
}

/** `GET /v1/auth` answers `{"meta":{"token":…}}` in the code of every version (the 2.5.0–2.5.11 docs say otherwise). */
export function parseToken(body: unknown): string | undefined {
	const token = object<'token'>(object<'meta'>(body)?.meta)?.token;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/** The `account` claim of a MaxScale JWT (22.08.2+); undefined when absent or unreadable. */
export function tokenAccount(token: string): AccountInfo['account'] {
	const payload = token.split('.', 2)[1];
	if (!payload) {
		return undefined;
	}

	try {
		const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return accountKind(object<'account'>(claims)?.account);
	} catch {
		return undefined;
	}
}
