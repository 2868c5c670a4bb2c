import {test, after, before} from 'node:test';
import assert from 'node:assert/strict';
import {parseOptions} from '../../source/config/parse-options.js';
import type {Config} from '../../source/config/types.js';
import {insecureHosts} from '../../source/start/interactive.js';
import {startSimulator} from '../../source/simulator/index.js';
import type {Simulator} from '../../source/simulator/types.js';
import {waitForText} from '../helpers/ink.js';
import {
	liveBoundMs,
	makeTestPki,
	renderLive,
	type LiveApp,
} from './support.js';

const pki = makeTestPki();
let secure: Simulator;
let app: LiveApp | undefined;

before(async () => {
	secure = await startSimulator({
		sessions: 2, seed: 5, manualClock: true, tls: {key: pki.key, cert: pki.cert},
	});
});

after(async () => {
	await app?.close();
	await secure.close();
	pki.remove();
});

/**
The CLI's own parsing of the flags, then the monitor on what it built.
*/
function configOf(flags: Record<string, unknown>): Config {
	const result = parseOptions({timeout: '2s', ...flags}, {LANG: 'C.UTF-8'});
	assert.ok(result.ok, result.ok ? '' : result.error);
	return result.config;
}

async function monitor(flags: Record<string, unknown>): Promise<LiveApp> {
	await app?.close();
	const config = configOf(flags);
	app = renderLive(config.hosts, {insecureHosts: insecureHosts(config)});
	return app;
}

const sessionIds = () => secure.sessions().map(session => session.id);

test('HTTPS with --tls-ca-cert: verified, no warning, and tokens are used (admin_secure_gui allows them over TLS)', async () => {
	const live = await monitor({hosts: secure.url, tlsCaCert: pki.files.ca});
	await waitForText(live, '2 sessions', liveBoundMs);
	assert.ok(!(live.lastFrame() ?? '').includes('WARNING'));
	const listed = secure.requests.filter(request => request.path === '/v1/sessions');
	assert.ok(listed.length > 0);
	assert.match(String(listed.at(-1)!.headers['authorization']), /^Bearer /v, 'a JWT, not the password, on every poll');
	assert.ok(sessionIds().every(id => (live.lastFrame() ?? '').includes(` ${id} `)));
});

test('-s with host:port and -n false: connects without checking and warns in the header', async () => {
	const live = await monitor({hosts: new URL(secure.url).host, secure: true, tlsVerifyServerCert: false});
	await waitForText(live, '2 sessions', liveBoundMs);
	const screen = await waitForText(live, 'WARNING: TLS certificate not verified (--tls-verify-server-cert=false)');
	assert.ok(sessionIds().every(id => screen.includes(` ${id} `)));
});

test('the wrong CA gives a clear one-line error and no data; plain HTTP to the HTTPS port hints at --secure', async () => {
	const wrong = await monitor({hosts: secure.url, tlsCaCert: pki.files.otherCa});
	const screen = await waitForText(wrong, 'maxtop: ', liveBoundMs);
	assert.match(screen, /certificate/iv);
	assert.ok(screen.includes('no data yet'));

	const plain = await monitor({hosts: new URL(secure.url).host});
	const hinted = await waitForText(plain, 'maxtop: ', liveBoundMs);
	assert.match(hinted, /--secure/v);
});
