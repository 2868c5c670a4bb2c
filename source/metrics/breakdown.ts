import {clientSubnet} from '../model/filter-address.js';
import {groupSessions, noneKey, type SessionGroup} from '../model/group.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';

/**
The label value of everything past the top N: whatever the clients send, a host has at most N + 1
series per dimension.
*/
export const otherValue = 'other';

export type Tally = {value: string; sessions: number; memoryBytes: number};

/**
One host's list, reduced to what the endpoint serves: computed once per list poll, so a scrape
only reads it.
*/
export type Breakdown = {
	sessions: number;
	byServiceState: Tally[];
	user: Tally[];
	app: Tally[];
	network: Tally[];
	server: Tally[];
};

export function sessionBreakdown(sessions: readonly Session[], top: number): Breakdown {
	return {
		sessions: sessions.length,
		byServiceState: serviceStates(sessions),
		user: topWithOther(groupSessions(sessions, 'user'), top),
		app: topWithOther(groupSessions(sessions, 'app'), top),
		network: topWithOther(networks(groupSessions(sessions, 'client')), top),
		server: topWithOther(groupSessions(sessions, 'server'), top),
	};
}

/**
The `top` largest groups by session count, each under its sanitized key, and the rest summed
under `other`. Keys that sanitize alike, or a real `other`, add up into one series.
*/
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

// Client addresses (a few hundred at most per thousand sessions) into their /24 or /64, largest first.
function networks(clients: readonly SessionGroup[]): SessionGroup[] {
	const byNetwork = new Map<string, SessionGroup>();
	for (const client of clients) {
		const key = client.missing ? noneKey : clientSubnet(client.key);
		const group = byNetwork.get(key) ?? {key, missing: client.missing, count: 0};
		group.count += client.count;
		if (client.memoryBytes !== undefined) {
			group.memoryBytes = (group.memoryBytes ?? 0) + client.memoryBytes;
		}

		byNetwork.set(key, group);
	}

	return [...byNetwork.values()].toSorted((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

// Services and states are MaxScale's own names, a handful each: no top N.
function serviceStates(sessions: readonly Session[]): Tally[] {
	const tallies = new Map<string, Tally>();
	for (const session of sessions) {
		const state = sanitize(session.state ?? noneKey);
		for (const service of session.services.length === 0 ? [noneKey] : new Set(session.services)) {
			const value = `${sanitize(service)}\u{0}${state}`;
			const tally = tallies.get(value) ?? {value, sessions: 0, memoryBytes: 0};
			tally.sessions++;
			tally.memoryBytes += session.memoryBytes ?? 0;
			tallies.set(value, tally);
		}
	}

	return [...tallies.values()];
}
