import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createClient} from '../../source/api/client.js';
import type {ConnectionConfig, MaxScaleClient} from '../../source/api/types.js';
import {startStub, type Stub} from './stub-server.js';

// Keys are made for this run only: nothing secret is committed.
const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-tls-'));
const file = (name: string) => path.join(directory, name);
const read = (name: string) => readFileSync(file(name), 'utf8');

function openssl(...arguments_: string[]): void {
	execFileSync('openssl', arguments_, {cwd: directory, stdio: 'ignore'});
}

function makeCa(name: string): void {
	openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
}

function makeCert(name: string, altName: string, passphrase?: string): void {
	const keyArguments = passphrase ? ['-passout', `pass:${passphrase}`] : ['-nodes'];
	openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', ...keyArguments, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
	writeFileSync(file(`${name}.ext`), `subjectAltName=${altName}\n`);
	openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
}

let good: Stub;
let mismatched: Stub;
let mutual: Stub;
let plain: Stub;
const clients: MaxScaleClient[] = [];
const sessions = {status: 200, json: {data: [{id: '1', type: 'sessions'}]}};

before(async () => {
	makeCa('ca');
	makeCa('other-ca');
	makeCert('server', 'IP:127.0.0.1');
	makeCert('elsewhere', 'DNS:maxscale.example');
	makeCert('client', 'DNS:client', 'client-pass');
	good = await startStub({version: '24.02.3', handler: () => sessions, tls: {key: read('server.key'), cert: read('server.pem')}});
	mismatched = await startStub({version: '24.02.3', handler: () => sessions, tls: {key: read('elsewhere.key'), cert: read('elsewhere.pem')}});
	mutual = await startStub({
		version: '24.02.3', handler: () => sessions, tls: {
			key: read('server.key'), cert: read('server.pem'), ca: read('ca.pem'), requestCert: true,
		},
	});
	plain = await startStub({version: '24.02.3', handler: () => sessions});
});

after(async () => {
	await Promise.all(clients.map(async each => each.close?.()));
	await Promise.all([good, mismatched, mutual, plain].map(async stub => stub?.close()));
	rmSync(directory, {recursive: true, force: true});
});

function client(url: string, tls?: ConnectionConfig['tls']): MaxScaleClient {
	const created = createClient({
		baseUrl: url, user: 'admin', password: 'mariadb', timeoutMs: 3000, ...(tls && {tls}),
	}, {retryDelayMs: () => 1});
	clients.push(created);
	return created;
}

test('verification on, with the CA as a file path or as PEM text', async () => {
	assert.equal((await client(good.url, {caCert: file('ca.pem')}).listSessions()).sessions.length, 1);
	assert.equal((await client(good.url, {caCert: read('ca.pem')}).listSessions()).sessions.length, 1);
});

test('a certificate from another CA is refused with a clear message', async () => {
	await assert.rejects(client(good.url, {caCert: file('other-ca.pem')}).listSessions(), (error: Error & {kind?: string}) => {
		assert.equal(error.kind, 'tls');
		assert.match(error.message, /^MaxScale at 127\.0\.0\.1:\d+ sent a certificate this machine does not trust \([A-Z_]+\)/v);
		return true;
	});
});

test('verification off accepts any certificate', async () => {
	assert.equal((await client(good.url, {verifyServerCert: false}).listSessions()).sessions.length, 1);
});

test('a certificate for another host name is refused', async () => {
	await assert.rejects(client(mismatched.url, {caCert: file('ca.pem')}).listSessions(), {kind: 'tls', message: `MaxScale at 127.0.0.1:${mismatched.port} sent a TLS certificate for another host name`});
});

test('client certificate with a passphrase-protected key', async () => {
	const tls = {
		caCert: file('ca.pem'), cert: file('client.pem'), key: file('client.key'), passphrase: 'client-pass',
	};
	assert.equal((await client(mutual.url, tls).listSessions()).sessions.length, 1);
	assert.equal(mutual.calls().length, 1);
});

test('a missing CA file is a tls error of the request, not a crash', async () => {
	await assert.rejects(client(good.url, {caCert: file('nope.pem')}).listSessions(), {kind: 'tls', message: `could not read the TLS CA certificate ${file('nope.pem')} (ENOENT)`});
});

test('plain HTTP to the TLS port hints at --secure; TLS to a plain port says so', async () => {
	await assert.rejects(client(good.url.replace('https:', 'http:')).listSessions(), (error: Error & {kind?: string}) => {
		assert.equal(error.kind, 'network');
		assert.match(error.message, /--secure\)$/v);
		return true;
	});
	await assert.rejects(client(plain.url.replace('http:', 'https:'), {caCert: file('ca.pem')}).listSessions(), {kind: 'tls', message: `MaxScale at 127.0.0.1:${plain.port} does not speak TLS on this port (try plain http)`});
});

test('large lists over TLS read right poll after poll', async () => {
	const count = 4000;
	const list = {
		data: Array.from({length: count}, (_, index) => ({
			id: String(index + 1), type: 'sessions', attributes: {user: `user${index}`, idle: index / 10, remote: '10.0.0.1'},
		})),
	};
	const large = await startStub({version: '24.02.3', handler: () => ({status: 200, json: list}), tls: {key: read('server.key'), cert: read('server.pem')}});
	try {
		const created = createClient({
			baseUrl: large.url, user: 'admin', password: 'mariadb', timeoutMs: 3000, tls: {caCert: file('ca.pem')},
		});
		clients.push(created);
		for (let poll = 0; poll < 3; poll++) {
			const {sessions: listed} = await created.listSessions();
			assert.equal(listed.length, count);
			assert.deepEqual([listed[0]!.user, listed.at(-1)!.user, listed.at(-1)!.idleSeconds], ['user0', `user${count - 1}`, (count - 1) / 10]);
		}
	} finally {
		await large.close();
	}
});
