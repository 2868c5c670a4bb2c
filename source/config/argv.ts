import type {FlagSpec} from './flags.js';

export type ArgvCheck = {ok: true; command?: string} | {ok: false; error: string};

/**
Checks argv against a flag table before meow sees it: meow prints several lines for an unknown
flag or command and exits on its own, and maxtop wants one `maxtop: …` line for any bad input.
Knows which flags take a value, so `-u admin simulate` finds the command.
*/
export function checkArgv(argv: readonly string[], table: readonly FlagSpec[], commands: readonly string[] = []): ArgvCheck {
	const byName = new Map(table.map(spec => [spec.name, spec]));
	const byShort = new Map(table.filter(spec => spec.short).map(spec => [spec.short!, spec]));

	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--') {
			const rest = argv[index + 1];
			return rest === undefined ? {ok: true} : unexpected(rest, commands);
		}

		if (argument.startsWith('--')) {
			const [rawName, inlineValue] = splitInline(argument.slice(2));
			const negated = rawName.startsWith('no-') && !byName.has(rawName) ? rawName.slice(3) : undefined;
			const spec = byName.get(negated ?? rawName);
			if (!spec || (negated !== undefined && spec.type !== 'boolean')) {
				return {ok: false, error: `unknown flag --${rawName}${hint(rawName, table)}`};
			}

			if (inlineValue === undefined) {
				index += spec.type === 'string' && negated === undefined ? consumesValue(argv, index) : consumesBoolean(argv, index);
			}

			continue;
		}

		if (argument.startsWith('-') && argument.length > 1 && !/^-\d/v.test(argument)) {
			const short = checkShortFlags(argument.slice(1), byShort);
			if ('error' in short) {
				return {ok: false, error: short.error};
			}

			index += short.takes === 'value' ? consumesValue(argv, index) : (short.takes === 'boolean' ? consumesBoolean(argv, index) : 0);
			continue;
		}

		return commands.includes(argument) ? {ok: true, command: argument} : unexpected(argument, commands);
	}

	return {ok: true};
}

/**
A group of short flags (`-sn`, `-d5`, `-d=5`): an error, or what the last one may take from the
next argument. `-d5` and `-d 5` both give -d a value, as yargs-parser does.
*/
function checkShortFlags(text: string, byShort: ReadonlyMap<string, FlagSpec>): {error: string} | {takes: 'value' | 'boolean' | 'none'} {
	const [letters, inlineValue] = splitInline(text);
	for (const [position, letter] of [...letters].entries()) {
		const spec = byShort.get(letter);
		if (!spec) {
			return {error: `unknown flag -${letter}`};
		}

		const isLast = position === letters.length - 1;
		if (spec.type === 'string') {
			return {takes: isLast && inlineValue === undefined ? 'value' : 'none'};
		}

		if (isLast && inlineValue === undefined) {
			return {takes: 'boolean'};
		}
	}

	return {takes: 'none'};
}

function unexpected(argument: string, commands: readonly string[]): ArgvCheck {
	const known = commands.length > 0 ? ` (commands: ${commands.join(', ')})` : '';
	return {ok: false, error: `unexpected argument '${argument}'${known}`};
}

function splitInline(text: string): [string, string | undefined] {
	const equals = text.indexOf('=');
	return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}

function consumesValue(argv: readonly string[], index: number): number {
	return index + 1 < argv.length ? 1 : 0;
}

// Yargs-parser lets a boolean flag take a following literal `true` or `false` (`-n false`).
function consumesBoolean(argv: readonly string[], index: number): number {
	const next = argv[index + 1];
	return next === 'true' || next === 'false' ? 1 : 0;
}

function hint(name: string, table: readonly FlagSpec[]): string {
	const close = table.find(spec => distance(spec.name, name) <= 2 || (name.length >= 3 && spec.name.startsWith(name)));
	return close ? ` (did you mean --${close.name}?)` : '';
}

function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_value, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}

		previous = current;
	}

	return previous[b.length]!;
}
