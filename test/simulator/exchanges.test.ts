import {readdirSync, readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {test, type TestContext} from 'node:test';
import type {Simulator} from '../../source/simulator/types.js';
import {
	basicAuth,
	fixturesRoot,
	request,
	type Reply,
	withSimulator,
} from './support.js';
import {JsonNumber, shapeErrors, shapeOf} from './shape.js';

/**
The ~260 exchanges a real 24.02.3 answered (test/fixtures/maxscale-24.02.3-exchanges/README.md),
replayed in order against the simulator: status, the headers a client acts on, empty or not, and
the body's shape with whole doubles told from integers.
*/
type Exchange = {
	seq: number;
	phase: string;
	name: string;
	method: string;
	path: string;
	// eslint-disable-next-line @typescript-eslint/no-restricted-types -- the fixture writes null
	query: string | null;
	// eslint-disable-next-line @typescript-eslint/no-restricted-types -- the fixture writes null
	request: {headers: Record<string, string>; body: string | null};
	// eslint-disable-next-line @typescript-eslint/no-restricted-types -- the fixture writes null
	response: {status: number; headers: Record<string, string>; body_style: string; body: string | null};
};

const exchanges: Exchange[] = readFileSync(new URL('maxscale-24.02.3-exchanges/exchanges.ndjson', fixturesRoot), 'utf8')
	.trim()
	.split('\n')
	.map(line => JSON.parse(line) as Exchange);

const headersThatMatter = ['etag', 'last-modified', 'www-authenticate', 'set-cookie', 'content-type'];

/**
Differences kept on purpose, by exchange name, each with its reason.
*/
const deliberate: Record<string, string> = {
	// The real run's token came from another MaxScale; ours is signed by this simulator, which accepts it.
	'bearer-other-server-simtls': 'the token was issued by this simulator, so it is valid here',
};

type Typed = unknown;

/**
A JSON value with every number replaced by its JSON type as written: `1826.0` is a real, `1826` an
integer (jansson writes whole doubles with `.0`).
*/
function typedParse(text: string): Typed {
	return JSON.parse(text, (_key, value: unknown, context?: {source?: string}) =>
		typeof value === 'number' && context?.source !== undefined ? new JsonNumber(/[.e]/i.test(context.source) ? 'real' : 'integer') : value);
}

/**
The real bodies of long lists were cut to three items and given a `_cut` member.
*/
function uncut(body: Typed): Typed {
	if (typeof body === 'object' && body !== null && '_cut' in body) {
		const {_cut: _, ...rest} = body as Record<string, unknown>;
		return rest;
	}

	return body;
}

const itemsOf = (body: Typed): Typed => typeof body === 'object' && body !== null && Array.isArray((body as {data?: unknown}).data)
	? {...body, data: ((body as {data: unknown[]}).data).slice(0, 3)}
	: body;

// Keys whose own keys are data (connection attributes, per-server buffers and diagnostics).
const freeForm = ['connection_attributes', 'backends', 'router_diagnostics', 'server_query_statistics', 'monitor_diagnostics', 'parameters'];

type Context = {
	sim: Simulator;
	ids: Record<string, string>;
	user: string;
	tokens: Map<string, string>;
	cookies: Map<string, string>;
	/**
	The real server's ETag and Last-Modified values, and what the simulator sent in their place.
	*/
	validators: Map<string, string>;
};

function fill(template: string, context: Context): string {
	return template.replaceAll(/\{(\w+)\}/g, (_match, name: string) => (name === 'user' ? context.user : context.ids[name] ?? `{${name}}`));
}

function credentials(written: string, context: Context): Record<string, string> {
	const basic: Record<string, string> = {
		'Basic admin': basicAuth('admin', 'mariadb'),
		'Basic ro': basicAuth('ro', 'ro-pass'),
		'Basic admin (wrong password)': basicAuth('admin', 'wrong-password'),
		'Basic ro (wrong password)': basicAuth('ro', 'bad'),
		'Basic nouser (no such account)': basicAuth('nouser', 'x'),
		'Basic !!!notbase64': 'Basic !!!notbase64',
		'Basic <base64 of "admin": no colon, no password>': `Basic ${Buffer.from('admin').toString('base64')}`,
		'Bearer None': 'Bearer None',
		'Bearer not.a.token': 'Bearer not.a.token',
	};
	if (written in basic) {
		return {authorization: basic[written]!};
	}

	const token = /^(Bearer|bearer) <(?:admin|ro) token from ([\w-]+)>$/.exec(written);
	if (token) {
		return {authorization: `${token[1]!} ${context.tokens.get(token[2]!) ?? 'missing'}`};
	}

	if (written.startsWith('Bearer <token issued by the simulator')) {
		return {authorization: `Bearer ${context.tokens.get('auth-get-simtls') ?? 'missing'}`};
	}

	throw new Error(`unknown Authorization in the fixture: ${written}`);
}

function requestHeaders(exchange: Exchange, context: Context): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(exchange.request.headers)) {
		if (name === 'Authorization') {
			Object.assign(headers, credentials(value, context));
		} else if (name === 'Cookie') {
			const from = /<admin token from the Set-Cookie of ([\w-]+)>/.exec(value);
			headers['cookie'] = from ? `token_sig=${context.cookies.get(from[1]!) ?? 'missing'}` : value;
		} else {
			headers[name.toLowerCase()] = context.validators.get(value) ?? value;
		}
	}

	return headers;
}

