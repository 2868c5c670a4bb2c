import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createSessionListScanner} from '../../source/api/fast-session-list.js';
import {type SimulatorVersion, simulatorVersions} from '../../source/simulator/types.js';
import {corruptedCopies} from '../helpers/corrupt.js';
import {
	assertSameAsSlowPath as assertSame,
	listHost as host,
	simulatorPolls as polls,
	utc,
} from '../helpers/list-bodies.js';

function ownScanner() {
	return createSessionListScanner(utc);
}

async function onePoll(version: SimulatorVersion, sessions: number): Promise<{bytes: Uint8Array; nowMs: number}> {
	const [poll] = await polls(version, 1, {sessions, churnPerSecond: 0, stepMs: 1000});
	assert.ok(poll);
	return poll;
}

test('successive polls of a churning simulator, every version: a replaying scanner gives exactly what JSON.parse gives, and replays most sessions', async () => {
	for (const version of simulatorVersions) {
		const bodies = await polls(version, 8, {sessions: 400, churnPerSecond: 3, stepMs: 2000});
		const scanner = ownScanner();
		for (const [index, {bytes, nowMs}] of bodies.entries()) {
			const sessions = scanner.scan(bytes, host, nowMs);
			assertSame(sessions, bytes, nowMs, `${version} poll ${index}`);
			if (index === 0) {
				assert.equal(scanner.replayed(), 0, `${version}: nothing to replay from yet`);
			} else if (index >= 2) {
				// Sessions that opened, changed a string (state, last queries) or follow a closed
				// one are read in full; the rest are replayed.
				assert.ok(scanner.replayed() > sessions!.length * 0.8, `${version} poll ${index}: ${scanner.replayed()} of ${sessions!.length} replayed`);
			}
		}
	}
});

test('the same list twice: the second scan hands back the same session objects', async () => {
	const {bytes, nowMs} = await onePoll('24.02', 50);
	const scanner = ownScanner();
	const first = scanner.scan(bytes, host, nowMs)!;
	const second = scanner.scan(bytes, host, nowMs)!;
	assert.equal(scanner.replayed(), 50);
	assert.ok(second.every((session, index) => session === first[index]));
});

test('a session whose age comes from the clock (no seconds_alive) ages on replay', async () => {
	const {bytes} = await onePoll('22.08', 20);
	const scanner = ownScanner();
	// After every simulated connection: an age from the clock is never below zero.
	const nowMs = Date.now() + 3_600_000;
	const first = scanner.scan(bytes, host, nowMs)!;
	const later = scanner.scan(bytes, host, nowMs + 5000)!;
	assert.equal(scanner.replayed(), 20);
	assert.ok(first[0]!.ageSeconds! > 3600);
	assert.equal(later[0]!.ageSeconds, first[0]!.ageSeconds! + 5);
	assertSame(later, bytes, nowMs + 5000, 'five seconds later');
});

test('sessions in another order, removed or added: read in full where needed, never mixed up', async () => {
	const {bytes, nowMs} = await onePoll('24.02', 30);
	const body = JSON.parse(Buffer.from(bytes).toString('utf8')) as {data: unknown[]};
	const scanner = ownScanner();
	scanner.scan(bytes, host, nowMs);
	const variants = {
		reversed: body.data.toReversed(),
		'first removed': body.data.slice(1),
		'every third removed': body.data.filter((_, index) => index % 3 !== 0),
		'one duplicated': [...body.data.slice(0, 5), body.data[4], ...body.data.slice(5)],
		'two swapped': [body.data[1], body.data[0], ...body.data.slice(2)],
		rotated: [...body.data.slice(10), ...body.data.slice(0, 10)],
	};
	for (const [label, data] of Object.entries(variants)) {
		const changed = new TextEncoder().encode(JSON.stringify({...body, data}));
		assertSame(scanner.scan(changed, host, nowMs), changed, nowMs, label);
		if (label === 'first removed') {
			// The first is read in full (the removed one was expected there); the rest follow it.
			assert.equal(scanner.replayed(), 28);
		} else if (label === 'rotated') {
			// Three read in full, not found near the expected place, then the place is looked up by
			// id: twice, once at the start and once where the list wraps.
			assert.equal(scanner.replayed(), 24);
		}

		// And back: the scanner learned the variant.
		assertSame(scanner.scan(bytes, host, nowMs), bytes, nowMs, `${label}, then the original`);
	}
});

