import type {Config} from '../config/types.js';
import {simulatorUsers, startSimulator} from './demo.js';

/** `maxtop simulate`: the simulator alone, in the foreground, until Ctrl-C. */
export async function runSimulateMode(config: Config): Promise<number> {
	const demo = config.demo!;
	const simulator = await startSimulator(config, demo.port);
	const users = simulatorUsers(config).map(user => `${user.name} (${user.account})`).join(', ');
	process.stdout.write([
		`MaxScale ${demo.version} simulator listening on ${simulator.url} with ${demo.sessions} sessions`,
		`accounts: ${users}; the admin password is mariadb`,
		`try: curl -u admin:mariadb ${simulator.url}/v1/sessions`,
		`     maxtop -h ${simulator.url}`,
		'Ctrl-C stops it.',
		'',
	].join('\n'));
	await new Promise<void>(resolve => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await simulator.close();
	return 0;
}
