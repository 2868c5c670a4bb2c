import type {SimulatorVersion} from './types.js';

/**
Whether to indent. ≤22.08: only `pretty=true` or no parameter is pretty; 23.02+: any falsy
configuration boolean (`false`, `off`, `no`, `0`) gives compact output.
*/
export function wantsPretty(raw: string | undefined, version: SimulatorVersion): boolean {
	if (raw === undefined || raw === '') {
		return true;
	}

	return version === '24.02' ? !['false', 'off', 'no', '0'].includes(raw.toLowerCase()) : raw === 'true';
}

function sortDeep(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map(item => sortDeep(item));
	}

	if (typeof value === 'object' && value !== null) {
		const result: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			result[key] = sortDeep((value as Record<string, unknown>)[key]);
		}

		return result;
	}

	return value;
}

/**
MaxScale's pretty output: 4-space indent, keys sorted. Compact output keeps the (already sorted) build order.
*/
export function serialize(body: unknown, pretty: boolean): string {
	return pretty ? JSON.stringify(sortDeep(body), undefined, 4) : JSON.stringify(body);
}
