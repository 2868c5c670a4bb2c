import {defaultMetricsAddress, defaultMetricsTop} from '../config/flags.js';
import {checked, number} from '../config/flag-values.js';

export type MetricsOptions = {
	/** `host` undefined: every interface (`:9765`, as the Go exporters read it). */
	listen: {host?: string; port: number};
	webConfigFile?: string;
	top: number;
};

/**
The exporter's own flags, taken out of meow's flags (yargs nests a dotted name: `web.listenAddress`
arrives as `web: {listenAddress}`); the rest are the monitor's and go to `loadConfig`.
*/
export function parseMetricsOptions(flags: Record<string, unknown>): {ok: true; options: MetricsOptions; rest: Record<string, unknown>} | {ok: false; error: string} {
	const {web, metricsTop, ...rest} = flags;
	const nested = (web ?? {}) as {listenAddress?: unknown; config?: {file?: unknown}};
	const address = nested.listenAddress ?? defaultMetricsAddress;
	if (typeof address !== 'string' || address === '') {
		return {ok: false, error: '--web.listen-address needs HOST:PORT'};
	}

	const file = nested.config?.file;
	if (file !== undefined && (typeof file !== 'string' || file === '')) {
		return {ok: false, error: '--web.config.file needs a file name'};
	}

	const listen = parseListenAddress(address);
	if (!listen) {
		return {ok: false, error: `--web.listen-address ${address}: expected HOST:PORT, [IPv6]:PORT or :PORT, port 0-65535`};
	}

	const top = metricsTop === undefined ? {ok: true, value: defaultMetricsTop} as const : checked(() => number('--metrics-top', typeof metricsTop === 'string' ? metricsTop : '', {integer: true, min: 1, max: 1000}));
	return top.ok ? {ok: true, options: {listen, top: top.value, ...(file !== undefined && {webConfigFile: file})}, rest} : top;
}

export function parseListenAddress(text: string): MetricsOptions['listen'] | undefined {
	const match = /^(?:\[(?<v6>[\d.:a-f]+)\]|(?<host>[^\s:\[\]]*)):(?<port>\d{1,5})$/iv.exec(text);
	const port = Number(match?.groups?.['port']);
	if (!match || port > 65_535) {
		return undefined;
	}

	const host = match.groups?.['v6'] ?? match.groups?.['host'];
	return {port, ...(host !== undefined && host !== '' && {host})};
}

export function isLoopback(host: string | undefined): boolean {
	return host !== undefined && (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/v.test(host));
}
