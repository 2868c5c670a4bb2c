import {test, before} from 'node:test';
import assert from 'node:assert/strict';
import {startStub} from '../api/stub-server.js';
import {ensureBuilt} from '../helpers/build.js';
import {waitFor} from '../helpers/ink.js';
import {startPty} from '../helpers/pty.js';

const env = {HOME: '/nonexistent-maxtop-home', XDG_CONFIG_HOME: '/nonexistent-maxtop-home/.config'};
const ctrlR = '\u{12}';

before(() => {
	ensureBuilt();
});

for (const size of [{columns: 80, rows: 24}, {columns: 60, rows: 20}]) {
	test(`a refused password at ${size.columns}x${size.rows}: said on screen, no hammering; Ctrl-R retries once`, async t => {
		const stub = await startStub({
			handler: () => ({status: 401, json: {errors: [{detail: 'Access denied'}]}, headers: {'www-authenticate': 'Basic realm="maxscale"'}}),
		});
		t.after(async () => stub.close());
		const pty = startPty(['-h', `127.0.0.1:${stub.port}`, '-u', 'admin', '-p', 'wrong', '--no-save'], {...size, env});
		try {
			await pty.waitFor(text => text.includes('access denied (401)'), 10_000, 'the refusal on screen');
			// Proving that nothing is sent takes a stretch of time: the old loops sent 2–3 requests a second.
			// (The screen does not change meanwhile, so there is no event to wait for.)
			await new Promise(resolve => {
				setTimeout(resolve, 3000);
			});
			const quiet = stub.requests.length;
			assert.ok(quiet <= 2, `${quiet} requests: ${stub.requests.map(request => `${request.method} ${request.path}`).join(', ')}`);
			const screen = pty.screen();
			assert.ok(screen.every(line => line.length <= size.columns), screen.join('\n'));
			assert.ok(screen.some(line => line.includes('maxtop: access denied (401)')), screen.join('\n'));

			pty.write(ctrlR);
			// The screen need not change when the request goes out: wait on the server's side.
			await waitFor(() => stub.requests.length > quiet, () => 'no retry reached the server', 5000);
			assert.deepEqual(stub.requests.slice(quiet).map(request => `${request.method} ${request.path}`), ['GET /v1/maxscale']);
			pty.write('q');
			assert.deepEqual(await pty.exited, {exitCode: 0, signal: 0});
		} finally {
			pty.kill('SIGKILL');
		}
	});
}
