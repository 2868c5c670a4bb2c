import {clientAddress, clientSubnet} from '../model/filter-address.js';
import {groupSessions, noneKey, type SessionGroup} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';

/** The label value past the top N: whatever the clients send, a host has at most N + 1 series a dimension. */
export const otherValue = 'other';

export type Tally = {value: string; sessions: number; memoryBytes: number};

/** One host's list, reduced to what the endpoint serves once per list poll, so a scrape only reads it. */
export type Breakdown = {
	sessions: number;
	byServiceState: Tally[];
	user: Tally[];
	app: Tally[];
	network: Tally[];
	server: Tally[];
};

/** In parts, each a pass over the list, so a scrape that arrives meanwhile waits for one part, not all. */
export function breakdownParts(sessions: readonly Session[], top: number): Array<() => Partial<Breakdown>> {
	return [
		() => ({sessions: sessions.length, byServiceState: serviceStates(sessions)}),
		() => ({user: topWithOther(groupSessions(sessions, 'user'), top)}),
		() => ({app: topWithOther(groupSessions(sessions, 'app'), top)}),
		() => ({network: topWithOther(networks(sessions), top)}),
		() => ({server: topWithOther(groupSessions(sessions, 'server'), top)}),
	];
}

export function sessionBreakdown(sessions: readonly Session[], top: number): Breakdown {
	return Object.assign({}, ...breakdownParts(sessions, top).map(part => part())) as Breakdown;
}

/** The `top` largest groups under their sanitized keys, the rest summed under `other`; keys that sanitize alike add up. */
export function topWithOther(groups: readonly SessionGroup[], top: number): Tally[] {
	const tallies = new Map<string, Tally>();
	for (const [index, group] of groups.entries()) {
		const value = index < top ? sanitize(group.key) : otherValue;
		const tally = tallies.get(value) ?? {value, sessions: 0, memoryBytes: 0};
		tally.sessions += group.count;
		tally.memoryBytes += group.memoryBytes ?? 0;
		tallies.set(value, tally);
	}

	return [...tallies.values()];
}

// MaxScale prints a client's IPv4 address as inet_ntop does: a slice covers most lists, even with
// tens of thousands of distinct addresses; anything else is parsed once per address.
const ipv4 = /^(?:::ffff:)?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/iv;

// Client /24 or /64 networks, largest first.
function networks(sessions: readonly Session[]): SessionGroup[] {
	const parsed = new Map<string, string>();
	const byNetwork = new Map<string, SessionGroup>();
	for (const {remote, memoryBytes} of sessions) {
		let key = noneKey;
		if (remote !== undefined && remote !== '') {
			if (ipv4.test(remote)) {
				key = `${remote.slice(remote.lastIndexOf(':') + 1, remote.lastIndexOf('.'))}.0/24`;
			} else {
				key = parsed.get(remote) ?? clientSubnet(clientAddress(remote));
				parsed.set(remote, key);
			}
		}

		const group = byNetwork.get(key) ?? {key, missing: key === noneKey, count: 0};
		group.count++;
		if (memoryBytes !== undefined) {
			group.memoryBytes = (group.memoryBytes ?? 0) + memoryBytes;
		}

		byNetwork.set(key, group);
	}

	return [...byNetwork.values()].toSorted((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

// Services and states are MaxScale's own names, a handful each: no top N.
function serviceStates(sessions: readonly Session[]): Tally[] {
	const tallies = new Map<string, Tally>();
	for (const {services, state, memoryBytes} of sessions) {
		for (const service of services.length === 0 ? [noneKey] : (services.length === 1 ? services : new Set(services))) {
			const value = `${service}\u{0}${state ?? noneKey}`;
			const tally = tallies.get(value) ?? {value, sessions: 0, memoryBytes: 0};
			tally.sessions++;
			tally.memoryBytes += memoryBytes ?? 0;
			tallies.set(value, tally);
		}
	}

	return [...tallies.values()].map(tally => ({...tally, value: tally.value.split('\u{0}').map(part => sanitize(part)).join('\u{0}')}));
}
