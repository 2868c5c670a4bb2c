import {once} from 'node:events';
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createClient} from '../../source/api/client.js';
import type {MaxScaleClient} from '../../source/api/types.js';
import {createPoller} from '../../source/poller/create-poller.js';
import type {CountersSnapshot, HostStatus, SessionsSnapshot} from '../../source/model/types.js';
import {startSimulator} from '../../source/simulator/index.js';
import {gaps} from './harness.js';

type Span = {startMs: number; endMs: number};

/**
The real client, with every list poll's span as MaxScale sees it: from the request to the last
byte of the answer (the client's own parsing afterwards costs MaxScale nothing, and on a loaded
machine it stretched the span past the limit).
*/
function timeLists(client: MaxScaleClient, spans: Span[], threadStarts: number[]): MaxScaleClient {
	return {
		...client,
		async listSessions(options) {
			const startMs = Date.now();
			const list = await client.listSessions(options);
			spans.push({startMs, endMs: startMs + list.durationMs});
			return list;
		},
		async getThreads(options) {
			threadStarts.push(Date.now());
			return client.getThreads(options);
		},
	};
}

test('against the simulator with its cost model: the interval stretches to keep the share ≤ 10%, counters stay every second', async t => {
	// 1,000 sessions at 3× cost: the list takes ~300 ms, so 500 ms requested becomes ~3 s.
	const simulator = await startSimulator({sessions: 1000, costModel: true, costScale: 3});
	const spans: Span[] = [];
	const threadStarts: number[] = [];
	const client = timeLists(createClient({
		baseUrl: simulator.url, user: 'admin', password: 'mariadb', timeoutMs: 5000,
	}, {host: 'sim'}), spans, threadStarts);
	const sessions: SessionsSnapshot[] = [];
	const counters: CountersSnapshot[] = [];
	const statuses: HostStatus[] = [];
	const events = new EventTarget();
	const poller = createPoller({
		hosts: [{host: 'sim', client}],
		requestedIntervalMs: 500,
		maxServerShare: 0.1,
		listener: {
			sessions(snapshot) {
				sessions.push(snapshot);
				if (sessions.length === 2) {
					events.dispatchEvent(new Event('second-list'));
				}
			},
			counters(snapshot) {
				counters.push(snapshot);
			},
			status(status) {
				statuses.push(status);
			},
		},
	});
	// The second list comes ten first polls after the first (3 s here, 10 s on busy cores): the
	// bound only keeps a broken poller from hanging the run.
	const secondList = once(events, 'second-list', {signal: AbortSignal.timeout(60_000)});
	try {
		poller.start();
		await secondList;
	} finally {
		poller.stop();
		await simulator.close();
	}

	assert.equal(sessions[0]?.sessions.length, 1000);
	const status = statuses.findLast(each => each.state === 'ok')!;
	assert.ok(status.lastListDurationMs! >= 250, `list poll ${status.lastListDurationMs} ms`);
	// The interval follows the polls as they were measured: at least ten times the list poll, and
	// no longer than ten times the slowest one (on busy cores the polls, and so the interval, grow:
	// 6.4 s was seen beside other CPU-bound work).
	const spanMs = ({startMs, endMs}: Span) => endMs - startMs;
	const slowestMs = Math.max(...spans.map(span => spanMs(span)));
	assert.ok(status.effectiveIntervalMs >= Math.max(2500, status.lastListDurationMs! * 10), `effective ${status.effectiveIntervalMs} ms after a ${status.lastListDurationMs} ms poll`);
	assert.ok(status.effectiveIntervalMs <= Math.ceil(slowestMs * 10), `effective ${status.effectiveIntervalMs} ms, slowest poll ${slowestMs} ms`);
	assert.match(status.intervalReason ?? '', /keeping MaxScale's share ≤ 10%/v);

	// A late timer only lowers the share, so this holds however busy the machine is.
	const [first, second] = spans;
	const share = spanMs(first!) / (second!.startMs - first!.startMs);
	assert.ok(share <= 0.12, `share ${share}`);

	assert.ok(counters.filter(snapshot => snapshot.threads).length >= 3, 'thread snapshots');
	// The counters are asked for every second from the start of the previous ask, which waits for
	// its answer; MaxScale answers one request at a time, so an answer can wait behind at most one
	// list poll. Never faster than the pace, never starved by the slow list. The slack is for a
	// busy machine: timers late, or early by as long as the loop's cached time is stale.
	const threadGaps = gaps(threadStarts);
	assert.ok(threadGaps.length >= 2, `${threadGaps.length} gaps`);
	assert.ok(threadGaps.every(gap => gap >= 900), threadGaps.join(','));
	assert.ok(threadGaps.every(gap => gap <= 1000 + slowestMs + 500), `${threadGaps.join(',')} with polls up to ${slowestMs} ms`);
	t.diagnostic(`effective ${status.effectiveIntervalMs} ms, list polls ${spans.map(span => spanMs(span)).join(', ')} ms, counters every ${threadGaps.join(', ')} ms`);
	assert.ok(counters.some(snapshot => snapshot.services?.length), 'services counters arrived');
});
