// Checking one flag's value: the first bad one ends the parse with one line, by `fail()`.

class UsageError extends Error {}

export type Checked<T> = {ok: true; value: T} | {ok: false; error: string};

/** What `build` makes, or the one line of its first `fail()`. */
export function checked<T>(build: () => T): Checked<T> {
	try {
		return {ok: true, value: build()};
	} catch (error) {
		if (error instanceof UsageError) {
			return {ok: false, error: error.message};
		}

		throw error;
	}
}

export function fail(message: string): never {
	throw new UsageError(message);
}

type NumberRule = {
	integer?: boolean;
	/** Smallest allowed value; with `exclusiveMin` the value must be greater. */
	min?: number;
	exclusiveMin?: boolean;
	max?: number;
};

/** Read as text on purpose: meow turns a bad `type: 'number'` value into `null` without a word (ink-stack.md §5). */
export function number(flag: string, text: string, rule: NumberRule): number {
	const trimmed = text.trim();
	const value = /^[+\-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+\-]?\d+)?$/iv.test(trimmed) ? Number(trimmed) : NaN;
	const isTooSmall = rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min);
	const isTooLarge = rule.max !== undefined && value > rule.max;
	if (!Number.isFinite(value) || (rule.integer === true && !Number.isSafeInteger(value)) || isTooSmall || isTooLarge) {
		fail(`${flag} needs ${describe(rule)}, not '${text}'`);
	}

	return value;
}

export function optionalNumber(flag: string, text: string | undefined, rule: NumberRule): number | undefined {
	return text === undefined ? undefined : number(flag, text, rule);
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
