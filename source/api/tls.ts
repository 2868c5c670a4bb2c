/** The npm undici's own Agent: Node's global fetch bundles another undici major and rejects it. */
import {readFileSync} from 'node:fs';
import {Agent} from 'undici';
import {ApiError} from './errors.js';
import type {ConnectionConfig} from './types.js';

export type TlsOptions = NonNullable<ConnectionConfig['tls']>;

/** A value is either PEM text or the path of a PEM file (maxctrl's `--tls-*` options take paths). */
function pem(value: string | undefined, what: string): string | undefined {
	if (value === undefined || value === '') {
		return undefined;
	}

	if (value.includes('-----BEGIN')) {
		return value;
	}

	try {
		return readFileSync(value, 'utf8');
	} catch (error) {
		const {code} = (error as {code?: unknown});
		throw new ApiError('tls', `could not read the TLS ${what} ${value} (${typeof code === 'string' ? code : 'unreadable'})`, {cause: error});
	}
}

export function createTlsAgent(tls: TlsOptions): Agent {
	const ca = pem(tls.caCert, 'CA certificate');
	const cert = pem(tls.cert, 'client certificate');
	const key = pem(tls.key, 'client key');
	return new Agent({
		connect: {
			...(ca !== undefined && {ca}),
			...(cert !== undefined && {cert}),
			...(key !== undefined && {key}),
			...(tls.passphrase !== undefined && {passphrase: tls.passphrase}),
			rejectUnauthorized: tls.verifyServerCert ?? true,
		},
	});
}
