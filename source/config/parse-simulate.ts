import {parseFaultSpec} from '../simulator/fault-spec.js';
import type {FaultSpec, SimulatorVersion} from '../simulator/types.js';
import {
	camelCase,
	defaultDemoChurn,
	defaultDemoSessions,
	defaultSimulatorPort,
} from './flags.js';
import {
	checked,
	fail,
	number,
	optionalNumber,
	type Checked,
} from './flag-values.js';
import type {DemoConfig} from './types.js';

/** `maxtop simulate …`: the simulator alone, in the foreground. */
export function parseSimulateOptions(flags: Record<string, unknown>): Checked<DemoConfig> {
	return checked(() => buildDemoConfig(flags, ''));
}

/** `prefix` `demo-`: `--demo-sessions` and the like; `maxtop simulate`'s own flags are then not read (`--tls-key` is the client's). */
export function buildDemoConfig(flags: Record<string, unknown>, prefix: '' | 'demo-'): DemoConfig {
	const own = prefix === '' ? flags : {};
	const string = (name: string) => own[name] as string | undefined;
	const shared = (name: string) => flags[camelCase(prefix + name)] as string | undefined;
	const faults: FaultSpec[] = [];
	for (const text of (own['fault'] as string[] | undefined) ?? []) {
		try {
			faults.push(parseFaultSpec(text));
		} catch (error) {
			fail(`--fault: ${(error as Error).message}`);
		}
	}

	const key = string('tlsKey');
	const cert = string('tlsCert');
	if ((key === undefined) !== (cert === undefined)) {
		fail('--tls-key and --tls-cert go together: give both or neither');
	}

	if (key === '' || cert === '') {
		fail(`${key === '' ? '--tls-key' : '--tls-cert'} needs a file name`);
	}

	let basicUser: {name: string; password: string} | undefined;
	const basicText = string('basicUser');
	if (basicText !== undefined) {
		const colon = basicText.indexOf(':');
		if (colon <= 0 || colon === basicText.length - 1) {
			fail('--basic-user needs NAME:PASSWORD');
		}

		basicUser = {name: basicText.slice(0, colon), password: basicText.slice(colon + 1)};
	}

	const seedText = shared('seed');
	return {
		version: shared('version') as SimulatorVersion | undefined ?? '24.02',
		sessions: optionalNumber(`--${prefix}sessions`, shared('sessions'), {integer: true, min: 0, max: 100_000}) ?? defaultDemoSessions,
		churnPerSecond: optionalNumber(`--${prefix}churn`, shared('churn'), {min: 0, max: 10_000}) ?? defaultDemoChurn,
		// `--demo` takes a free port.
		port: prefix === '' ? optionalNumber('--port', string('port'), {integer: true, min: 0, max: 65_535}) ?? defaultSimulatorPort : 0,
		...(seedText !== undefined && {seed: number(`--${prefix}seed`, seedText, {integer: true, min: 0, max: (2 ** 32) - 1})}),
		costModel: flags[camelCase(prefix + 'cost')] as boolean | undefined ?? false,
		faults,
		...(key !== undefined && cert !== undefined && {tls: {key, cert}}),
		...(basicUser && {basicUser}),
		adminSecureGui: own['adminSecureGui'] as boolean | undefined ?? true,
	};
}
