import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {compare} from 'bcryptjs';
import {parse} from 'yaml';
import {describeFsError} from '../config/maxctrl-cnf.js';

/**
The endpoint's TLS and basic auth, from the web config file the Prometheus exporters read
(prometheus/exporter-toolkit): `tls_server_config` with `cert_file`, `key_file` and optionally
`client_ca_file`, `client_auth_type` and `min_version`; `basic_auth_users` with bcrypt hashes.
Relative paths are relative to the file, as there. Keys maxtop does not implement are refused,
not ignored: a config that asks for more than it gets must not look applied.
*/
export type WebConfig = {
	tls?: {key: string; cert: string; ca?: string; requestCert: boolean; minVersion?: 'TLSv1.2' | 'TLSv1.3'};
	/** User name → bcrypt hash. */
	users?: Map<string, string>;
};

export async function loadWebConfig(file: string): Promise<WebConfig> {
	const fail = (message: string) => new Error(`--web.config.file ${file}: ${message}`);
	let document: unknown;
	try {
		document = parse(await readFile(file, 'utf8')) ?? {};
	} catch (error) {
		throw fail(error instanceof Error && error.name.startsWith('YAML') ? error.message.split('\n', 1)[0]! : describeFsError(error));
	}

	const top = record(document, 'the file', ['tls_server_config', 'basic_auth_users'], fail);
	const config: WebConfig = {};
	const read = async (name: string, value: unknown) => {
		if (typeof value !== 'string' || value === '') {
			throw fail(`tls_server_config.${name} must be a file name`);
		}

		try {
			return await readFile(path.resolve(path.dirname(file), value), 'utf8');
		} catch (error) {
			throw fail(`tls_server_config.${name}: ${describeFsError(error)}`);
		}
	};

	if (top['tls_server_config'] !== undefined) {
		const tls = record(top['tls_server_config'], 'tls_server_config', ['cert_file', 'key_file', 'client_ca_file', 'client_auth_type', 'min_version'], fail);
		const authType = tls['client_auth_type'] ?? (tls['client_ca_file'] === undefined ? 'NoClientCert' : 'RequireAndVerifyClientCert');
		if (authType !== 'NoClientCert' && authType !== 'RequireAndVerifyClientCert') {
			throw fail(`client_auth_type ${JSON.stringify(authType)}: maxtop supports NoClientCert and RequireAndVerifyClientCert`);
		}

		if (tls['min_version'] !== undefined && tls['min_version'] !== 'TLS12' && tls['min_version'] !== 'TLS13') {
			throw fail(`min_version ${JSON.stringify(tls['min_version'])}: TLS12 or TLS13`);
		}

		const requestCert = authType === 'RequireAndVerifyClientCert';
		if (requestCert && tls['client_ca_file'] === undefined) {
			throw fail('client_auth_type RequireAndVerifyClientCert needs client_ca_file');
		}

		config.tls = {
			cert: await read('cert_file', tls['cert_file']),
			key: await read('key_file', tls['key_file']),
			...(requestCert && {ca: await read('client_ca_file', tls['client_ca_file'])}),
			requestCert,
			...(tls['min_version'] !== undefined && {minVersion: tls['min_version'] === 'TLS13' ? 'TLSv1.3' : 'TLSv1.2'}),
		};
	}

	if (top['basic_auth_users'] !== undefined) {
		const users = record(top['basic_auth_users'], 'basic_auth_users', undefined, fail);
		config.users = new Map();
		for (const [name, hash] of Object.entries(users)) {
			if (typeof hash !== 'string' || !/^\$2[aby]\$\d\d\$.{53}$/v.test(hash)) {
				throw fail(String.raw`basic_auth_users.${name}: not a bcrypt hash (htpasswd -nBC 10 "" | tr -d ':\n' makes one)`);
			}

			config.users.set(name, hash);
		}
	}

	return config;
}

function record(value: unknown, where: string, keys: readonly string[] | undefined, fail: (message: string) => Error): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw fail(`${where} must be a mapping`);
	}

	const unknown = keys && Object.keys(value).find(key => !keys.includes(key));
	if (unknown) {
		throw fail(`${unknown} is not supported (only ${keys.join(', ')})`);
	}

	return value as Record<string, unknown>;
}

// An unknown user costs a bcrypt comparison too, so a timing does not tell which names exist.
const decoyHash = '$2b$10$PuBT5knU0ez3dd8uGELMi.o4H2YA6kxe7tyatEZyfr7SUrcXDXr9O';

/**
Checks an `Authorization` header. A bcrypt comparison takes tens of milliseconds in JavaScript and
Prometheus sends the same credentials every scrape, so a verified pair is remembered (by digest).
*/
export function createBasicAuth(users: ReadonlyMap<string, string>): (header: string | undefined) => Promise<boolean> {
	const verified = new Set<string>();
	return async header => {
		const match = /^basic\s+(?<token>\S+)$/iv.exec(header ?? '');
		const decoded = Buffer.from(match?.groups?.['token'] ?? '', 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon === -1) {
			return false;
		}

		const user = decoded.slice(0, colon);
		const digest = createHash('sha256').update(decoded).digest('hex');
		if (verified.has(digest)) {
			return true;
		}

		const hash = users.get(user);
		const isValid = await compare(decoded.slice(colon + 1), hash ?? decoyHash) && hash !== undefined;
		if (isValid) {
			verified.add(digest);
		}

		return isValid;
	};
}
