type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
`fields[TYPE]=a,b/c` query parameters, as {TYPE: [['a'], ['b', 'c']]}.
*/
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

/**
Copy `path` from `source` into `target`; a path stops at an array and keeps it whole.
*/
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

/**
Apply every `fields[TYPE]` to the objects in `body.data` whose `type` matches; other types are ignored.
*/
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

/**
Count of named paths for the cost model.
*/
export const fieldCount = (fields: Map<string, string[][]>): number => Array.from(fields.values(), paths => paths.length).reduce((sum, count) => sum + count, 0);
