import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {sanitize} from '../../source/model/sanitize.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {dashboardQueries} from './dashboard.js';
import {prometheusTool} from './prometheus-tools.js';
import {startMetrics, waitFor} from './run-metrics.js';

const churnPerSecond = 5;
const windowSeconds = 20;
const hostile = 'evil\u{1B}]52;c;ZWNobw==\u{7}"quoted"\n';

async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as {port: number};
	server.close();
	return port;
}

type Vector = Array<{metric: Record<string, string>; value: [number, string]}>;

const newestId = (simulator: Simulator) => Math.max(...simulator.sessions().map(session => Number(session.id)));

/**
Real Prometheus (Debian's 2.42) scraping `maxtop metrics` every second, checked against the
simulator's own ground truth: sessions by user, the open rate over a window, and a MaxScale
restart read by `rate()` as a counter reset, not as a burst. Every query of the Grafana dashboard
runs against it too.
*/
test('Prometheus scrapes maxtop metrics: users, open rate and a MaxScale restart match the simulator', {timeout: 180_000}, async t => {
	const prometheus = prometheusTool('prometheus');
	let simulator = await startSimulator({sessions: 200, churnPerSecond, seed: 11});
	simulator.addSessions(3, {user: hostile});
	const host = `127.0.0.1:${simulator.port}`;
	t.after(async () => simulator.close());
	const metrics = await startMetrics(['-h', host, '--interval', '1']);
	t.after(async () => metrics.stop());

	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-prometheus-'));
	t.after(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	writeFileSync(path.join(directory, 'prometheus.yml'), [
		'global:',
		'  scrape_interval: 1s',
		'  evaluation_interval: 1s',
		'scrape_configs:',
		'  - job_name: maxtop',
		'    static_configs:',
		`      - targets: ['${new URL(metrics.url).host}']`,
		'',
	].join('\n'));
	const apiPort = await freePort();
	const child = spawn(prometheus, [
		`--config.file=${path.join(directory, 'prometheus.yml')}`,
		`--storage.tsdb.path=${path.join(directory, 'data')}`,
		`--web.listen-address=127.0.0.1:${apiPort}`,
	], {stdio: ['ignore', 'ignore', 'pipe']});
	let log = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk: string) => {
		log = (log + chunk).slice(-4000);
	});
	const exited = once(child, 'exit');
	t.after(async () => {
		child.kill('SIGTERM');
		await exited;
	});

	const api = `http://127.0.0.1:${apiPort}`;
	const query = async (promql: string): Promise<Vector> => {
		const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
		const body = await response.json() as {status: string; data: {result: Vector}; error?: string};
		assert.equal(body.status, 'success', `${promql}: ${body.error ?? ''}`);
		return body.data.result;
	};

	const scalar = async (promql: string) => Number((await query(promql))[0]?.value[1] ?? NaN);
	await waitFor('Prometheus ready', async () => {
		try {
			return (await fetch(`${api}/-/ready`)).ok ? true : undefined;
		} catch {
			return child.exitCode === null ? undefined : assert.fail(`prometheus exited: ${log}`);
		}
	}, 30_000);
	await waitFor('maxscale_up in Prometheus', async () => await scalar(`maxscale_up{host="${host}"}`) === 1 ? true : undefined, 30_000);

	// Sessions by user, against the simulator's own list at the same moment (churn moves a few).
	const firstId = newestId(simulator);
	const firstMs = Date.now();
	const byUser = await query(`maxscale_user_sessions{host="${host}"}`);
	const truth = new Map<string, number>();
	for (const session of simulator.sessions()) {
		const user = sanitize(session.user ?? '(none)');
		truth.set(user, (truth.get(user) ?? 0) + 1);
	}

	assert.deepEqual(new Set(byUser.map(sample => sample.metric['user'])), new Set(truth.keys()));
	for (const sample of byUser) {
		const expected = truth.get(sample.metric['user']!)!;
		assert.ok(Math.abs(Number(sample.value[1]) - expected) <= 3 + (expected * 0.1), `${sample.metric['user']}: ${sample.value[1]} in Prometheus, ${expected} in the simulator`);
	}

	// Escapes and quotes arrive as visible, inert text.
	assert.ok(byUser.some(sample => sample.metric['user'] === String.raw`evil\x1b]52;c;ZWNobw==\x07"quoted"\n`));

	// The open rate over a window, against the simulator's session ids (one per session opened).
	await new Promise(resolve => {
		setTimeout(resolve, windowSeconds * 1000);
	});
	const openedInWindow = (newestId(simulator) - firstId) / ((Date.now() - firstMs) / 1000);
	const rate = await scalar(`rate(maxscale_sessions_opened_total{host="${host}"}[${windowSeconds}s])`);
	t.diagnostic(`opened: rate() ${rate.toFixed(2)}/s, simulator ${openedInWindow.toFixed(2)}/s`);
	assert.ok(Math.abs(rate - openedInWindow) <= openedInWindow * 0.3, `rate() ${rate}/s in Prometheus, ${openedInWindow}/s in the simulator`);

	// Every query of the Grafana dashboard is valid PromQL and finds data.
	for (const promql of dashboardQueries(undefined, `${windowSeconds}s`)) {
		assert.ok((await query(promql)).length > 0, promql);
	}

	// MaxScale restarts: its counters start again from a handful of sessions.
	const port = simulator.port;
	await simulator.close();
	simulator = await startSimulator({
		port, sessions: 10, churnPerSecond, seed: 12,
	});
	const restartMs = Date.now();
	await waitFor('the restarted MaxScale in Prometheus', async () => await scalar(`maxscale_sessions_opened_total{host="${host}"}`) < 200 ? true : undefined, 30_000);
	await waitFor('a window past the restart', async () => Date.now() - restartMs > 12_000 ? true : undefined, 30_000);
	assert.equal(await scalar(`resets(maxscale_sessions_opened_total{host="${host}"}[1m])`), 1);
	const acrossRestart = await scalar(`rate(maxscale_sessions_opened_total{host="${host}"}[${windowSeconds}s])`);
	t.diagnostic(`opened across the restart: rate() ${acrossRestart.toFixed(2)}/s`);
	assert.ok(acrossRestart > 0 && acrossRestart < churnPerSecond * 3, `rate() across the restart: ${acrossRestart}/s`);
	assert.ok(await scalar(`increase(maxscale_sessions_closed_total{host="${host}"}[${windowSeconds}s])`) >= 0);
});
