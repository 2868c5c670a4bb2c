import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createSessionListScanner, type SessionListScanner} from '../../source/api/fast-session-list.js';
import type {Session} from '../../source/model/session.js';
import {simulatorVersions, type SimulatorVersion} from '../../source/simulator/types.js';
import {corruptedCopies} from '../helpers/corrupt.js';
import {
	assertSameAsSlowPath as assertSame,
	listHost as host,
	simulatorPolls,
	slowPath,
	utc,
} from '../helpers/list-bodies.js';

/** A seeded generator of chunk sizes: the same cuts on every run. */
function chunker(seed: number, largest: number): (bytes: Uint8Array) => Uint8Array[] {
	let state = seed;
	return bytes => {
		const chunks: Uint8Array[] = [];
		for (let offset = 0; offset < bytes.length;) {
			state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
			const size = 1 + (state % largest);
			chunks.push(bytes.subarray(offset, offset + size));
			offset += size;
		}

		return chunks;
	};
}

function streamed(scanner: SessionListScanner, chunks: Uint8Array[], nowMs: number): Session[] | undefined {
	const stream = scanner.stream(host, nowMs);
	stream.begin();
	for (const chunk of chunks) {
		// The transport's chunks are its own: a copy, so no test passes by reading ahead in `bytes`.
		stream.write(Uint8Array.from(chunk));
	}

	return stream.end();
}

async function polls(version: SimulatorVersion, count: number, sessions: number) {
	return simulatorPolls(version, count, {
		sessions, churnPerSecond: 3, stepMs: 2000, seed: 9,
	});
}

test('a list read as it arrives, in chunks of any size, every version: exactly what JSON.parse gives, and replayed from poll to poll', async () => {
	for (const version of simulatorVersions) {
		const bodies = await polls(version, 6, 300);
		const scanner = createSessionListScanner(utc);
		// Chunks from one byte (every step cut everywhere) to larger than the window.
		const cut = chunker(7, 700_000);
		for (const [index, {bytes, nowMs}] of bodies.entries()) {
			const chunks = index === 1 ? [...bytes].map(byte => Uint8Array.of(byte)) : cut(bytes);
			const sessions = streamed(scanner, chunks, nowMs);
			assertSame(sessions, bytes, nowMs, `${version} poll ${index}`);
			if (index >= 2) {
				assert.ok(scanner.replayed() > sessions!.length * 0.8, `${version} poll ${index}: ${scanner.replayed()} of ${sessions!.length} replayed`);
			}
		}

		// A whole read after streamed ones, and a streamed one after it, replay each other.
		const last = bodies.at(-1)!;
		const count = slowPath(last.bytes, last.nowMs)!.length;
		assertSame(scanner.scan(last.bytes, host, last.nowMs), last.bytes, last.nowMs, `${version}: whole read after streamed`);
		assert.equal(scanner.replayed(), count);
		assertSame(streamed(scanner, cut(last.bytes), last.nowMs), last.bytes, last.nowMs, `${version}: streamed after whole`);
		assert.equal(scanner.replayed(), count);
	}
});

test('shapes only a whole read answers make the stream give up; a number or anything else cut at a chunk boundary is not misread', () => {
	const scanner = createSessionListScanner(utc);
	const session = '{"id":"1","type":"sessions","attributes":{"user":"a","idle":1.5}}';
	const encode = (text: string) => new TextEncoder().encode(text);
	const gaveUp = {
		'a second data': `{"data":[${session}],"data":[]}`,
		'data that is no list': '{"data":{}}',
		'no data': '{"links":{}}',
		'an array': `[${session}]`,
		'trailing bytes': `{"data":[${session}]} x`,
		'cut short': `{"data":[${session}`,
		'not JSON': `{"data":[${session},}]}`,
		'a duplicated member in a session': '{"data":[{"id":"1","id":"2","type":"sessions"}]}',
		empty: '',
	};
	for (const [label, text] of Object.entries(gaveUp)) {
		for (const size of [1, 3, 1000]) {
			assert.equal(streamed(scanner, chunker(size, size)(encode(text)), 0), undefined, `${label}, chunks of ${size}`);
		}
	}

	// The member after data is a number: cut after its first digit, it must not read as 1.
	const text = `{"data":[${session}],"meta":{"total":1},"n":12}`;
	const bytes = encode(text);
	const at = text.indexOf('12') + 1;
	assertSame(streamed(scanner, [bytes.subarray(0, at), bytes.subarray(at)], 0), bytes, 0, 'number cut');
	const elements = encode(` \n{"data":[12,${session},34]} `);
	for (let cutAt = 1; cutAt < elements.length; cutAt++) {
		assertSame(streamed(scanner, [elements.subarray(0, cutAt), elements.subarray(cutAt)], 0), elements, 0, `elements cut at ${cutAt}`);
	}
});

test('random corruption of a streamed list: the stream agrees with JSON.parse or gives up, never a third answer', async () => {
	const [learned, next] = await polls('24.02', 2, 6) as [{bytes: Uint8Array; nowMs: number}, {bytes: Uint8Array; nowMs: number}];
	const cut = chunker(11, 400);
	let answered = 0;
	let round = 0;
	for (const bytes of corruptedCopies(next.bytes, 1500, 777)) {
		round++;
		const scanner = createSessionListScanner(utc);
		streamed(scanner, cut(learned.bytes), learned.nowMs);
		const fast = streamed(scanner, cut(bytes), next.nowMs);
		if (fast === undefined) {
			continue;
		}

		answered++;
		assertSame(fast, bytes, next.nowMs, `round ${round}`);
	}

	assert.ok(answered > 100, `${answered} corrupted bodies were still lists the stream read`);
});

test('a stream that never began, or was abandoned, leaves the replay of the whole reads alone or forgets the body', async () => {
	const [first, second] = await polls('24.02', 2, 20) as [{bytes: Uint8Array; nowMs: number}, {bytes: Uint8Array; nowMs: number}];
	const scanner = createSessionListScanner(utc);
	scanner.scan(first.bytes, host, first.nowMs);
	// A small answer: the transport never began the stream.
	const unused = scanner.stream(host, first.nowMs);
	assert.equal(unused.end(), undefined);
	unused.abandon();
	assertSame(scanner.scan(first.bytes, host, first.nowMs), first.bytes, first.nowMs, 'whole read');
	assert.equal(scanner.replayed(), slowPath(first.bytes, first.nowMs)!.length);

	// Cut short mid-body: the next list is read in full.
	const cutShort = scanner.stream(host, second.nowMs);
	cutShort.begin();
	cutShort.write(second.bytes.subarray(0, second.bytes.length / 2));
	cutShort.abandon();
	assertSame(scanner.scan(second.bytes, host, second.nowMs), second.bytes, second.nowMs, 'after an abandoned stream');
	assert.equal(scanner.replayed(), 0);
});
