import {once} from 'node:events';
import type {DemoConfig} from '../config/types.js';
import {simulatorUsers, startSimulator} from './demo.js';

/** `maxtop simulate`: the simulator alone, in the foreground, until Ctrl-C. */
export async function runSimulateMode(demo: DemoConfig): Promise<number> {
	const simulator = await startSimulator(demo, demo.port);
	const users = simulatorUsers(demo).map(user => `${user.name} (${user.account})`).join(', ');
	process.stdout.write([
		`MaxScale ${demo.version} simulator listening on ${simulator.url} with ${demo.sessions} sessions`,
		`accounts: ${users}; the admin password is mariadb`,
		`try: curl -u admin:mariadb ${simulator.url}/v1/sessions`,
		`     maxtop -h ${simulator.url}`,
		'Ctrl-C stops it.',
		'',
	].join('\n'));
	await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
	await simulator.close();
	return 0;
}
