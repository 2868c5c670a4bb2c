import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test, type TestContext} from 'node:test';
import {request, withSimulator} from './support.js';

/**
A throwaway self-signed EC certificate for 127.0.0.1 (no private key is committed).
*/
function makeCertificate(): {key: string; cert: string} {
	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-sim-tls-'));
	try {
		const key = path.join(directory, 'key.pem');
		const cert = path.join(directory, 'cert.pem');
		execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], {stdio: 'ignore'});
		return {key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8')};
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

test('HTTPS: serves over TLS, issues tokens although admin_secure_gui is on, links use https', async (t: TestContext) => {
	const tls = makeCertificate();
	const sim = await withSimulator(t, {sessions: 3, tls});
	t.assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
	const token = await request(sim, '/v1/auth', {ca: tls.cert});
	t.assert.strictEqual(token.status, 200);
	const bearer = `Bearer ${token.json<{meta: {token: string}}>().meta.token}`;
	const list = await request(sim, '/v1/sessions', {ca: tls.cert, auth: bearer});
	t.assert.strictEqual(list.status, 200);
	t.assert.ok(list.json<{links: {self: string}}>().links.self.startsWith(`${sim.url}/v1/`));
	// An untrusted certificate is refused by the client.
	await t.assert.rejects(request(sim, '/v1/sessions'), {code: 'DEPTH_ZERO_SELF_SIGNED_CERT'});
});
