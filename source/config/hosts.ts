export type HostEntry = {
	/** Fleet key, `host:port` (IPv6 in brackets). */
	host: string;
	/** `http://127.0.0.1:8989`: no trailing slash, no `/v1`. */
	baseUrl: string;
	/** From the URL (`http://user:pw@host:8989`): used for this host, never shown. */
	user?: string;
	password?: string;
};

/**
Every URL's password masked (`http://user:***@host`) for anything printed; the user stays, as curl
shows it. Up to the last `@` counts, so a password not valid in a URL (a space, a slash) is masked too.
*/
export function redactUserinfo(text: string): string {
	return text.split(',').map(entry => {
		const start = entry.indexOf('://') + 3;
		const at = entry.lastIndexOf('@');
		const colon = entry.indexOf(':', start);
		return start < 3 || at < start || colon === -1 || colon > at ? entry : `${entry.slice(0, colon)}:***${entry.slice(at)}`;
	}).join(',');
}

/** maxctrl's `-h/--hosts` list; an entry may be a full http(s) URL, whose scheme wins over `--secure`. */
export function parseHosts(text: string, isSecure: boolean): {ok: true; hosts: HostEntry[]} | {ok: false; error: string} {
	const entries = text.split(',').map(entry => entry.trim());
	if (entries.every(entry => entry === '')) {
		return {ok: false, error: 'no host given in --hosts'};
	}

	const hosts: HostEntry[] = [];
	for (const entry of entries) {
		if (entry === '') {
			return {ok: false, error: `empty entry in --hosts '${redactUserinfo(text)}'`};
		}

		const parsed = /^[a-z][\d+\-.a-z]*:\/\//iv.test(entry) ? parseUrl(entry) : parseHostPort(entry, isSecure);
		if (typeof parsed === 'string') {
			return {ok: false, error: `bad host '${redactUserinfo(entry)}': ${parsed}`};
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

	let credentials: {user?: string; password?: string};
	try {
		credentials = {
			...(url.username !== '' && {user: decodeURIComponent(url.username)}),
			...(url.password !== '' && {password: decodeURIComponent(url.password)}),
		};
	} catch {
		return 'the user or password in the URL is not valid percent-encoding';
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
		return 'give only scheme, host and port (maxtop adds /v1 itself)';
	}

	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	const host = `${url.hostname}:${port}`;
	return {host, baseUrl: `${url.protocol}//${host}`, ...credentials};
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