test('random corruption of a list after a clean one never makes the replay disagree with JSON.parse', async () => {
	const bodies = await polls('24.02', 2, {sessions: 6, churnPerSecond: 0, stepMs: 3000});
	const [learned, next] = bodies as [{bytes: Uint8Array; nowMs: number}, {bytes: Uint8Array; nowMs: number}];
	let answered = 0;
	let replayed = 0;
	let round = 0;
	for (const bytes of corruptedCopies(next.bytes, 2000, 4242)) {
		round++;

		const scanner = ownScanner();
		scanner.scan(learned.bytes, host, learned.nowMs);
		const fast = scanner.scan(bytes, host, next.nowMs);
		if (fast === undefined) {
			continue;
		}

		answered++;
		replayed += scanner.replayed();
		assertSame(fast, bytes, next.nowMs, `round ${round}`);
	}

	assert.ok(answered > 100, `${answered} corrupted bodies were still lists the fast path read`);
	assert.ok(replayed > answered, `${replayed} sessions replayed in ${answered} answered bodies`);
});

test('the replay keeps no copy of the body: the next body may be read into the same buffer', async () => {
	const [first, second] = await polls('24.02', 2, {sessions: 40, churnPerSecond: 0, stepMs: 3000}) as [{bytes: Uint8Array; nowMs: number}, {bytes: Uint8Array; nowMs: number}];
	// As the list transport does: one buffer, overwritten by each answer.
	const buffer = new Uint8Array(Math.max(first.bytes.length, second.bytes.length));
	buffer.set(first.bytes);
	const scanner = ownScanner();
	scanner.scan(buffer.subarray(0, first.bytes.length), host, first.nowMs);
	buffer.fill(0x20);
	buffer.set(second.bytes);
	const view = buffer.subarray(0, second.bytes.length);
	assertSame(scanner.scan(view, host, second.nowMs), view, second.nowMs, 'second body in the same buffer');
	assert.equal(scanner.replayed(), 40);
});

test('a string changed to another of the same length, or a number that had been still, is read in full', async () => {
	const {bytes, nowMs} = await onePoll('24.02', 20);
	const text = Buffer.from(bytes).toString('utf8');
	const scanner = ownScanner();
	scanner.scan(bytes, host, nowMs);
	// One session of the 20 changes where no number is: its state, to text of the same length.
	const states = [...text.matchAll(/"state":"([^"]*)"/g)];
	assert.strictEqual(states.length, 20);
	const changedState = states[7]!;
	const renamed = `${text.slice(0, changedState.index)}"state":"${'X'.repeat(changedState[1]!.length)}"${text.slice(changedState.index + changedState[0].length)}`;
	const renamedBytes = new TextEncoder().encode(renamed);
	const sessions = scanner.scan(renamedBytes, host, nowMs);
	assertSame(sessions, renamedBytes, nowMs, 'state renamed');
	assert.equal(sessions![7]!.state, 'X'.repeat(changedState[1]!.length));
	assert.equal(scanner.replayed(), 19);

	// The port did not move from the first scan to the second: it is no longer a hole but part of
	// the hashed bytes. Moved now (to a number as long), it is noticed.
	scanner.scan(bytes, host, nowMs);
	scanner.scan(bytes, host, nowMs);
	const ports = [...text.matchAll(/"port":(\d+)/g)];
	const moved = ports[3]!;
	const port = Number(moved[1]) === 10_000 ? 10_001 : Number(moved[1]) - 1;
	assert.equal(String(port).length, moved[1]!.length);
	const movedBytes = new TextEncoder().encode(`${text.slice(0, moved.index)}"port":${port}${text.slice(moved.index + moved[0].length)}`);
	const afterMove = scanner.scan(movedBytes, host, nowMs);
	assertSame(afterMove, movedBytes, nowMs, 'port moved');
	assert.equal(afterMove![3]!.port, port);
	assert.equal(scanner.replayed(), 19);
});

test('an idle past the age is shown as the age, replayed as read in full while either moves', async () => {
	const {bytes, nowMs} = await onePoll('24.02', 6);
	const text = Buffer.from(bytes).toString('utf8');
	// Every session idle since it connected, MaxScale's idle a little past its rounded seconds_alive.
	const withIdle = (idle: string, alive: string) => new TextEncoder().encode(text
		.replaceAll(/"idle":[\d+\-.e]+/gv, () => `"idle":${idle}`)
		.replaceAll(/"seconds_alive":[\d+\-.e]+/gv, () => `"seconds_alive":${alive}`));
	const scanner = ownScanner();
	const steps: Array<[string, string]> = [['162.765', '162.7'], ['162.765', '162.8'], ['162.765', '162.9'], ['164.765', '164.7'], ['164.765', '164.7'], ['1.5', '164.9']];
	for (const [idle, alive] of steps) {
		const body = withIdle(idle, alive);
		const sessions = scanner.scan(body, host, nowMs)!;
		assertSame(sessions, body, nowMs, `idle ${idle} age ${alive}`);
		assert.ok(sessions.every(session => session.idleSeconds === Math.min(Number(idle), Number(alive))), `idle ${idle} age ${alive}`);
	}

	assert.ok(scanner.replayed() > 0);
});