function capture(name: string): Typed {
	const raw = readFileSync(new URL(`maxscale-24.02.3/${name}`, fixturesRoot));
	return typedParse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

const dataOf = (body: Typed): unknown[] => {
	const {data} = body as {data: unknown};
	return Array.isArray(data) ? data : [data];
};

/**
The same kind of object as other real 24.02.3 answers show it: the exchange run's data differed
from the captures' (no service filters, no cache filter, handshaking sessions, accounts with no
creation date), and both are real. Only whole objects: a sparse answer is compared alone.
*/
const otherRealItems: Array<{path: RegExp; items: () => unknown[]}> = [
	{
		path: /^\/v1\/sessions(?:\/\d+)?\/?$/,
		items: () => readdirSync(new URL('maxscale-24.02.3/', fixturesRoot))
			.filter(name => (name.startsWith('session-get-') || name.startsWith('sessions-list')) && /\.json(?:\.gz)?$/.test(name) && name !== 'session-get-fields.json' && !name.includes('n10000') && !name.includes('n5000'))
			.flatMap(name => dataOf(capture(name))),
	},
	{path: /^\/v1\/services\/?$/, items: () => dataOf(capture('services.json'))},
	{path: /^\/v1\/filters(?:\/[\w-]+)?\/?$/, items: () => dataOf(capture('filters.json'))},
	{path: /^\/v1\/users\/inet(?:\/\w+)?\/?$/, items: () => dataOf(capture('users-list-inet.json'))},
];

function realShape(exchange: Exchange, realBody: Typed) {
	const other = exchange.query?.includes('fields') ? undefined : otherRealItems.find(entry => entry.path.test(exchange.path));
	const extra = (other?.items() ?? []).map(item => ({...realBody as Record<string, unknown>, data: Array.isArray((realBody as {data?: unknown}).data) ? [item] : item}));
	return shapeOf(realBody, ...extra);
}

function compare(exchange: Exchange, reply: Reply): string[] {
	const real = exchange.response;
	const where = `#${exchange.seq} ${exchange.name} (${exchange.method} ${exchange.path}${exchange.query ? `?${exchange.query}` : ''})`;
	const errors: string[] = [];
	if (reply.status !== real.status) {
		errors.push(`${where}: status ${reply.status}, real ${real.status}`);
		return errors;
	}

	for (const name of headersThatMatter) {
		if ((name in real.headers) !== (reply.headers[name] !== undefined)) {
			errors.push(`${where}: header ${name} ${name in real.headers ? 'missing' : 'present, real has none'}`);
		}
	}

	const realEmpty = real.body === null || real.body === '';
	if (realEmpty !== (reply.text === '')) {
		errors.push(`${where}: body ${realEmpty ? 'not empty' : 'empty'}, real ${realEmpty ? 'empty' : 'not empty'}`);
		return errors;
	}

	if (!realEmpty) {
		const realBody = uncut(typedParse(real.body!));
		const body = itemsOf(typedParse(reply.text));
		errors.push(...shapeErrors(realShape(exchange, realBody), body, where, freeForm));
	}

	return errors;
}

/**
Sessions like the ones the real run picked: started, idle, with connection attributes.
*/
function placeSessions(sim: Simulator): Record<string, string> {
	const attributes = (program: string) => ({
		_client_name: 'pymysql', _client_version: '1.0.2', _pid: '4242', program_name: program,
	});
	const started = {
		state: 'Session started', busy: false, activePeriodMs: undefined, closeAtMs: undefined, queries: [], log: [],
	};
	const rw = 'RW-Split-Router';
	const make = (user: string, service: string, program: string): string =>
		sim.addSessions(1, {
			...started, user, service, servers: ['server1'], connectionAttributes: attributes(program),
		})[0]!.id;
	return {
		read: make('batch', rw, 'batch-loader'),
		read_rc: make('app', 'Read-Connection-Router', 'web-frontend'),
		patch: make('app', rw, 'web-frontend'),
		patch2: make('app', rw, 'web-frontend'),
		restart: make('report', rw, 'report-cron'),
		kill_ttl: make('report', rw, 'report-cron'),
		kill_now: make('report', rw, 'report-cron'),
		kill_abc: make('app', rw, 'admin-console'),
		ro_target: make('app', rw, 'web-frontend'),
		kill_ttl1: make('app', rw, 'web-frontend'),
	};
}

test('every recorded exchange with a real 24.02.3 gets the same kind of answer from the simulator', async (t: TestContext) => {
	const sim = await withSimulator(t, {
		version: '24.02',
		// Fewer than 20: no session in its handshake, like the real run, where every session had a user.
		sessions: 19,
		adminSecureGui: false,
		users: [{name: 'admin', password: 'mariadb', account: 'admin'}, {name: 'ro', password: 'ro-pass', account: 'basic'}],
	});
	const context: Context = {
		sim, ids: placeSessions(sim), user: 'batch', tokens: new Map(), cookies: new Map(), validators: new Map(),
	};
	t.assert.ok(exchanges.length > 250, 'the exchanges were read');
	const errors: string[] = [];
	for (const exchange of exchanges) {
		sim.advance(100);
		const path = fill(exchange.path, context) + (exchange.query === null ? '' : `?${fill(exchange.query, context)}`);
		const reply = await request(sim, path, {
			method: exchange.method, auth: false, headers: requestHeaders(exchange, context), body: exchange.request.body ?? undefined,
		}).catch((error: unknown) => {
			throw new Error(`#${exchange.seq} ${exchange.name}: ${String(error)}`);
		});
		if (reply.status === 200 && exchange.path.endsWith('/auth') && reply.text !== '') {
			context.tokens.set(exchange.name, reply.json<{meta: {token: string}}>().meta.token);
		}

		const cookie = reply.headers['set-cookie']?.[0];
		if (cookie) {
			context.cookies.set(exchange.name, /token_sig=([^;]*)/.exec(cookie)?.[1] ?? '');
		}

		for (const name of ['etag', 'last-modified']) {
			const real = exchange.response.headers[name];
			const ours = reply.headers[name];
			if (real !== undefined && typeof ours === 'string') {
				context.validators.set(real, ours);
			}
		}

		if (!(exchange.name in deliberate)) {
			errors.push(...compare(exchange, reply));
		}
	}

	t.assert.deepStrictEqual(errors, []);
});
