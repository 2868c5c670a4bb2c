import {test, type TestContext} from 'node:test';
import {World} from '../../source/simulator/world.js';
import {request, withSimulator} from './support.js';

const makeWorld = (seed: number, sessions = 50, churnPerSecond = 20): World =>
	new World({
		seed, sessions, churnPerSecond, threads: 2, startMs: Date.UTC(2026, 0, 1),
	});

const snapshot = (world: World): string => JSON.stringify([...world.sessions.values()]);

test('same seed, same sessions and the same churn; another seed differs', (t: TestContext) => {
	const a = makeWorld(7);
	const b = makeWorld(7);
	t.assert.strictEqual(snapshot(a), snapshot(b));
	a.advance(5000);
	b.advance(5000);
	t.assert.strictEqual(snapshot(a), snapshot(b));
	t.assert.notStrictEqual(snapshot(makeWorld(8)), snapshot(makeWorld(7)));
});

test('generated sessions look like a real fleet: users, subnets, apps, memory, idle, busy, workers', (t: TestContext) => {
	const world = makeWorld(3, 400, 0);
	const sessions = [...world.sessions.values()].filter(session => session.user);
	t.assert.ok(new Set(sessions.map(session => session.user)).size >= 5);
	t.assert.ok(sessions.every(session => /^(?:10\.0\.\d+|192\.0\.2)\.\d+$/.test(session.remote)));
	t.assert.ok(new Set(sessions.map(session => session.connectionAttributes?.['_client_name'])).size >= 4);
	// Applications name themselves in program_name (the mariadb CLI: mysql); some send only their connector.
	const programs = new Set(sessions.map(session => session.connectionAttributes?.['program_name']));
	for (const program of ['mysql', 'web-frontend', 'batch-loader', 'report-cron', undefined]) {
		t.assert.ok(programs.has(program), String(program));
	}

	t.assert.ok(sessions.every(session => session.connectionAttributes?.['_client_name'] !== undefined));
	t.assert.ok(sessions.every(session => session.memoryBytes >= 10_000));
	t.assert.ok(sessions.some(session => session.memoryBytes > 1_000_000), 'a few memory hogs');
	t.assert.ok(sessions.some(session => session.busy), 'some sessions are inside a query');
	t.assert.ok(sessions.some(session => world.now - session.lastActivityMs > 3_600_000), 'some idle for hours');
	t.assert.ok(sessions.some(session => world.now - session.lastActivityMs < 60_000));
	t.assert.deepStrictEqual(new Set(sessions.map(session => session.thread)), new Set([0, 1]));
	t.assert.deepStrictEqual(new Set(sessions.map(session => session.service)), new Set(['RW-Split-Router', 'Read-Connection-Router']));
});

test('churn keeps the fleet bounded and comes mostly from one storming host and app', (t: TestContext) => {
	const world = makeWorld(11, 200, 50);
	let opened = 0;
	const seen = new Set(world.sessions.keys());
	let storm = 0;
	for (let second = 0; second < 600; second++) {
		world.advance(1000);
		for (const session of world.sessions.values()) {
			if (seen.has(session.id)) {
				continue;
			}

			seen.add(session.id);
			opened++;
			if (session.remote.startsWith('10.0.9.') && session.user === 'batch' && session.connectionAttributes?.['program_name'] === 'batch-loader') {
				storm++;
			}
		}

		t.assert.ok(world.sessions.size < 400, `fleet stays bounded (${world.sessions.size} at ${second} s)`);
	}

	let total = 0;
	for (const counters of world.services.values()) {
		total += counters.totalConnections;
	}

	t.assert.ok(total >= 200 + (600 * 50 * 0.95), `about 50 opens a second were counted (${total})`);
	t.assert.ok(opened < total - 200, 'many sessions lived and died between two looks');
	t.assert.ok(storm / opened > 0.5, `most visible churn is the storm (${storm}/${opened})`);
});

test('total_connections counts sessions too brief for any poll to see', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 10, churnPerSecond: 40});
	const total = async (): Promise<number> => {
		const {data} = (await request(sim, '/v1/services?fields[services]=statistics/total_connections')).json<{data: Array<{attributes: {statistics: {total_connections: number}}}>}>();
		return data.reduce((sum, service) => sum + service.attributes.statistics.total_connections, 0);
	};

	const before = await total();
	const seen = new Set(sim.sessions().map(session => session.id));
	let newlySeen = 0;
	for (let poll = 0; poll < 10; poll++) {
		sim.advance(1000);
		const {data} = (await request(sim, '/v1/sessions?pretty=false&fields[sessions]=state')).json<{data: Array<{id: string}>}>();
		for (const session of data) {
			if (seen.has(session.id)) {
				continue;
			}

			seen.add(session.id);
			newlySeen++;
		}
	}

	const opened = (await total()) - before;
	t.assert.ok(opened >= 380 && opened <= 420, `≈40 a second were counted (${opened})`);
	t.assert.ok(opened - newlySeen > 100, `the invisible churn is large (${opened} opened, ${newlySeen} seen)`);
	const threads = (await request(sim, '/v1/maxscale/threads')).json<{data: Array<{attributes: {stats: {sessions: number}}}>}>().data;
	const listed = threads.reduce((sum, thread) => sum + thread.attributes.stats.sessions, 0);
	t.assert.strictEqual(listed, sim.sessions().length);
});

test('a wall-clock simulator advances by itself and its timer does not keep the process alive', async (t: TestContext) => {
	t.mock.timers.enable({apis: ['Date'], now: 5_000_000});
	const sim = await withSimulator(t, {sessions: 2, manualClock: false, startMs: 1_000_000});
	t.mock.timers.tick(7000);
	await request(sim, '/v1/maxscale');
	t.assert.strictEqual(sim.now(), 1_007_000);
});
