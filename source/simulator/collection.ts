/*
What a collection GET does after building its full answer, in 24.02's order: filter the rows,
cut a page, then apply sparse fieldsets (API reference §3.2–3.4).
*/
import {applyFields, parseFields} from './fields.js';
import {rowFilter} from './row-filter.js';
import {isLegacy, type SimulatorVersion} from './types.js';

type Json = Record<string, unknown>;

/**
`page[size]` (a positive integer, or the parameter is ignored) and the 0-based `page[number]`:
6.4.4+ and 22.08.3+. `meta.total` counts the filtered rows; the links carry only the page.
*/
export function paginate(body: Json, query: Record<string, string>, self: string): Json {
	const sizeText = query['page[size]'];
	if (!Array.isArray(body['data']) || sizeText === undefined || !/^\d+$/.test(sizeText) || Number(sizeText) === 0) {
		return body;
	}

	const size = Number(sizeText);
	const numberText = query['page[number]'] ?? '0';
	const number = /^\d+$/.test(numberText) ? Number(numberText) : 0;
	const rows = body['data'] as unknown[];
	const last = Math.max(0, Math.ceil(rows.length / size) - 1);
	const page = (index: number): string => `${self}?page%5Bsize%5D=${size}&page%5Bnumber%5D=${index}`;
	const links: Json = {first: page(0), last: page(last)};
	if (number < last) {
		links['next'] = page(number + 1);
	}

	if (number > 0 && number <= last) {
		links['prev'] = page(number - 1);
	}

	links['self'] = page(number);
	return {
		...body, data: rows.slice(number * size, (number + 1) * size), links, meta: {total: rows.length},
	};
}

/**
Shape a read's full answer as the query asks. Throws FilterError for an invalid filter (24.02).
*/
export function shapeRead(body: Json, query: Record<string, string>, version: SimulatorVersion, self: string): Json {
	// 2.4.19's captures are silent on `fields` and `page`: 2.4 follows 2.2, which has neither.
	if (isLegacy(version)) {
		return body;
	}

	let result = body;
	const keep = Array.isArray(body['data']) ? rowFilter(query, version) : undefined;
	if (keep) {
		result = {...result, data: (result['data'] as unknown[]).filter(item => keep(item))};
	}

	if (version !== '6' || Array.isArray(body['data'])) {
		result = paginate(result, query, self);
	}

	return applyFields(result, parseFields(query));
}
