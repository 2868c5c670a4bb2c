import {spawnSync} from 'node:child_process';

/**
`prometheus` or `promtool` from PATH. The tests that use them never skip: without them they fail
and say where they come from.
*/
export function prometheusTool(name: 'prometheus' | 'promtool'): string {
	const found = spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'});
	const file = found.stdout.trim();
	if (found.status !== 0 || file === '') {
		throw new Error(`${name} is not installed: .ci/run installs Debian's prometheus package (apt-get install prometheus), which has prometheus and promtool`);
	}

	return file;
}
