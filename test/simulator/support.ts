import http from 'node:http';
import https from 'node:https';
import {readFileSync, existsSync, readdirSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator, SimulatorOptions} from '../../source/simulator/types.js';

export const fixturesRoot = new URL('../fixtures/', import.meta.url);

export const adminAuth = `Basic ${Buffer.from('admin:mariadb').toString('base64')}`;

export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
`json<T>()` names the shape the test reads; the simulator's answers are what is under test, so the
shape is asserted by the test's own checks, not trusted.
*/
export type Reply = {status: number; headers: http.IncomingHttpHeaders; text: string; json: <T = unknown>() => T};

export type RequestOptions = {method?: string; auth?: string | false; headers?: Record<string, string>; body?: string; ca?: string};

/**
One request over a fresh connection (MaxScale closes every connection anyway).
*/
export async function request(sim: Simulator, path: string, options: RequestOptions = {}): Promise<Reply> {
	const url = new URL(path, sim.url);
	const headers: Record<string, string> = {...options.headers};
	if (options.auth !== false) {
		headers['authorization'] = options.auth ?? adminAuth;
	}

	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const outgoing = client.request(url, {
			method: options.method ?? 'GET', headers, agent: false, ca: options.ca,
		}, response => {
			const chunks: Uint8Array[] = [];
			response.on('data', (chunk: Uint8Array) => {
				chunks.push(chunk);
			});
			response.on('error', reject);
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({
					status: response.statusCode ?? 0, headers: response.headers, text, json: <T>() => JSON.parse(text) as T,
				});
			});
		});
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

/**
A simulator on a manual clock with a fixed seed and start time; closed when the test ends.
*/
export async function withSimulator(t: {after: (fn: () => Promise<void>) => void}, options: SimulatorOptions = {}): Promise<Simulator> {
	const sim = await startSimulator({
		manualClock: true, seed: 42, startMs: Date.UTC(2026, 10, 22, 22, 0, 0), ...options,
	});
	t.after(async () => sim.close());
	return sim;
}

export function readFixture<T = unknown>(folder: string, name: string): T {
	const url = new URL(`${folder}/${name}`, fixturesRoot);
	return JSON.parse(name.endsWith('.gz') ? gunzipSync(readFileSync(url)).toString('utf8') : readFileSync(url, 'utf8')) as T;
}

/**
The answer of `GET /v1/auth`: a JWT in `meta.token`.
*/
export type TokenReply = {meta: {token: string}};

export type Claims = {account?: string; sub?: string; iss?: string; iat: number; exp: number};

/**
The claims of a JWT, read without checking its signature.
*/
export const jwtClaims = (token: string): Claims => JSON.parse(Buffer.from(token.split('.', 2)[1]!, 'base64url').toString('utf8')) as Claims;

/**
A JSON:API resource as the simulator writes it; each test narrows `attributes` to what it reads.
*/
export type Resource<Attributes = Record<string, unknown>> = {
	id: string; type: string; attributes: Attributes; relationships?: Partial<Record<'filters' | 'listeners' | 'servers' | 'services', Relationship>>; links?: {self: string};
};

export type Relationship = {data: Array<{id: string; type: string}>; links: {self: string}};

export type SessionAttributes = {
	state: string; user?: string; client: {connection_attributes: unknown}; connections: Array<{connection_id: number}>; parameters: Record<string, unknown>;
};

export type ListReply<Attributes = Record<string, unknown>> = {
	data: Array<Resource<Attributes>>; links: Partial<Record<'self' | 'first' | 'last' | 'next' | 'prev', string>>; meta?: {total: number};
};

export type OneReply<Attributes = Record<string, unknown>> = {data: Resource<Attributes>; links: {self: string}};

export type ErrorReply = {errors: Array<{detail: string}>};

export const fixtureExists = (folder: string, name: string): boolean => existsSync(new URL(`${folder}/${name}`, fixturesRoot));

/**
Every full session object a real server sent: lists and single GETs (not the sparse ones).
*/
export function realSessions(folder: string): unknown[] {
	const names = readdirSync(new URL(`${folder}/`, fixturesRoot)).filter(name =>
		(name.startsWith('session-get-') || name.startsWith('sessions-list')) && name.endsWith('.json') && name !== 'session-get-fields.json');
	return names.flatMap(name => {
		const body = readFixture<{data: unknown}>(folder, name);
		return Array.isArray(body.data) ? body.data as unknown[] : [body.data];
	});
}
