import {redactUserinfo} from './hosts.js';

// Flags whose value is a secret, as `--name VALUE` or `--name=VALUE` (and `-pVALUE`).
const secretFlags = new Set(['-p', '--password', '--tls-passphrase']);

/**
What `ps` shows for this run: the command line with passwords masked (`-p ***`, URL user info),
since the process list is readable by every user of the host.
*/
export function processTitle(argv: readonly string[]): string {
	const shown: string[] = ['maxtop'];
	let isSecretNext = false;
	for (const argument of argv) {
		if (isSecretNext) {
			shown.push('***');
			isSecretNext = false;
			continue;
		}

		const equals = argument.indexOf('=');
		const name = argument.startsWith('--') && equals !== -1 ? argument.slice(0, equals) : argument;
		if (secretFlags.has(name)) {
			isSecretNext = name === argument;
			shown.push(name === argument ? argument : `${name}=***`);
		} else if (/^-p./sv.test(argument)) {
			shown.push('-p***');
		} else {
			shown.push(redactUserinfo(argument));
		}
	}

	return shown.join(' ');
}
