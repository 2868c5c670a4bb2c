import type {Session} from './session.js';
import {clientAddress, isHostMatch} from './filter-address.js';
import type {
	Comparison,
	FilterTerm,
	NumberField,
	SessionFilter,
	TextField,
} from './filter-syntax.js';

export {clientAddress, parseAddress} from './filter-address.js';
export {parseDuration, parseFilter, parseSize} from './filter-syntax.js';
export type {
	Comparison, FilterTerm, ParseResult, SessionFilter,
} from './filter-syntax.js';

/**
The values a text term looks at; for `host`, the client address as the server sent it.
*/
function rawTextValues(session: Session, field: TextField): ReadonlyArray<string | undefined> {
	switch (field) {
		case 'user': {
			return [session.user];
		}

		case 'host': {
			return [session.remote];
		}

		case 'svc': {
			return session.services;
		}

		case 'server': {
			return session.servers;
		}

		case 'app': {
			return [session.appName];
		}

		case 'state': {
			return [session.state];
		}

		case 'mx': {
			return [session.host];
		}
	}
}

function numberValue(session: Session, field: NumberField, nowMs: number | undefined): number | undefined {
	switch (field) {
		case 'idle': {
			return session.idleSeconds;
		}

		case 'age': {
			if (session.ageSeconds !== undefined) {
				return session.ageSeconds;
			}

			return nowMs === undefined || session.connectedMs === undefined ? undefined : (nowMs - session.connectedMs) / 1000;
		}

		case 'mem': {
			return session.memoryBytes;
		}

		case 'io': {
			return session.ioActivity;
		}

		case 'id': {
			return /^\d+$/v.test(session.id) ? Number(session.id) : undefined;
		}

		case 'thread': {
			return session.thread;
		}
	}
}

function isComparisonTrue(actual: number, op: Comparison, expected: number): boolean {
	switch (op) {
		case '<': {
			return actual < expected;
		}

		case '<=': {
			return actual <= expected;
		}

		case '>': {
			return actual > expected;
		}

		case '>=': {
			return actual >= expected;
		}

		case '=': {
			return actual === expected;
		}
	}
}

/**
A text test that decides each distinct value once: users, client addresses, services and states
repeat over thousands of sessions, and a CIDR test parses the address.
*/
function memoized(test: (value: string) => boolean): (value: string) => boolean {
	const results = new Map<string, boolean>();
	return value => {
		let result = results.get(value);
		if (result === undefined) {
			result = test(value);
			results.set(value, result);
		}

		return result;
	};
}

/**
In a fleet `host:` also names the MaxScale a session lives on (its `host:port` key, by prefix or
CIDR), so one term narrows to one proxy as well as to one client.
*/
function isFleetHostMatch(term: Extract<FilterTerm, {kind: 'host'}>, fleetHost: string): boolean {
	const key = fleetHost.toLowerCase();
	if (term.match.kind === 'prefix') {
		return term.text !== '' && key.startsWith(term.text.toLowerCase());
	}

	const colon = key.lastIndexOf(':');
	const address = key.startsWith('[') ? key.slice(1, key.indexOf(']')) : (colon === -1 || key.indexOf(':') !== colon ? key : key.slice(0, colon));
	return isHostMatch(term.match, address);
}

function textMatcher(term: Extract<FilterTerm, {kind: 'text'}>): (session: Session) => boolean {
	const shown = term.field === 'host' ? clientAddress : (value: string) => value;
	if (term.value === '') {
		const isEmpty = memoized(value => shown(value) === '');
		return session => rawTextValues(session, term.field).every(value => value === undefined || isEmpty(value));
	}

	const isMatch = memoized(value => term.exact ? shown(value) === term.value : shown(value).toLowerCase().includes(term.value));
	return session => rawTextValues(session, term.field).some(value => value !== undefined && isMatch(value));
}

