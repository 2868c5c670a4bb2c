import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import type {Simulator} from '../../source/simulator/types.js';
import {
	keys,
	press,
	waitFor,
	waitForNoText,
	waitForText,
} from '../helpers/ink.js';
import {
	connection,
	hostKey,
	liveBoundMs,
	renderLive,
	startSimulators,
	type LiveApp,
} from './support.js';

function fleetOf(sims: readonly Simulator[]) {
	return sims.map(sim => ({host: hostKey(sim), connection: connection(sim.url)}));
}

function closeAll(t: TestContext, sims: readonly Simulator[], app: () => LiveApp | undefined): void {
	t.after(async () => {
		await app()?.close();
		await Promise.all(sims.map(async sim => sim.close()));
	});
}

function writes(sims: readonly Simulator[]): number {
	return sims.reduce((sum, sim) => {
		const counts = sim.countByMethod();
		return sum + (counts['PATCH'] ?? 0) + (counts['POST'] ?? 0) + (counts['DELETE'] ?? 0) + (counts['PUT'] ?? 0);
	}, 0);
}

test('three hosts polled at once: one hangs, one fails, the healthy one keeps updating; the header names each', async (t: TestContext) => {
	const sims = await startSimulators(3);
	const apps: LiveApp[] = [];
	closeAll(t, sims, () => apps[0]);
	const [healthy, hanging, failing] = sims as [Simulator, Simulator, Simulator];
	hanging.setFaults([{kind: 'hang'}]);
	const app = renderLive(fleetOf(sims), {size: {columns: 160, rows: 30}});
	apps.push(app);
	const failingIds = failing.sessions().map(session => session.id);
	await waitForText(app, '6 sessions', liveBoundMs);

	failing.setFaults([{kind: 'http-500'}]);
	const [added] = healthy.addSessions(1, {user: 'newcomer'});
	await waitForText(app, 'newcomer', liveBoundMs);
	await waitForText(app, `${hostKey(failing)} stale since`, liveBoundMs);
	await waitForText(app, `${hostKey(hanging)} down`, liveBoundMs);
	const screen = app.lastFrame() ?? '';
	assert.ok(screen.includes(added!.id));
	for (const id of failingIds) {
		assert.ok(screen.includes(` ${id} `), `the failing host's last sessions stay on screen (${id})`);
	}

	assert.match(screen, /HOST/v, 'a host column with more than one host');
	assert.ok(screen.split('\n').length <= 30);
});

test('read-only: no PATCH, POST or DELETE leaves the process whatever keys are pressed', async (t: TestContext) => {
	const sims = await startSimulators(2, {sessions: 4, users: [{name: 'admin', password: 'mariadb', account: 'admin'}, {name: 'ro', password: 'ropwd', account: 'basic'}]});
	let app: LiveApp | undefined;
	closeAll(t, sims, () => app);
	const [manual, basic] = sims as [Simulator, Simulator];
	// --read-only against one host, a basic account against the other (no --read-only).
	const everyKey = [
		'r', 'y', 'k', '0', keys.enter, 'y', 'R', 'restart', keys.enter, 'l', keys.space, keys.enter, 'L', '1', keys.enter, keys.escape,
		'f', keys.space, keys.enter, keys.escape, 'K', 'y', keys.space, 'K', '1', keys.enter, keys.enter, 'y', keys.enter, keys.escape,
		keys.down, 'k', '5', keys.enter, 'y', keys.enter, 'r', 'y', 'l', keys.down, keys.enter, 'L', keys.enter, keys.escape,
	];

	app = renderLive([{host: hostKey(manual), connection: connection(manual.url)}], {readOnly: true});
	await waitForText(app, '[RO]', liveBoundMs);
	await waitFor(() => /\s\d+\s+admin|\s\d+\s+\w+/v.test(app!.lastFrame() ?? ''), () => app!.lastFrame() ?? '', liveBoundMs);
	for (const key of everyKey) {
		await press(app, key);
	}

	// The keys end on a pane whose refusals left with it: one more on the table says it again.
	await press(app, 'k');
	await waitForText(app, 'read-only', liveBoundMs);
	await app.close();

	app = renderLive([{host: hostKey(basic), connection: connection(basic.url, {user: 'ro', password: 'ropwd'})}]);
	await waitForText(app, '[RO basic account]', liveBoundMs);
	for (const key of everyKey) {
		await press(app, key);
	}

	await press(app, 'W', 'W');
	await waitForText(app, 'the account is a basic (read-only) one', liveBoundMs);
	for (const key of ['write', keys.enter, ...everyKey]) {
		await press(app, key);
	}

	assert.equal(writes(sims), 0, JSON.stringify(sims.map(sim => sim.countByMethod())));
	assert.ok((manual.countByMethod()['GET'] ?? 0) > 0);
	await app.close();

	// The same keys in read-write mode do send writes: the sequence above would have been caught.
	app = renderLive([{host: hostKey(manual), connection: connection(manual.url)}]);
	await waitForText(app, 'sessions', liveBoundMs);
	await waitFor(() => !(app.lastFrame() ?? '').includes('connecting'), () => app.lastFrame() ?? '', liveBoundMs);
	for (const key of everyKey) {
		await press(app, key);
	}

	await waitFor(() => writes([manual]) > 0, () => app.lastFrame() ?? '', liveBoundMs);
});

