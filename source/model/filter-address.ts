// Client addresses for `host:` terms; IPv4 is held as `::ffff:a.b.c.d`, as MaxScale reports it on a dual-stack listener.
export type HostMatch =
	| {kind: 'prefix'; prefix: string}
	| {kind: 'exact'; groups: number[]}
	| {kind: 'cidr'; groups: number[]; bits: number};

function unbracket(text: string): string {
	return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

function parseIpv4(text: string): number[] | undefined {
	if (!/^\d{1,3}(?:\.\d{1,3}){3}$/v.test(text)) {
		return undefined;
	}

	const octets = text.split('.').map(Number);
	return octets.some(octet => octet > 255) ? undefined : [0, 0, 0, 0, 0, 0xFF_FF, (octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!];
}

/** An address as eight 16-bit groups (IPv4 as `::ffff:a.b.c.d`); undefined for anything else. */
export function parseAddress(text: string): number[] | undefined {
	const zone = text.indexOf('%');
	const address = unbracket((zone === -1 ? text : text.slice(0, zone)).trim());
	if (!address.includes(':')) {
		return parseIpv4(address);
	}

	// The URL parser checks IPv6 as RFC 4291 writes it and gives it back in one form: hex groups, `::` at most once.
	const canonical = /^[\d.:a-f]+$/iv.test(address) ? URL.parse(`http://[${address}]`)?.hostname.slice(1, -1) : undefined;
	if (canonical === undefined) {
		return undefined;
	}

	const [left = [], right = []] = canonical.split('::').map(half => (half === '' ? [] : half.split(':').map(group => Number.parseInt(group, 16))));
	return [...left, ...Array.from({length: 8 - left.length - right.length}, () => 0), ...right];
}

/** The client address as people write it: lower case, no brackets, `::ffff:10.0.0.5` as `10.0.0.5`. */
export function clientAddress(remote: string): string {
	const address = unbracket(remote.trim().toLowerCase());
	return /^::ffff:\d+\.\d+\.\d+\.\d+$/v.test(address) ? address.slice(7) : address;
}

/** How a `host:` value matches: CIDR, one complete address, or a prefix; undefined for a bad CIDR. */
export function parseHostMatch(text: string): HostMatch | undefined {
	const slash = text.indexOf('/');
	if (slash !== -1) {
		const groups = parseAddress(text.slice(0, slash));
		const isV4 = parseIpv4(text.slice(0, slash)) !== undefined;
		const lengthText = text.slice(slash + 1);
		const length = /^\d{1,3}$/v.test(lengthText) ? Number(lengthText) : NaN;
		return !groups || !(length <= (isV4 ? 32 : 128)) ? undefined : {kind: 'cidr', groups, bits: isV4 ? length + 96 : length};
	}

	const groups = parseAddress(text);
	return groups ? {kind: 'exact', groups} : {kind: 'prefix', prefix: clientAddress(text)};
}

export function isHostMatch(match: HostMatch, remote: string | undefined): boolean {
	if (remote === undefined || remote === '') {
		return false;
	}

	if (match.kind === 'prefix') {
		return clientAddress(remote).startsWith(match.prefix);
	}

	const groups = parseAddress(remote);
	if (!groups) {
		return false;
	}

	const bits = match.kind === 'exact' ? 128 : match.bits;
	for (let index = 0; index < 8 && index * 16 < bits; index++) {
		const take = Math.min(16, bits - (index * 16));
		const mask = (0xFF_FF << (16 - take)) & 0xFF_FF;
		if ((groups[index]! & mask) !== (match.groups[index]! & mask)) {
			return false;
		}
	}

	return true;
}

/** A client's network as a `host:` value takes it (`10.0.9.0/24`, `fd00:1::/64`); a name or socket path is its own. */
export function clientSubnet(client: string): string {
	const groups = parseAddress(client);
	if (!groups) {
		return client;
	}

	// `parseAddress` holds IPv4 as `::ffff:a.b.c.d`, however the client wrote it.
	const isV4 = groups.slice(0, 5).every(group => group === 0) && groups[5] === 0xFF_FF;
	if (isV4) {
		return `${groups[6]! >> 8}.${groups[6]! & 0xFF}.${groups[7]! >> 8}.0/24`;
	}

	// The URL parser writes IPv6 as RFC 5952 does: the longest run of zero groups (the first of equal runs) as `::`.
	const prefix = URL.parse(`http://[${groups.slice(0, 4).map(group => group.toString(16)).join(':')}::]`)!.hostname;
	return `${prefix.slice(1, -1)}/64`;
}
