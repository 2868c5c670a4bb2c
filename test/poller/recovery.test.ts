import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Call} from './fake-client.js';
import {gaps, setup, type Setup} from './harness.js';

const share = 0.1;

/**
Every list poll but the last is paid for before the next one starts: its duration is at most the
share of the time from its start to the next start.
*/
function assertEachPollPaidFor(calls: Call[]): void {
	for (const [index, call] of calls.slice(0, -1).entries()) {
		const durationMs = call.endMs! - call.startMs;
		const untilNextMs = calls[index + 1]!.startMs - call.startMs;
		assert.ok(durationMs <= (share * untilNextMs) + 1e-9, `poll ${index}: ${durationMs} ms busy in ${untilNextMs} ms`);
	}
}

/**
Fast answers for a while, then `slowMs`-long answers for `slowForMs`, then fast again for three minutes.
*/
async function slowPeriod(slowMs: number, slowForMs: number): Promise<Setup & {fast: Call[]; slowCalls: Call[]}> {
	const context = setup({requestedIntervalMs: 2000, maxServerShare: share});
	const {clock, poller, client} = context;
	client.delays.listSessions = 8;
	poller.start();
	await clock.advance(10_000);
	const before = client.count('listSessions');
	client.delays.listSessions = slowMs;
	await clock.advance(slowForMs);
	const slowCalls = client.callsOf('listSessions').slice(before);
	assert.ok(slowCalls.length > 0, 'a poll ran in the slow period');
	client.delays.listSessions = 8;
	await clock.advance(180_000);
	const fast = client.callsOf('listSessions').slice(before + slowCalls.length);
	return {...context, fast, slowCalls};
}

test('after 25 s of 5 s answers the 2 s pace is back within two fast polls, and every poll stayed within the share', async () => {
	const {fast, slowCalls, client, recorder, poller} = await slowPeriod(5000, 25_000);
	assert.ok(slowCalls.every(call => call.endMs! - call.startMs === 5000));
	// The last slow poll is paid for first: the first fast poll comes 50 s after its start.
	assert.equal(fast[0]!.startMs - slowCalls.at(-1)!.startMs, 50_000);
	const fastGaps = gaps(fast.map(call => call.startMs));
	assert.ok(fastGaps.length >= 30 && fastGaps.slice(1).every(gap => gap === 2000), `gaps after the slow period: ${fastGaps.join(',')}`);
	assertEachPollPaidFor(client.callsOf('listSessions'));

	const status = recorder.lastStatus('a')!;
	assert.equal(status.effectiveIntervalMs, 2000);
	assert.equal(status.intervalReason, undefined);
	assert.ok(recorder.statuses.every(each => (each.serverShare ?? 0) <= share + 1e-9), recorder.statuses.map(each => each.serverShare).join(','));
	poller.stop();
});

test('after one 9.8 s poll the 2 s pace is back within two fast polls', async () => {
	const {fast, slowCalls, client, poller} = await slowPeriod(9800, 2000);
	assert.equal(slowCalls.length, 1);
	assert.equal(slowCalls[0]!.endMs! - slowCalls[0]!.startMs, 9800);
	assert.equal(fast[0]!.startMs - slowCalls[0]!.startMs, 98_000);
	const fastGaps = gaps(fast.map(call => call.startMs));
	assert.ok(fastGaps.length >= 30 && fastGaps.slice(1).every(gap => gap === 2000), `gaps after the slow poll: ${fastGaps.join(',')}`);
	assertEachPollPaidFor(client.callsOf('listSessions'));
	poller.stop();
});