test('f: the filter chain is sent as data.relationships.filters, re-read, and an empty chain removes all', async (t: TestContext) => {
	const sims = await startSimulators(1, {sessions: 1});
	const apps: LiveApp[] = [];
	closeAll(t, sims, () => apps[0]);
	const [sim] = sims as [Simulator];
	const [session] = sim.sessions();
	const app = renderLive(fleetOf(sims));
	apps.push(app);
	await waitForText(app, ` ${session!.id} `, liveBoundMs);

	await press(app, 'f');
	await waitForText(app, 'my-cache-filter', liveBoundMs);
	await waitForText(app, '(no filters)');
	// Add both, then move the cache filter first.
	await press(app, keys.space, keys.down, keys.space);
	await waitForText(app, '[2]');
	await press(app, '[');
	await waitForText(app, 'chain: my-cache-filter → my-log-filter');
	sim.clearRequests();
	await press(app, keys.enter);
	await waitForText(app, 'the server reports my-cache-filter → my-log-filter', liveBoundMs);
	const patches = sim.requests.filter(request => request.method === 'PATCH');
	assert.deepEqual(patches.map(request => [request.path, request.body]), [[`/v1/sessions/${session!.id}`, {
		data: {relationships: {filters: {data: [{id: 'my-cache-filter', type: 'filters'}, {id: 'my-log-filter', type: 'filters'}]}}},
	}]]);
	assert.deepEqual(sim.sessions()[0]!.filters, ['my-cache-filter', 'my-log-filter']);

	await press(app, 'x');
	await waitForText(app, '(no filters)');
	await press(app, keys.enter);
	await waitForText(app, 'the server reports no filters', liveBoundMs);
	assert.deepEqual(sim.requests.findLast(request => request.method === 'PATCH')?.body, {data: {relationships: {filters: {data: []}}}});
	assert.deepEqual(sim.sessions()[0]!.filters, []);
	// What the server reported belongs to the picker: closed, the table does not repeat it.
	await press(app, keys.escape);
	await waitForNoText(app, 'Filter chain of session');
	assert.doesNotMatch(app.lastFrame() ?? '', /the server reports/v);
});

const fleetBoundMs = 60_000;

test('50 simulators in one process: every host polled, a down and a failing one summed up and named', async (t: TestContext) => {
	const sims = await startSimulators(50, {sessions: 2});
	const apps: LiveApp[] = [];
	closeAll(t, sims, () => apps[0]);
	const app = renderLive(fleetOf(sims), {size: {columns: 120, rows: 30}, maxServerShare: 0.1});
	apps.push(app);
	// One round of 50 hosts, each paced at 1 s or ten times its poll, in one process: about 2 s
	// alone, much longer on busy cores. The bounds only stop a broken app.
	await waitForText(app, '50 hosts: 50 ok', fleetBoundMs);
	await waitForText(app, '100 sessions', fleetBoundMs);
	const dead = sims[7]!;
	const failing = sims[31]!;
	failing.setFaults([{kind: 'http-500'}]);
	dead.setFaults([{kind: 'down'}]);
	// The next poll of each shows it; asked for now, so no stretched interval is waited out.
	app.refreshNow();
	await waitForText(app, '50 hosts: 48 ok, 1 stale, 1 down', fleetBoundMs);
	const lines = (app.lastFrame() ?? '').split('\n');
	assert.ok(lines.some(line => line.includes(`${hostKey(dead)} down`)), 'the worst host is named first');
	assert.ok(lines.some(line => line.includes(`${hostKey(failing)} stale`)));
	assert.ok(lines.length <= 30 && lines.every(line => line.length <= 120));
});

test('a lease against a real server: the level is on, and quitting turns it off and says so', async (t: TestContext) => {
	const sims = await startSimulators(1, {sessions: 1});
	const apps: LiveApp[] = [];
	closeAll(t, sims, () => apps[0]);
	const [sim] = sims as [Simulator];
	const [session] = sim.sessions();
	const app = renderLive(fleetOf(sims));
	apps.push(app);
	await waitForText(app, ` ${session!.id} `, liveBoundMs);
	await press(app, 'l');
	await waitForText(app, '[ ] log_info', liveBoundMs);
	await press(app, 'L', '3', keys.enter);
	await waitForText(app, 'lease: log_info on until', liveBoundMs);
	assert.equal(sim.sessions()[0]!.logLevels['log_info'], true);
	await press(app, 'q');
	await waitFor(() => app.exits.length === 1, () => app.lastFrame() ?? '', liveBoundMs);
	assert.equal(sim.sessions()[0]!.logLevels['log_info'], false);
	assert.deepEqual(app.notes, [`maxtop: lease over: log_info turned off on session ${session!.id} (${hostKey(sim)})`]);
});

test('a wrong password is reported without ever showing it', async (t: TestContext) => {
	const sims = await startSimulators(1);
	const apps: LiveApp[] = [];
	closeAll(t, sims, () => apps[0]);
	const [sim] = sims as [Simulator];
	const app = renderLive([{host: hostKey(sim), connection: connection(sim.url, {password: 'Sw0rdf1sh-secret', useTokens: true})}]);
	apps.push(app);
	const screen = await waitForText(app, 'maxtop: ', liveBoundMs);
	assert.match(screen, /access denied|credentials|401/iv);
	assert.ok(!screen.includes('Sw0rdf1sh'));
	assert.ok(!screen.includes(Buffer.from('admin:Sw0rdf1sh-secret').toString('base64').slice(0, 12)));
});
