import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {hashSync} from 'bcryptjs';
import {Agent, fetch} from 'undici';
import {sanitize} from '../../source/model/sanitize.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {cleanEnvironment, cliPath, ensureCliBuilt} from '../helpers/cli-run.js';
import {prometheusTool} from './prometheus-tools.js';
import {
	parseSamples,
	startMetrics,
	waitFor,
	type MetricsProcess,
} from './run-metrics.js';

const hostile = 'evil\u{1B}]52;c;ZWNobw==\u{7}\u{1B}[2J"quoted"\\\n';
let simulator: Simulator;
let metrics: MetricsProcess;
let host: string;

const escapeLabel = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', String.raw`\"`).replaceAll('\n', String.raw`\n`);

async function scrape(headers: Record<string, string> = {}): Promise<{status: number; type: string; body: string}> {
	const response = await fetch(`${metrics.url}/metrics`, {headers});
	return {status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text()};
}

before(async () => {
	simulator = await startSimulator({sessions: 300, churnPerSecond: 0, seed: 7});
	simulator.addSessions(4, {user: hostile});
	host = `127.0.0.1:${simulator.port}`;
	// One list poll, then none for an hour: every scrape below must be served from what it holds.
	metrics = await startMetrics(['-h', host, '--interval', '3600', '--metrics-top', '50']);
});

after(async () => {
	await metrics.stop();
	await simulator.close();
});

test('sessions by user match the simulator\'s, hostile names arrive escaped and inert, and MaxScale only ever gets GETs', async () => {
	const body = await waitFor('the first list', async () => {
		const {body} = await scrape();
		return body.includes('maxscale_user_sessions{') ? body : undefined;
	});
	const samples = parseSamples(body);
	const expected = new Map<string, number>();
	for (const session of simulator.sessions()) {
		const user = sanitize(session.user ?? '(none)');
		expected.set(user, (expected.get(user) ?? 0) + 1);
	}

	for (const [user, count] of expected) {
		assert.equal(samples.get(`maxscale_user_sessions{host="${host}",user="${escapeLabel(user)}"}`), count, user);
	}

	assert.equal(samples.get(`maxscale_user_sessions{host="${host}",user="${escapeLabel(sanitize(hostile))}"}`), 4);
	assert.ok(body.includes(String.raw`user="evil\\x1b]52;c;ZWNobw==\\x07\\x1b[2J\"quoted\"\\\\n"`));
	assert.doesNotMatch(body, /[\u{0}-\u{8}\u{B}-\u{1F}\u{7F}-\u{9F}]/v);
	assert.deepEqual(Object.keys(simulator.countByMethod()), ['GET']);
});

test('a scrape never polls the session list: it answers from what the last poll left', async () => {
	const lists = () => simulator.requests.filter(request => request.path === '/v1/sessions').length;
	const listedBefore = lists();
	for (let index = 0; index < 20; index++) {
		assert.equal((await scrape()).status, 200);
	}

	assert.equal(lists(), listedBefore);
});

