import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {cleanEnvironment, cliPath, ensureCliBuilt} from '../helpers/cli-run.js';

export type MetricsProcess = {
	/**
	`http://127.0.0.1:PORT`, as the command said on stderr.
	*/
	url: string;
	stderr(): string;
	/**
	SIGTERM, then its exit code.
	*/
	stop(): Promise<number | undefined>;
};

/**
`maxtop metrics ARGS` (the tsc build) on a free loopback port, with a home of its own; resolves
once it says where it serves.
*/
export async function startMetrics(arguments_: readonly string[], options: {boundMs?: number} = {}): Promise<MetricsProcess> {
	ensureCliBuilt();
	const {env} = cleanEnvironment('maxtop-metrics-');
	const child = spawn(process.execPath, [cliPath, 'metrics', '--web.listen-address', '127.0.0.1:0', ...arguments_], {env, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8');
	const exited = once(child, 'exit');
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error(`maxtop metrics did not start within ${options.boundMs ?? 20_000} ms; stderr: ${stderr}`));
		}, options.boundMs ?? 20_000);
		child.stderr.on('data', (chunk: string) => {
			stderr += chunk;
			const match = /at (?<url>https?:\/\/\S+)\/metrics/v.exec(stderr);
			if (!match) {
				return;
			}

			clearTimeout(timer);
			resolve(match.groups!['url']!);
		});
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`maxtop metrics exited: ${stderr}`));
		});
	});
	return {
		url,
		stderr: () => stderr,
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
			}

			const [code] = await exited as [number | undefined];
			return code;
		},
	};
}

/**
Polls `check` every 100 ms until it returns a value, at most `boundMs`.
*/
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, boundMs = 20_000): Promise<T> {
	const deadline = Date.now() + boundMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`${what}: not within ${boundMs} ms`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}
}

/**
The samples of a text exposition: `name{labels}` → value.
*/
export function parseSamples(text: string): Map<string, number> {
	const samples = new Map<string, number>();
	for (const line of text.split('\n')) {
		const match = /^(?<series>[:a-z_][\w:]*(?:\{.*\})?) (?<value>\S+)$/iv.exec(line);
		if (match) {
			samples.set(match.groups!['series']!, Number(match.groups!['value']));
		}
	}

	return samples;
}
