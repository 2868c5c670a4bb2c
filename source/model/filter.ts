import type {Session} from './session.js';
import {clientAddress, isHostMatch} from './filter-address.js';
import {
	type Comparison,
	filterFields,
	type FilterTerm,
	type SessionFilter,
} from './filter-syntax.js';
import {isNumberType, namedFields, type Field} from './session-fields.js';

export {clientAddress, parseAddress} from './filter-address.js';
export {parseDuration, parseFilter, parseSize} from './filter-syntax.js';
export type {
	Comparison, FilterTerm, ParseResult, SessionFilter,
} from './filter-syntax.js';

/** Whether some value of a text field passes; for `host`, the client address as the server sent it. */
function hasText(session: Session, field: Field, test: (value: string) => boolean): boolean {
	const value = session[field.key] as string | readonly string[] | undefined;
	return typeof value === 'string' ? test(value) : value?.some(item => test(item)) === true;
}

function numberValue(session: Session, field: Field, nowMs: number | undefined): number | undefined {
	if (field.type === 'id') {
		return /^\d+$/v.test(session.id) ? Number(session.id) : undefined;
	}

	const value = session[field.key] as number | undefined;
	return value ?? (nowMs === undefined ? undefined : field.orElse?.(key => session[key as keyof Session], nowMs));
}

const textFields = namedFields.filter(field => !isNumberType(field.type));

const comparisons: Record<Comparison, (actual: number, expected: number) => boolean> = {
	'<': (actual, expected) => actual < expected,
	'<=': (actual, expected) => actual <= expected,
	'>': (actual, expected) => actual > expected,
	'>=': (actual, expected) => actual >= expected,
	'=': (actual, expected) => actual === expected,
};

/** Decides each distinct value once: users, addresses, services and states repeat, and a CIDR test parses the address. */
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

/** In a fleet `host:` also names the MaxScale (its `host:port` key, by prefix or CIDR): one term narrows to one proxy. */
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
	const {field} = filterFields.get(term.field)!;
	if (term.value === '') {
		const isEmpty = memoized(value => shown(value) === '');
		return session => !hasText(session, field, value => !isEmpty(value));
	}

	const isMatch = memoized(value => term.exact ? shown(value) === term.value : shown(value).toLowerCase().includes(term.value));
	return session => hasText(session, field, isMatch);
}

/** The test of one term, before its negation; made once for a pass over many sessions. */
function termMatcher(term: FilterTerm, nowMs: number | undefined): (session: Session) => boolean {
	switch (term.kind) {
		case 'word': {
			const isMatch = memoized(value => value.toLowerCase().includes(term.value));
			return session => textFields.some(field => hasText(session, field, isMatch));
		}

		case 'host': {
			const isClientMatch = memoized(remote => isHostMatch(term.match, remote));
			const isFleetMatch = memoized(host => isFleetHostMatch(term, host));
			return session => (session.remote !== undefined && isClientMatch(session.remote)) || isFleetMatch(session.host);
		}

		case 'number': {
			const {field} = filterFields.get(term.field)!;
			return session => {
				const actual = numberValue(session, field, nowMs);
				return actual !== undefined && comparisons[term.op](actual, term.value);
			};
		}

		case 'text': {
			return textMatcher(term);
		}
	}
}

export function filterMatcher(filter: SessionFilter, nowMs: number | undefined): (session: Session) => boolean {
	const terms = filter.terms.map(term => ({test: termMatcher(term, nowMs), negate: term.negate}));
	return session => terms.every(({test, negate}) => test(session) !== negate);
}

/**
Whether a session passes every term; without the attribute a term needs it fails the term and passes its negation.
`nowMs` derives the age from `connectedMs` when the server sent no `seconds_alive`.
*/
export function matchSession(filter: SessionFilter, session: Session, nowMs?: number): boolean {
	return filterMatcher(filter, nowMs)(session);
}

export function applyFilter(sessions: readonly Session[], filter: SessionFilter, nowMs?: number): Session[] {
	const isMatch = filterMatcher(filter, nowMs);
	return sessions.filter(session => isMatch(session));
}

/** A term value as the filter syntax needs it: quoted when empty or holding spaces or quotes. */
export function quoteFilterValue(value: string): string {
	return value === '' || /[\s"]/v.test(value) ? `"${value.replaceAll(/["\\]/gv, String.raw`\$&`)}"` : value;
}
