export type NumberResult = {ok: true; value: number} | {ok: false; error: string};

type NumberRule = {
	/**
	Only whole numbers.
	*/
	integer?: boolean;
	/**
	Smallest allowed value; with `exclusiveMin` the value must be greater.
	*/
	min?: number;
	exclusiveMin?: boolean;
	max?: number;
};

/**
Validates a number given as text. Flags are read as strings on purpose: meow turns a bad
`type: 'number'` value into `null` without a word (ink-stack.md §5).
*/
export function parseNumber(flag: string, text: string, rule: NumberRule): NumberResult {
	const trimmed = text.trim();
	const value = /^[+\-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+\-]?\d+)?$/iv.test(trimmed) ? Number(trimmed) : NaN;
	const kind = describe(rule);
	if (!Number.isFinite(value) || (rule.integer && !Number.isSafeInteger(value))) {
		return {ok: false, error: `${flag} needs ${kind}, not '${text}'`};
	}

	const isTooSmall = rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min);
	const isTooLarge = rule.max !== undefined && value > rule.max;
	return isTooSmall || isTooLarge ? {ok: false, error: `${flag} needs ${kind}, not '${text}'`} : {ok: true, value};
}

function describe(rule: NumberRule): string {
	if (rule.min === 0 && rule.exclusiveMin && rule.max === undefined) {
		return rule.integer ? 'a positive whole number' : 'a positive number';
	}

	const noun = rule.integer ? 'a whole number' : 'a number';

	if (rule.min !== undefined && rule.max !== undefined) {
		return `${noun} ${rule.exclusiveMin ? 'above' : 'from'} ${rule.min} ${rule.exclusiveMin ? 'up ' : ''}to ${rule.max}`;
	}

	return rule.min === undefined ? noun : `${noun} ${rule.exclusiveMin ? 'above' : 'of at least'} ${rule.min}`;
}
