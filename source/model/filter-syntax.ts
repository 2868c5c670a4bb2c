import {
	clientAddress,
	parseAddress,
	parseHostMatch,
	type HostMatch,
} from './filter-address.js';
import {isNumberType, namedFields, type Field} from './session-fields.js';

/*
The filter typed after `/`: whitespace-separated terms, all of which must match.
  batch                plain word: case-insensitive substring of user, client address, service,
                       state, backend server, app name or MaxScale host
  user:bat             field substring (case-insensitive);  user=batch  exact value
  user:""              the attribute is missing (handshake-pending sessions have no user)
  host:10.0.9.         client address prefix; host:10.0.9.0/24, host:fd00::/8 CIDR;
                       a complete address (host:10.0.9.7) matches only that address
  idle>10m  age<30s  mem>=1.5M  io>100  id=42  thread=3     comparisons: < <= > >= =
  !user:batch          negation
*/

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/** `field` is the name the filter prints for it (`mem`, `svc`). */
export type FilterTerm = {negate: boolean} & (
	| {kind: 'word'; value: string}
	| {kind: 'text'; field: string; value: string; exact: boolean}
	| {kind: 'host'; text: string; match: HostMatch}
	| {kind: 'number'; field: string; op: Comparison; value: number}
);

export type SessionFilter = {terms: FilterTerm[]};

export type ParseResult = {ok: true; filter: SessionFilter} | {ok: false; error: string; column: number};

/** Every name a filter term may use, to its field and the name the filter prints. */
export const filterFields: ReadonlyMap<string, {field: Field; name: string}> = new Map(namedFields.flatMap(field => {
	const names = field.filter ?? [field.name];
	return names.map(name => [name, {field, name: names[0]!}]);
}));

const durationUnits: Record<string, number> = {
	ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400,
};
const sizeUnits: Record<string, number> = {
	'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4,
};

class FilterSyntaxError extends Error {
	readonly column: number;

	constructor(message: string, column: number) {
		super(message);
		this.column = column;
	}
}

export function parseDuration(text: string): number | undefined {
	// `1h30m` is allowed: parts are read one after the other, each a number with an optional unit.
	const part = /(?<number>\d+(?:\.\d+)?)(?<unit>ms|[dhms])?/ivy;
	let seconds = 0;
	while (part.lastIndex < text.length) {
		const match = part.exec(text);
		if (!match) {
			return undefined;
		}

		seconds += Number(match.groups!['number']) * durationUnits[(match.groups!['unit'] ?? 's').toLowerCase()]!;
	}

	return text === '' ? undefined : seconds;
}

export function parseSize(text: string): number | undefined {
	const match = /^(?<number>\d+(?:\.\d+)?)(?<unit>[gkmt]?)(?:i?b)?$/iv.exec(text);
	return match ? Math.round(Number(match.groups!['number']) * sizeUnits[match.groups!['unit']!.toLowerCase()]!) : undefined;
}

type Cursor = {text: string; index: number};

function readValue(cursor: Cursor): {value: string; quoted: boolean} {
	const {text} = cursor;
	if (text[cursor.index] !== '"') {
		const value = /^\S*/v.exec(text.slice(cursor.index))![0];
		cursor.index += value.length;
		return {value, quoted: false};
	}

	const quoteColumn = cursor.index + 1;
	let value = '';
	cursor.index++;
	while (cursor.index < text.length && text[cursor.index] !== '"') {
		if (text[cursor.index] === '\\' && cursor.index + 1 < text.length) {
			cursor.index++;
		}

		value += text[cursor.index];
		cursor.index++;
	}

	if (cursor.index >= text.length) {
		throw new FilterSyntaxError('unterminated quote', quoteColumn);
	}

	cursor.index++;
	if (cursor.index < text.length && !/\s/v.test(text[cursor.index]!)) {
		throw new FilterSyntaxError('expected a space after the closing quote', cursor.index + 1);
	}

	return {value, quoted: true};
}

const numberParsers: Partial<Record<Field['type'], (text: string) => number | undefined>> = {seconds: parseDuration, bytes: parseSize};
const wholeNumber = (text: string) => /^\d+$/v.test(text) ? Number(text) : undefined;

function parseTerm(cursor: Cursor): FilterTerm {
	const start = cursor.index;
	const column = start + 1;
	const isNegate = cursor.text[cursor.index] === '!';
	if (isNegate) {
		cursor.index++;
		if (cursor.index >= cursor.text.length || /\s/v.test(cursor.text[cursor.index]!)) {
			throw new FilterSyntaxError('\'!\' needs a term right after it', column);
		}
	}

	const head = /^(?<name>[a-z]+)(?<operator>>=|<=|[:<=>])/iv.exec(cursor.text.slice(cursor.index));
	if (!head) {
		const {value} = readValue(cursor);
		return {negate: isNegate, kind: 'word', value: value.toLowerCase()};
	}

	cursor.index += head[0].length;
	const name = head.groups!['name']!.toLowerCase();
	const operator = head.groups!['operator']!;
	const {value, quoted} = readValue(cursor);
	const term = cursor.text.slice(start, cursor.index);
	const known = filterFields.get(name);
	if (known === undefined) {
		throw new FilterSyntaxError(`unknown field '${head.groups!['name']!}' in '${term}'`, column);
	}

	const field = known.name;
	if (isNumberType(known.field.type)) {
		const example = known.field.example ?? 'a number like 1';
		if (value === '') {
			throw new FilterSyntaxError(`'${head[0]}' needs ${example}`, column);
		}

		const number = (numberParsers[known.field.type] ?? wholeNumber)(value);
		if (number === undefined) {
			throw new FilterSyntaxError(`'${term}': '${value}' is not ${example}`, column);
		}

		return {
			negate: isNegate, kind: 'number', field, op: operator === ':' ? '=' : operator as Comparison, value: number,
		};
	}

	if (operator !== ':' && operator !== '=') {
		throw new FilterSyntaxError(`'${term}': ${name} takes ':' or '=', not '${operator}'`, column);
	}

	if (value === '' && !quoted) {
		throw new FilterSyntaxError(`'${head[0]}' needs a value (${name}:"" selects sessions without one)`, column);
	}

	if (field === 'host' && value !== '') {
		const groups = operator === '=' ? parseAddress(value) : undefined;
		if (operator === ':' || groups) {
			const match: HostMatch | undefined = groups ? {kind: 'exact', groups} : parseHostMatch(value);
			if (!match) {
				throw new FilterSyntaxError(`bad CIDR ${value}`, column);
			}

			return {
				negate: isNegate, kind: 'host', text: clientAddress(value), match,
			};
		}

		return {
			negate: isNegate, kind: 'text', field, value: clientAddress(value), exact: true,
		};
	}

	const isExact = operator === '=' || value === '';
	return {
		negate: isNegate, kind: 'text', field, value: isExact ? value : value.toLowerCase(), exact: isExact,
	};
}

export function parseFilter(text: string): ParseResult {
	const cursor: Cursor = {text, index: 0};
	const terms: FilterTerm[] = [];
	try {
		for (;;) {
			cursor.index += /^\s*/v.exec(text.slice(cursor.index))![0].length;
			if (cursor.index >= text.length) {
				return {ok: true, filter: {terms}};
			}

			terms.push(parseTerm(cursor));
		}
	} catch (error) {
		if (error instanceof FilterSyntaxError) {
			return {ok: false, error: `${error.message} at column ${error.column}`, column: error.column};
		}

		throw error;
	}
}
