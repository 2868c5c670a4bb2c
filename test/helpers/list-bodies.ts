import assert from 'node:assert/strict';
import {ListSyntaxError, readSessionList} from '../../source/api/session-stream.js';
import {normalizeSessionList} from '../../source/model/normalize.js';
import type {Session} from '../../source/model/session.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {SimulatorVersion} from '../../source/simulator/types.js';

/** The host and time zone the list tests read bodies with. */
export const listHost = 'list:8989';
export const utc = {timezoneOffsetMinutes: 0};
export const authorization = `Basic ${Buffer.from('admin:mariadb').toString('base64')}`;

/** What a reader made of a body: its sessions, valid JSON that is no list, or a refusal. */
export type Outcome = Session[] | 'not a list' | 'rejected';

/** What JSON.parse of the whole body and normalizeSessionList make of it. */
export function wholeRead(bytes: Uint8Array, nowMs: number): Outcome {
	let body: unknown;
	try {
		body = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch {
		return 'rejected';
	}

	return Array.isArray((body as {data?: unknown} | undefined)?.data) ? normalizeSessionList(body, listHost, nowMs, {...utc, detail: false}) : 'not a list';
}

/** `bytes` in chunks of `size` (all of it when undefined). */
export function chunked(bytes: Uint8Array, size?: number): Uint8Array[] {
	const step = size ?? Math.max(1, bytes.length);
	const chunks: Uint8Array[] = [];
	for (let offset = 0; offset < bytes.length; offset += step) {
		chunks.push(bytes.subarray(offset, offset + step));
	}

	return chunks;
}

/** What the streamed reader makes of `chunks`. */
export async function streamRead(chunks: Uint8Array[], nowMs: number): Promise<Outcome> {
	try {
		return await readSessionList(chunks, listHost, nowMs, utc) ?? 'not a list';
	} catch (error) {
		if (error instanceof ListSyntaxError) {
			return 'rejected';
		}

		throw error;
	}
}

/**
The streamed read of `bytes`, in chunks of each of `sizes` (undefined: whole), gives what the
whole read gives: the same sessions (values and key order), or no list; a body JSON.parse
refuses is refused. Valid JSON that is not an object or array is refused as "not JSON", as the
client always did. Returns the whole read's outcome.
*/
export async function assertSameRead(bytes: Uint8Array, nowMs: number, sizes: ReadonlyArray<number | undefined>, label: string): Promise<Outcome> {
	const expected = wholeRead(bytes, nowMs);
	const text = Buffer.from(bytes).toString('utf8');
	const isContainer = /^[\t\n\r ]*[\[\{]/v.test(text);
	for (const size of sizes) {
		const actual = await streamRead(chunked(bytes, size), nowMs);
		const where = `${label}, chunks of ${size ?? 'all'}`;
		if (expected === 'not a list' && !isContainer) {
			assert.equal(actual, 'rejected', where);
			continue;
		}

		assert.deepEqual(actual, expected, where);
		assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${where}: key order`);
	}

	return expected;
}

/** `count` list bodies of a simulator on a manual clock, `stepMs` apart. */
export async function simulatorPolls(version: SimulatorVersion, count: number, options: {sessions: number; churnPerSecond: number; stepMs: number; seed?: number; query?: string}): Promise<Array<{bytes: Uint8Array; nowMs: number}>> {
	const simulator = await startSimulator({
		version, sessions: options.sessions, churnPerSecond: options.churnPerSecond, seed: options.seed ?? 5, manualClock: true,
	});
	try {
		const bodies: Array<{bytes: Uint8Array; nowMs: number}> = [];
		for (let poll = 0; poll < count; poll++) {
			simulator.advance(options.stepMs);
			const response = await fetch(`${simulator.url}/v1/sessions?${options.query ?? 'pretty=false'}`, {headers: {authorization}});
			bodies.push({bytes: new Uint8Array(await response.arrayBuffer()), nowMs: Date.UTC(2026, 11, 4, 12) + (poll * options.stepMs)});
		}

		return bodies;
	} finally {
		await simulator.close();
	}
}
