import {test, type TestContext} from 'node:test';
import {requestCostMs} from '../../source/simulator/index.js';
import {serialize} from '../../source/simulator/json-output.js';
import {orderedSessions, renderSession} from '../../source/simulator/render-session.js';
import {World} from '../../source/simulator/world.js';
import {request, withSimulator} from './support.js';

const list = (sessions: number, fieldCount = 0, pretty = false): number => requestCostMs({
	route: 'sessions', sessions, fieldCount, pretty,
});

test('the cost model follows the measured figures', (t: TestContext) => {
	t.assert.ok(Math.abs(list(10_000) - 1000) < 100, `≈0.1 ms per session (${list(10_000)})`);
	t.assert.ok(Math.abs((list(10_000) / list(1000)) - 10) < 1, 'linear in sessions');
	const ratio = list(10_000, 10) / list(10_000);
	t.assert.ok(ratio >= 1.4 && ratio <= 1.8, `10 fields cost 1.4–1.8× (${ratio})`);
	t.assert.ok(list(10_000, 0, true) > list(10_000), 'pretty costs more');
	const one = requestCostMs({
		route: 'session', sessions: 10_000, fieldCount: 0, pretty: false,
	});
	t.assert.ok(one >= 0.5);
	t.assert.ok(one <= 2);
	t.assert.ok(requestCostMs({
		route: 'maxscale', sessions: 10_000, fieldCount: 0, pretty: false,
	}) <= 2);
	const threads = (sessions: number): number => requestCostMs({
		route: 'threads', sessions, fieldCount: 0, pretty: false,
	});
	t.assert.ok(threads(14) < 1.5);
	t.assert.ok(threads(1014) > 2);
	t.assert.ok(threads(1014) < 3.5);
	t.assert.ok(threads(5014) > 4);
	t.assert.ok(threads(5014) < 5);
	const services = requestCostMs({
		route: 'services', sessions: 10_000, fieldCount: 0, pretty: false,
	});
	t.assert.ok(services > 50 && services < 75, `services ≈63 ms at 10k (${services})`);
});

test('with the cost model on, a slow list delays the next request (one admin thread)', async (t: TestContext) => {
	t.mock.timers.enable({apis: ['setTimeout']});
	const sim = await withSimulator(t, {sessions: 100, costModel: true, costScale: 100});
	const order: string[] = [];
	const slow = request(sim, '/v1/sessions?pretty=false').then(() => order.push('list'));
	const quick = request(sim, '/v1/maxscale').then(() => order.push('maxscale'));
	await new Promise<void>(resolve => {
		const check = (): void => {
			if (sim.requests.length === 2) {
				resolve();
			} else {
				setImmediate(check);
			}
		};

		check();
	});
	// List: (0.5 + 100 × 0.1) × 100 = 1050 ms; then /v1/maxscale: 1 × 100 = 100 ms.
	t.mock.timers.tick(1049);
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	t.assert.deepStrictEqual(order, []);
	t.mock.timers.tick(1);
	await slow;
	t.assert.deepStrictEqual(order, ['list']);
	for (let step = 0; step < 100 && order.length < 2; step++) {
		t.mock.timers.tick(1);
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	await quick;
	t.assert.deepStrictEqual(order, ['list', 'maxscale']);
});

test('50,000 sessions: the compact list holds each of them once, in one line', (t: TestContext) => {
	const world = new World({
		seed: 1, sessions: 50_000, churnPerSecond: 0, threads: 2, startMs: Date.UTC(2026, 0, 1),
	});
	const context = {
		version: '24.02' as const, root: 'http://127.0.0.1:8989/v1', nowMs: world.now, rdns: false,
	};
	const text = serialize({data: orderedSessions(world.sessions.values(), 2).map(session => renderSession(session, context))}, false);
	t.assert.ok(!text.includes('\n'));
	const {data} = JSON.parse(text) as {data: Array<{id: string}>};
	t.assert.strictEqual(data.length, 50_000);
	t.assert.strictEqual(new Set(data.map(session => session.id)).size, 50_000);
});
