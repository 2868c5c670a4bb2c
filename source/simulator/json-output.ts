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

type RawJson = {readonly rawJSON: string};

// JSON.rawJSON (V8 11.4+, so every Node this runs on) is not in TypeScript's lib yet.
const json = JSON as unknown as {rawJSON: (text: string) => RawJson; isRawJSON: (value: unknown) => value is RawJson};

/**
`printf("%.17g")` as jansson writes a double, with its own touches: a whole value keeps `.0`
(`1826.0`) and the exponent loses its `+` and leading zeros (`1e21`, `1.5e-5`).
*/
export function formatReal(value: number): string {
	if (!Number.isFinite(value)) {
		return 'null';
	}

	const [mantissa = '0', exponentText = '0'] = value.toExponential(16).split('e', 2);
	const exponent = Number(exponentText);
	const trim = (text: string): string => {
		if (!text.includes('.')) {
			return text;
		}

		let end = text.length;
		while (text[end - 1] === '0') {
			end--;
		}

		return text.slice(0, text[end - 1] === '.' ? end - 1 : end);
	};

	const text = exponent < -4 || exponent >= 17
		? `${trim(mantissa)}e${exponent < 0 ? '-' : ''}${Math.abs(exponent)}`
		: trim(value.toFixed(Math.max(0, 16 - exponent)));
	return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
A number MaxScale keeps as a double: serialized the way jansson writes it. Filters and sparse
fieldsets read it back with `numberOf`.
*/
export const real = (value: number): number => json.rawJSON(formatReal(value)) as unknown as number;

/** The number behind a value: a plain number, or one made by `real`, with which of the two it was. */
export function numberOf(value: unknown): {value: number; isReal: boolean} | undefined {
	if (typeof value === 'number') {
		return {value, isReal: false};
	}

	return json.isRawJSON(value) ? {value: Number(value.rawJSON), isReal: true} : undefined;
}

function sortDeep(value: unknown): unknown {
	if (json.isRawJSON(value)) {
		return value;
	}

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
2.4 kept insertion order even when pretty (`keepOrder`): its renderers build keys in that order.
*/
export function serialize(body: unknown, pretty: boolean, keepOrder = false): string {
	return pretty ? JSON.stringify(keepOrder ? body : sortDeep(body), undefined, 4) : JSON.stringify(body);
}
