import {test, type TestContext} from 'node:test';
import {
	basicAuth,
	jwtClaims,
	request,
	withSimulator,
	type TokenReply,
} from './support.js';

const users = [{name: 'admin', password: 'mariadb', account: 'admin' as const}, {name: 'ro', password: 'ropwd', account: 'basic' as const}];

test('missing or wrong credentials: 401 Access denied with a Basic challenge, no Content-Type', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 2});
	for (const auth of [false, basicAuth('admin', 'wrong'), basicAuth('nosuchuser', 'x')] as const) {
		const reply = await request(sim, '/v1/sessions', {auth});
		t.assert.strictEqual(reply.status, 401);
		t.assert.strictEqual(reply.text, '{"errors": [ { "detail": "Access denied" } ] }');
		t.assert.strictEqual(reply.headers['www-authenticate'], 'Basic realm="maxscale"');
		t.assert.strictEqual(reply.headers['content-type'], undefined);
	}

	const xhr = await request(sim, '/v1/sessions', {auth: basicAuth('admin', 'bad'), headers: {'X-Requested-With': 'XMLHttpRequest'}});
	t.assert.strictEqual(xhr.status, 401);
	t.assert.strictEqual(xhr.headers['www-authenticate'], undefined);
});

test('a basic account reads, but its writes get 401 with Basic auth and 403 with a token', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 3, users, adminSecureGui: false});
	const {id} = (sim.sessions()[0]!);
	const ro = basicAuth('ro', 'ropwd');
	t.assert.strictEqual((await request(sim, '/v1/sessions', {auth: ro})).status, 200);
	for (const [method, path] of [['PATCH', `/v1/sessions/${id}`], ['DELETE', `/v1/sessions/${id}`], ['POST', `/v1/sessions/${id}/restart`], ['POST', '/v1/sessions/restart'], ['DELETE', '/v1/sessions/999999']] as const) {
		const reply = await request(sim, path, {method, auth: ro, body: method === 'PATCH' ? '{}' : undefined});
		t.assert.strictEqual(reply.status, 401, `${method} ${path}`);
		t.assert.strictEqual(reply.headers['www-authenticate'], 'Basic realm="maxscale"');
	}

	const token = (await request(sim, '/v1/auth', {auth: ro})).json<TokenReply>().meta.token;
	const claims = jwtClaims(token);
	t.assert.strictEqual(claims.account, 'basic');
	t.assert.strictEqual(claims.sub, 'ro');
	t.assert.strictEqual((await request(sim, '/v1/sessions', {auth: `Bearer ${token}`})).status, 200);
	const forbidden = await request(sim, `/v1/sessions/${id}`, {method: 'DELETE', auth: `Bearer ${token}`});
	t.assert.strictEqual(forbidden.status, 403);
	t.assert.strictEqual(forbidden.text, '{"errors": [ { "detail": "Administrative access required" } ] }');
	t.assert.ok(sim.sessions().some(session => session.id === id));
	t.assert.strictEqual((await request(sim, '/v1/auth', {method: 'POST', auth: ro})).status, 401);
});

test('JWT: issued with Basic credentials, used as Bearer or cookie, expires with the simulated clock', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 2, adminSecureGui: false});
	const reply = await request(sim, '/v1/auth?max-age=60');
	t.assert.strictEqual(reply.status, 200);
	const token = reply.json<TokenReply>().meta.token;
	const claims = jwtClaims(token);
	t.assert.strictEqual(claims.exp - claims.iat, 60);
	t.assert.strictEqual(claims.account, 'admin');
	t.assert.strictEqual(claims.iss, 'maxscale');
	const {id} = (sim.sessions()[0]!);
	t.assert.strictEqual((await request(sim, `/v1/sessions/${id}`, {method: 'PATCH', auth: `Bearer ${token}`, body: '{"data":{"attributes":{"parameters":{"log_warning":true}}}}'})).status, 200);
	t.assert.strictEqual((await request(sim, '/v1/sessions', {auth: false, headers: {Cookie: `token_sig=${token}`}})).status, 200);
	const garbage = await request(sim, '/v1/sessions', {auth: 'Bearer abc.def.ghi'});
	t.assert.strictEqual(garbage.status, 401);
	t.assert.strictEqual(garbage.headers['www-authenticate'], undefined);
	t.assert.strictEqual((await request(sim, '/v1/auth', {auth: `Bearer ${token}`})).status, 401, 'tokens are not accepted on /auth');
	const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
	t.assert.strictEqual((await request(sim, '/v1/sessions', {auth: `Bearer ${tampered}`})).status, 401);
	sim.advance(61_000);
	t.assert.strictEqual((await request(sim, '/v1/sessions', {auth: `Bearer ${token}`})).status, 401);
	const persisted = await request(sim, '/v1/auth?persist=yes');
	t.assert.strictEqual(persisted.status, 204);
	t.assert.match(String(persisted.headers['set-cookie']), /^token_sig=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; SameSite=Strict; HttpOnly$/);
});

test('/v1/auth over plain HTTP is refused while admin_secure_gui is on (the default)', async (t: TestContext) => {
	const sim = await withSimulator(t, {sessions: 1});
	const reply = await request(sim, '/v1/auth');
	t.assert.strictEqual(reply.status, 401);
	t.assert.deepStrictEqual(reply.json(), {errors: [{detail: 'Connection is not encrypted'}]});
	t.assert.strictEqual((await request(sim, '/v1/sessions')).status, 200);
});

test('6.x tokens carry no account claim (it arrived in 22.08.2)', async (t: TestContext) => {
	const sim = await withSimulator(t, {version: '6', sessions: 1, adminSecureGui: false});
	const token = (await request(sim, '/v1/auth')).json<TokenReply>().meta.token;
	const claims = jwtClaims(token);
	t.assert.strictEqual(claims.account, undefined);
	t.assert.strictEqual(claims.sub, 'admin');
});
