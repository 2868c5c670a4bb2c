/*
What a collection GET does after building its full answer, in 24.02's order: filter the rows,
cut a page, then apply sparse fieldsets (API reference §3.2–3.4).
*/
import {rowFilter} from './row-filter.js';
import {isLegacy, type SimulatorVersion} from './types.js';
import {isObject, type Json} from './http-types.js';

/** `fields[TYPE]=a,b/c` query parameters, as {TYPE: [['a'], ['b', 'c']]}. */
export function parseFields(query: Record<string, string>): Map<string, string[][]> {
	const result = new Map<string, string[][]>();
	for (const [key, value] of Object.entries(query)) {
		const match = /^fields\[(.+)\]$/.exec(key);
		if (match) {
			result.set(match[1]!, value.split(',').filter(Boolean).map(path => path.split('/')));
		}
	}

	return result;
}

/** Copy `path` from `source` into `target`; a path stops at an array and keeps it whole. */
function copyPath(source: Json, target: Json, path: readonly string[]): void {
	const [head, ...rest] = path;
	if (head === undefined || !(head in source)) {
		return;
	}

	const value = source[head];
	if (rest.length === 0 || Array.isArray(value)) {
		target[head] = value;
		return;
	}

	if (!isObject(value)) {
		return;
	}

	const child = isObject(target[head]) ? target[head] : {};
	copyPath(value, child, rest);
	if (Object.keys(child).length > 0) {
		target[head] = child;
	}
}

function sortedCopy(source: Json, paths: readonly string[][]): Json {
	const picked: Json = {};
	for (const path of paths) {
		copyPath(source, picked, path);
	}

	// In the source's key order, whatever order the paths named them in.
	return Object.fromEntries(Object.keys(source).filter(key => key in picked).map(key => [key, picked[key]]));
}

/**
Apply a sparse fieldset to one resource object: each path is relative to both `attributes` and
`relationships`; `id`, `type` and `links` stay; an emptied `attributes` or `relationships` goes.
*/
function sparseResource(resource: Json, paths: readonly string[][]): Json {
	const result: Json = {};
	for (const [key, value] of Object.entries(resource)) {
		if ((key === 'attributes' || key === 'relationships') && isObject(value)) {
			const kept = sortedCopy(value, paths);
			if (Object.keys(kept).length > 0) {
				result[key] = kept;
			}
		} else {
			result[key] = value;
		}
	}

	return result;
}

/** Apply every `fields[TYPE]` to the objects in `body.data` whose `type` matches; other types are ignored. */
export function applyFields(body: Json, fields: Map<string, string[][]>): Json {
	if (fields.size === 0) {
		return body;
	}

	const apply = (item: unknown): unknown => {
		if (!isObject(item) || typeof item['type'] !== 'string') {
			return item;
		}

		const paths = fields.get(item['type']);
		return paths ? sparseResource(item, paths) : item;
	};

	const data = Array.isArray(body['data']) ? body['data'].map(item => apply(item)) : apply(body['data']);
	return {...body, data};
}

/** Count of named paths for the cost model. */
export const fieldCount = (fields: Map<string, string[][]>): number => Array.from(fields.values(), paths => paths.length).reduce((sum, count) => sum + count, 0);

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

/** Shape a read's full answer as the query asks. Throws FilterError for an invalid filter (24.02). */
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