test('promtool check metrics passes on the text format; OpenMetrics comes when the scraper asks for it', async () => {
	const text = await scrape();
	assert.match(text.type, /^text\/plain; version=0\.0\.4/v);
	const checked = spawnSync(prometheusTool('promtool'), ['check', 'metrics'], {input: text.body, encoding: 'utf8'});
	assert.equal(checked.status, 0, checked.stdout + checked.stderr);
	assert.match(text.body, /^maxscale_sessions_opened_total\{host="[^"]+"\} \d+$/mv);
	assert.match(text.body, /^process_resident_memory_bytes \d+$/mv);

	const open = await scrape({accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5'});
	assert.match(open.type, /^application\/openmetrics-text; version=1\.0\.0/v);
	assert.match(open.body, /^# TYPE maxscale_sessions_opened counter$/mv);
	assert.match(open.body, /^maxscale_sessions_opened_total\{host="[^"]+"\} \d+$/mv);
	assert.ok(open.body.endsWith('# EOF\n'));
	// The text format's names are untouched by an OpenMetrics scrape (prom-client renames in place).
	assert.match((await scrape()).body, /^# TYPE maxscale_sessions_opened_total counter$/mv);
});

test('several MaxScales are one host label each; one that is down serves only maxscale_up 0 and leaves the other whole', async t => {
	const second = await startSimulator({
		sessions: 5, churnPerSecond: 0, seed: 8, version: '22.08',
	});
	const secondHost = `127.0.0.1:${second.port}`;
	const fleet = await startMetrics(['-h', `${host},${secondHost}`, '--interval', '1']);
	t.after(async () => fleet.stop());
	const read = async () => parseSamples(await (await fetch(`${fleet.url}/metrics`)).text());
	const both = await waitFor('both hosts listed', async () => {
		const samples = await read();
		return samples.get(`maxscale_up{host="${host}"}`) === 1 && samples.get(`maxscale_up{host="${secondHost}"}`) === 1 ? samples : undefined;
	});
	assert.equal(both.get(`maxscale_info{host="${secondHost}",version="22.08.14"}`), 1);
	assert.equal(both.get(`maxscale_session_age_seconds_count{host="${secondHost}"}`), 5);
	await second.close();
	const down = await waitFor('the second host down', async () => {
		const samples = await read();
		return samples.get(`maxscale_up{host="${secondHost}"}`) === 0 ? samples : undefined;
	});
	assert.deepEqual([...down.keys()].filter(series => series.includes(secondHost)).toSorted(), [`maxscale_info{host="${secondHost}",version="22.08.14"}`, `maxscale_up{host="${secondHost}"}`]);
	assert.equal(down.get(`maxscale_up{host="${host}"}`), 1);
	assert.ok(down.get(`maxscale_session_age_seconds_count{host="${host}"}`)! > 300);
});

test('a landing page at /, 404 elsewhere, 405 for anything but GET and HEAD', async () => {
	const page = await fetch(metrics.url);
	assert.equal(page.status, 200);
	assert.match(await page.text(), /href="\/metrics"/v);
	assert.equal((await fetch(`${metrics.url}/nope`)).status, 404);
	assert.equal((await fetch(`${metrics.url}/metrics`, {method: 'POST'})).status, 405);
});

test('--web.config.file: TLS and bcrypt basic auth as node_exporter reads them; bad files and addresses are one clear line', async t => {
	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-web-config-'));
	t.after(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {cwd: directory, stdio: 'ignore'});
	const config = path.join(directory, 'web.yml');
	writeFileSync(config, `tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  prometheus: ${hashSync('s3cret', 4)}\n`);
	const secured = await startMetrics(['-h', host, '--interval', '3600', '--web.config.file', config]);
	t.after(async () => secured.stop());
	assert.match(secured.url, /^https:/v);
	const dispatcher = new Agent({connect: {ca: execFileSync('cat', [path.join(directory, 'cert.pem')], {encoding: 'utf8'})}});
	const get = async (authorization?: string) => fetch(`${secured.url}/metrics`, {dispatcher, headers: authorization ? {authorization} : {}});
	assert.equal((await get()).status, 401);
	assert.equal((await get(`Basic ${Buffer.from('prometheus:wrong').toString('base64')}`)).status, 401);
	assert.equal((await get(`Basic ${Buffer.from('nobody:s3cret').toString('base64')}`)).status, 401);
	const good = await get(`Basic ${Buffer.from('prometheus:s3cret').toString('base64')}`);
	assert.equal(good.status, 200);
	assert.match(await good.text(), /maxscale_up/v);

	ensureCliBuilt();
	const {env} = cleanEnvironment('maxtop-metrics-');
	const refused = (arguments_: string[]) => spawnSync(process.execPath, [cliPath, 'metrics', ...arguments_], {env, encoding: 'utf8', timeout: 20_000});
	writeFileSync(config, 'tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nhttp_server_config:\n  http2: false\n');
	for (const [arguments_, message] of [
		[['--web.config.file', config], /^maxtop: --web\.config\.file .*web\.yml: http_server_config is not supported/v],
		[['--web.config.file', path.join(directory, 'missing.yml')], /^maxtop: --web\.config\.file .*missing\.yml: /v],
		[['--web.listen-address', 'nowhere'], /^maxtop: metrics: --web\.listen-address nowhere: expected HOST:PORT/v],
		[['--web.listen-address', new URL(metrics.url).host], /^maxtop: --web\.listen-address: the address is in use\n/v],
		[['--metrics-top', '0'], /^maxtop: metrics: --metrics-top needs/v],
		[['--web.bogus', '1'], /^maxtop: metrics: unknown flag --web\.bogus/v],
	] as const) {
		const result = refused([...arguments_]);
		assert.equal(result.status, 2, result.stderr);
		assert.match(result.stderr, message);
		assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
	}
});
