export type HostEntry = {
	/**
	Fleet key, `host:port` (IPv6 in brackets).
	*/
	host: string;
	/**
	`http://127.0.0.1:8989`: no trailing slash, no `/v1`.
	*/
	baseUrl: string;
};

/**
Parses maxctrl's `-h/--hosts` list: `HOST:PORT[,HOST:PORT…]`, where an entry may also be a full
`http://` or `https://` URL (its own scheme wins over `--secure`).
*/
export function parseHosts(text: string, isSecure: boolean): {ok: true; hosts: HostEntry[]} | {ok: false; error: string} {
	const entries = text.split(',').map(entry => entry.trim());
	if (entries.every(entry => entry === '')) {
		return {ok: false, error: 'no host given in --hosts'};
	}

	const hosts: HostEntry[] = [];
	for (const entry of entries) {
		if (entry === '') {
			return {ok: false, error: `empty entry in --hosts '${text}'`};
		}

		const parsed = /^[a-z][\d+\-.a-z]*:\/\//iv.test(entry) ? parseUrl(entry) : parseHostPort(entry, isSecure);
		if (typeof parsed === 'string') {
			return {ok: false, error: `bad host '${entry}': ${parsed}`};
		}

		if (hosts.some(host => host.host === parsed.host)) {
			return {ok: false, error: `host '${parsed.host}' is listed twice in --hosts`};
		}

		hosts.push(parsed);
	}

	return {ok: true, hosts};
}

function parseUrl(entry: string): HostEntry | string {
	let url: URL;
	try {
		url = new URL(entry);
	} catch {
		return 'not a valid URL';
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return 'only http:// and https:// URLs';
	}

	if (url.username || url.password) {
		// Credentials in a URL end up in shell history and process lists.
		return 'put the user and password in -u and -p, not in the URL';
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		return 'give only scheme, host and port (maxtop adds /v1 itself)';
	}

	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	const host = `${url.hostname}:${port}`;
	return {host, baseUrl: `${url.protocol}//${host}`};
}

function parseHostPort(entry: string, isSecure: boolean): HostEntry | string {
	const match = /^(?<name>\[[\d.:a-f]+\]|[^\s\/:\[\]]+):(?<port>\d+)$/iv.exec(entry);
	if (!match) {
		return 'expected HOST:PORT or an http(s):// URL';
	}

	const {name, port: portText} = match.groups! as {name: string; port: string};
	const port = Number(portText);
	if (port < 1 || port > 65_535) {
		return `port ${portText} is out of range`;
	}

	if (!name.startsWith('[') && !/^[\da-z](?:[\d\-a-z]*[\da-z])?(?:\.[\da-z](?:[\d\-a-z]*[\da-z])?)*\.?$/iv.test(name)) {
		return `'${name}' is not a host name or address`;
	}

	const host = `${name}:${port}`;
	return {host, baseUrl: `${isSecure ? 'https' : 'http'}://${host}`};
}