/**
The test of one term, before its negation; made once for a pass over many sessions.
*/
function termMatcher(term: FilterTerm, nowMs: number | undefined): (session: Session) => boolean {
	switch (term.kind) {
		case 'word': {
			const isMatch = memoized(value => value.toLowerCase().includes(term.value));
			const has = (value: string | undefined) => value !== undefined && isMatch(value);
			return session => has(session.user) || has(session.remote) || has(session.state) || has(session.appName) || has(session.host)
				|| session.services.some(value => has(value)) || session.servers.some(value => has(value));
		}

		case 'host': {
			const isClientMatch = memoized(remote => isHostMatch(term.match, remote));
			const isFleetMatch = memoized(host => isFleetHostMatch(term, host));
			return session => (session.remote !== undefined && isClientMatch(session.remote)) || isFleetMatch(session.host);
		}

		case 'number': {
			return session => {
				const actual = numberValue(session, term.field, nowMs);
				return actual !== undefined && isComparisonTrue(actual, term.op, term.value);
			};
		}

		case 'text': {
			return textMatcher(term);
		}
	}
}

function filterMatcher(filter: SessionFilter, nowMs: number | undefined): (session: Session) => boolean {
	const terms = filter.terms.map(term => ({test: termMatcher(term, nowMs), negate: term.negate}));
	return session => terms.every(({test, negate}) => test(session) !== negate);
}

/**
Whether a session passes every term. A session without the attribute a term needs does not
match the term, and so does match its negation. `nowMs` derives the age from `connectedMs`
when the server did not send `seconds_alive`.
*/
export function matchSession(filter: SessionFilter, session: Session, nowMs?: number): boolean {
	return filterMatcher(filter, nowMs)(session);
}

export function applyFilter(sessions: readonly Session[], filter: SessionFilter, nowMs?: number): Session[] {
	if (filter.terms.length === 0) {
		return [...sessions];
	}

	const isMatch = filterMatcher(filter, nowMs);
	return sessions.filter(session => isMatch(session));
}

function quote(value: string, isForced: boolean): string {
	return isForced || value === '' || /[\s"]/v.test(value) ? `"${value.replaceAll(/["\\]/gv, String.raw`\$&`)}"` : value;
}

/**
A term value as the filter syntax needs it: quoted when empty or holding spaces or quotes.
*/
export function quoteFilterValue(value: string): string {
	return quote(value, value.startsWith('"'));
}

export function formatDuration(seconds: number): string {
	for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
		if (seconds >= size && seconds % size === 0) {
			return `${seconds / size}${unit}`;
		}
	}

	return `${seconds}s`;
}

export function formatSize(bytes: number): string {
	for (const [unit, size] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]] as const) {
		if (bytes >= size && bytes % size === 0) {
			return `${bytes / size}${unit}`;
		}
	}

	return String(bytes);
}

function describeTerm(term: FilterTerm): string {
	const prefix = term.negate ? '!' : '';
	switch (term.kind) {
		case 'word': {
			// A word that looks like `field:` or starts with `!` must stay a word when parsed again.
			return prefix + quote(term.value, /^!|^[a-z]+[:<=>]/iv.test(term.value));
		}

		case 'host': {
			return `${prefix}host${term.match.kind === 'exact' ? '=' : ':'}${quote(term.text, false)}`;
		}

		case 'number': {
			const value = term.field === 'idle' || term.field === 'age' ? formatDuration(term.value) : (term.field === 'mem' ? formatSize(term.value) : String(term.value));
			return `${prefix}${term.field}${term.op}${value}`;
		}

		case 'text': {
			return `${prefix}${term.field}${term.exact && term.value !== '' ? '=' : ':'}${quote(term.value, false)}`;
		}
	}
}

/**
The filter in canonical syntax for the header; parsing it again gives the same filter.
*/
export function describeFilter(filter: SessionFilter): string {
	return filter.terms.map(term => describeTerm(term)).join(' ');
}
