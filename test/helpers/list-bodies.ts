import assert from 'node:assert/strict';
import {normalizeSessionList} from '../../source/model/normalize.js';
import type {Session} from '../../source/model/session.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {SimulatorVersion} from '../../source/simulator/types.js';

/** The host and time zone the list tests read bodies with. */
export const listHost = 'list:8989';
export const utc = {timezoneOffsetMinutes: 0};

const authorization = `Basic ${Buffer.from('admin:mariadb').toString('base64')}`;

export type ListBody = {bytes: Uint8Array; nowMs: number};

/** What the client's JSON.parse path makes of a body at `nowMs`, or undefined when it is not a list. */
export function slowPath(bytes: Uint8Array, nowMs: number): Session[] | undefined {
	let body: unknown;
	try {
		body = JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch {
		return undefined;
	}

	return Array.isArray((body as {data?: unknown} | undefined)?.data) ? normalizeSessionList(body, listHost, nowMs, {...utc, detail: false}) : undefined;
}

/** The fast path's sessions are JSON.parse's, values and key order. */
export function assertSameAsSlowPath(fast: Session[] | undefined, bytes: Uint8Array, nowMs: number, label: string): void {
	assert.ok(fast, `${label}: the fast path gave up`);
	const slow = slowPath(bytes, nowMs);
	assert.deepEqual(fast, slow, label);
	assert.equal(JSON.stringify(fast), JSON.stringify(slow), `${label}: key order`);
}

/** `count` list bodies of a simulator on a manual clock, `stepMs` apart. */
export async function simulatorPolls(version: SimulatorVersion, count: number, options: {sessions: number; churnPerSecond: number; stepMs: number; seed?: number}): Promise<ListBody[]> {
	const simulator = await startSimulator({
		version, sessions: options.sessions, churnPerSecond: options.churnPerSecond, seed: options.seed ?? 5, manualClock: true,
	});
	try {
		const bodies: ListBody[] = [];
		for (let poll = 0; poll < count; poll++) {
			simulator.advance(options.stepMs);
			const response = await fetch(`${simulator.url}/v1/sessions?pretty=false`, {headers: {authorization}});
			bodies.push({bytes: new Uint8Array(await response.arrayBuffer()), nowMs: Date.UTC(2026, 11, 4, 12) + (poll * options.stepMs)});
		}

		return bodies;
	} finally {
		await simulator.close();
	}
}
