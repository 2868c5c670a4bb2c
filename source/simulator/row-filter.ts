/*
Row filters of collection GETs (API reference §3.3): `filter=<JSON pointer>=<value or expression>`
from 2.5.0, `filter[<JSONPath>]=<expression>` from 24.02.0, and MaxScale 24.02's expression
language (`eq ne lt le gt ge and or not`), type rules included.
*/
import {numberOf} from './json-output.js';
import {isLegacy, type SimulatorVersion} from './types.js';
import type {Json} from './http-types.js';

/** A JSON value as a filter compares it: jansson tells integers from reals. */
type Value = {type: 'integer' | 'real' | 'string' | 'boolean' | 'null' | 'array' | 'object'; value: unknown};

type Matcher = (value: Value) => boolean;

export class FilterError extends Error {}

function valueOf(raw: unknown): Value {
	const number = numberOf(raw);
	if (number) {
		return {type: number.isReal || !Number.isSafeInteger(number.value) ? 'real' : 'integer', value: number.value};
	}

	if (raw === null) {
		return {type: 'null', value: null};
	}

	if (Array.isArray(raw)) {
		return {type: 'array', value: raw};
	}

	const type = typeof raw;
	return {type: type === 'string' || type === 'boolean' ? type : 'object', value: raw};
}

/** A literal of an expression, its number typed by how it is written (`10` integer, `10.0` real). */
function literal(text: string): Value {
	let typed: Value | undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text, (key, value: unknown, context?: {source?: string}) => {
			if (key === '' && typeof value === 'number' && context?.source !== undefined) {
				typed = {type: /[.e]/i.test(context.source) ? 'real' : 'integer', value};
			}

			return value;
		});
	} catch {
		// 24.02.3 answered `gt(` with exactly this (jansson's message was empty there).
		throw new FilterError('Invalid JSON: ');
	}

	return typed ?? valueOf(parsed);
}

function same(a: Value, b: Value): boolean {
	return a.type === b.type && JSON.stringify(a.value) === JSON.stringify(b.value);
}

/**
`lt_json`/`le_json` of 24.02.3: only values of one type are ordered; across types `lt` is false
and `le` true (so `ge(5)` against a string id passes every row).
*/
function less(a: Value, b: Value, orEqual: boolean): boolean {
	if (a.type !== b.type) {
		return orEqual;
	}

	if ((typeof a.value === 'number' && typeof b.value === 'number') || (typeof a.value === 'string' && typeof b.value === 'string')) {
		return orEqual ? a.value <= b.value : a.value < b.value;
	}

	return orEqual && same(a, b);
}

/** Split `a,b(c,d),"e,f"` at the commas of its own level. */
function splitArguments(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let inString = false;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') {
				index++;
			} else if (char === '"') {
				inString = false;
			}

			continue;
		}

		if (char === '"') {
			inString = true;
		} else if ('([{'.includes(char!)) {
			depth++;
		} else if (')]}'.includes(char!)) {
			depth--;
		} else if (char === ',' && depth === 0) {
			parts.push(text.slice(start, index));
			start = index + 1;
		}
	}

	parts.push(text.slice(start));
	return parts;
}

const comparisons: Record<string, (target: Value) => Matcher> = {
	eq: target => value => same(value, target),
	ne: target => value => !same(value, target),
	lt: target => value => less(value, target, false),
	le: target => value => less(value, target, true),
	gt: target => value => less(target, value, false),
	ge: target => value => less(target, value, true),
};

/**
MaxScale 24.02's `MatcherParser`: an operator call, or a bare JSON value meaning `eq` unless it
starts with a letter.
*/
export function parseExpression(text: string): Matcher {
	const call = /^([a-z]+)\((.*)\)$/s.exec(text);
	if (call) {
		const [, name = '', inner = ''] = call;
		const comparison = comparisons[name];
		if (comparison) {
			return comparison(literal(inner));
		}

		const operands = splitArguments(inner).map(part => parseExpression(part));
		if (name === 'and') {
			return value => operands.every(matcher => matcher(value));
		}

		if (name === 'or') {
			return value => operands.some(matcher => matcher(value));
		}

		if (name === 'not') {
			return value => operands.every(matcher => !matcher(value));
		}
	}

	if (/^[a-z]+\(/i.test(text) && !text.endsWith(')')) {
		// An opened call that never closes: its argument is not JSON.
		throw new FilterError('Invalid JSON: ');
	}

	if (/^[a-z]/i.test(text) || text.startsWith('/')) {
		throw new FilterError(`Not a valid filter expression: ${text}`);
	}

	const target = literal(text);
	return value => same(value, target);
}

/** MaxScale's lenient JSON pointer: the leading `/` is optional and there is no `~` escaping. */
function pointer(item: unknown, path: string): unknown[] {
	let current: unknown = item;
	for (const part of path.replace(/^\//, '').split('/')) {
		if (part === '') {
			continue;
		}

		if (Array.isArray(current)) {
			current = /^\d+$/.test(part) ? current[Number(part)] : undefined;
		} else if (typeof current === 'object' && current !== null) {
			current = (current as Json)[part];
		} else {
			return [];
		}

		if (current === undefined) {
			return [];
		}
	}

	return [current];
}

/** The JSONPath subset of 24.02: `a.b`, `a[0]`, `a[0,2]`, `a[*]`, `a.*`, an optional leading `$`. */
function jsonPath(item: unknown, path: string): unknown[] {
	const steps = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[[^[\]]*\]/g) ?? [];
	let current: unknown[] = [item];
	for (const step of steps) {
		const next: unknown[] = [];
		const keys = step.startsWith('[') ? step.slice(1, -1).split(',').map(key => key.trim().replaceAll(/^["']|["']$/g, '')) : [step];
		for (const node of current) {
			if (typeof node !== 'object' || node === null) {
				continue;
			}

			const children: unknown[] = keys.includes('*') ? Object.values(node as Json) : keys.map(key => (node as Json)[key]);
			next.push(...children.filter(child => child !== undefined));
		}

		current = next;
	}

	return current;
}

export type RowFilter = (item: unknown) => boolean;

/** The row filter a query asks for, or undefined. Throws FilterError for what 24.02 answers with 400. */
export function rowFilter(query: Record<string, string>, version: SimulatorVersion): RowFilter | undefined {
	// 2.4.19's captures are silent on `filter`: 2.4 follows 2.2, which has none.
	if (isLegacy(version)) {
		return undefined;
	}

	const tests: RowFilter[] = [];
	const plain = query['filter'];
	const equals = plain?.indexOf('=') ?? -1;
	if (plain !== undefined && equals !== -1) {
		const path = plain.slice(0, equals);
		const right = plain.slice(equals + 1);
		if (version === '24.02') {
			const matcher = parseExpression(right);
			tests.push(item => pointer(item, path).some(value => matcher(valueOf(value))));
		} else {
			// Before 24.02 the right side is JSON compared for equality; invalid JSON filters nothing.
			let target: Value | undefined;
			try {
				target = literal(right);
			} catch {}

			if (target) {
				const wanted = target;
				tests.push(item => pointer(item, path).some(value => same(valueOf(value), wanted)));
			}
		}
	}

	if (version === '24.02') {
		for (const [key, expression] of Object.entries(query)) {
			const match = /^filter\[(.+)\]$/s.exec(key);
			if (!match) {
				continue;
			}

			const matcher = parseExpression(expression);
			tests.push(item => jsonPath(item, match[1]!).some(value => matcher(valueOf(value))));
		}
	}

	return tests.length === 0 ? undefined : item => tests.every(test => test(item));
}
