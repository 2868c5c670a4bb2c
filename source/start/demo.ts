import {readFile} from 'node:fs/promises';
import {describeFsError} from '../config/maxctrl-cnf.js';
import type {Config, DemoConfig} from '../config/types.js';
import type {Simulator, SimulatorOptions, SimulatorUser} from '../simulator/types.js';
import {UsageFailure} from '../lifecycle.js';

/** `--demo`: the simulator on a free loopback port, with the hosts pointed at it. */
export async function startDemo(config: Config): Promise<Simulator> {
	const simulator = await startSimulator(config.demo!, 0, config.hosts[0]?.connection);
	// `--demo` hosts hold one template entry; the simulator picked the port.
	for (const entry of config.hosts) {
		entry.host = `127.0.0.1:${simulator.port}`;
		entry.connection.baseUrl = simulator.url.endsWith('/') ? simulator.url.slice(0, -1) : simulator.url;
	}

	return simulator;
}

/** The demo accepts whatever -u/-p say (`login`), so the flags work the same as against a real MaxScale. */
export function simulatorUsers(demo: DemoConfig, login?: {user: string; password: string}): SimulatorUser[] {
	const users: SimulatorUser[] = [{name: login?.user ?? 'admin', password: login?.password ?? 'mariadb', account: 'admin'}];
	const basic = demo.basicUser;
	// MaxScale has one account per name: `--basic-user admin:…` makes admin itself a basic account.
	return basic
		? [...users.filter(user => user.name !== basic.name), {name: basic.name, password: basic.password, account: 'basic'}]
		: users;
}

export async function startSimulator(demo: DemoConfig, port: number, login?: {user: string; password: string}): Promise<Simulator> {
	const options: SimulatorOptions = {
		host: '127.0.0.1',
		port,
		version: demo.version,
		sessions: demo.sessions,
		churnPerSecond: demo.churnPerSecond,
		costModel: demo.costModel,
		faults: demo.faults,
		users: simulatorUsers(demo, login),
		...(demo.seed !== undefined && {seed: demo.seed}),
		...(demo.adminSecureGui !== undefined && {adminSecureGui: demo.adminSecureGui}),
		...(demo.tls && {tls: {key: await readPem(demo.tls.key, '--tls-key'), cert: await readPem(demo.tls.cert, '--tls-cert')}}),
	};

	const {startSimulator: start} = await import('../simulator/index.js');
	try {
		return await start(options);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			throw new Error(`port ${port} on 127.0.0.1 is already in use; pick another with --port`, {cause: error});
		}

		throw error;
	}
}

async function readPem(file: string, flag: string): Promise<string> {
	return readFile(file, 'utf8').catch((error: unknown) => {
		throw new UsageFailure(`${flag}: cannot read ${file}: ${describeFsError(error)}`);
	});
}
