import meow, {type AnyFlags} from 'meow';
import {camelCase, toMeowFlags, type FlagSpec} from './flags.js';

export type ParsedArgv = {
	ok: true;
	/** camelCase keys; a flag not given is undefined, so the cnf file, env and preferences can fill it. */
	flags: Record<string, unknown>;
	command?: string;
	input: string[];
	version?: string;
	description?: string;
} | {ok: false; error: string};

/**
meow parses and refuses unknown or repeated flags and values outside a flag's choices; its report
(several lines, then its own exit) becomes the one `maxtop: …` line with exit 2. Other values are
checked in parse-options.ts.
*/
export function parseArgv(argv: readonly string[], table: readonly FlagSpec[], commands: readonly string[] = []): ParsedArgv {
	const parsed = catchMeowExit(() => meow({
		importMeta: import.meta,
		argv: [...argv],
		// Its flag type cannot hold a table built at run time.
		flags: toMeowFlags(table) as AnyFlags,
		...(commands.length > 0 && {commands: [...commands]}),
		allowUnknownFlags: false,
		// Both are answered by cli.tsx: meow handles them only as the sole argument.
		autoHelp: false,
		autoVersion: false,
		booleanDefault: undefined,
		description: false,
		help: false,
	}));
	if ('said' in parsed) {
		return {ok: false, error: explain(parsed.said, table, commands)};
	}

	const {flags, input, command, pkg} = parsed.cli;
	// yargs-parser negates any flag: `--no-hosts` gives hosts `false`.
	const negated = table.find(spec => spec.type === 'string' && [flags[camelCase(spec.name)]].flat().some(value => typeof value === 'boolean'));
	if (negated) {
		return {ok: false, error: `unknown flag --no-${negated.name}`};
	}

	if (command === undefined && input.length > 0) {
		return {ok: false, error: unexpected(input[0]!, commands)};
	}

	return {
		ok: true,
		flags,
		input,
		...(command !== undefined && {command}),
		...(pkg.version !== undefined && {version: pkg.version}),
		...(pkg.description !== undefined && {description: pkg.description}),
	};
}

class MeowExit extends Error {}

type MeowResult = ReturnType<typeof meow>;

function catchMeowExit(call: () => MeowResult): {cli: MeowResult} | {said: string} {
	const said: string[] = [];
	const {exit} = process;
	const {error, log} = console;
	process.exit = () => {
		throw new MeowExit();
	};

	// Its report, and the empty help it prints before refusing an unknown command.
	console.error = (...parts: unknown[]) => said.push(parts.join(' '));
	console.log = () => undefined;
	try {
		return {cli: call()};
	} catch (error_) {
		// Meow throws a plain Error for a flag given twice.
		return {said: error_ instanceof MeowExit ? said.join('\n') : (error_ instanceof Error ? error_.message : String(error_))};
	} finally {
		process.exit = exit;
		console.error = error;
		console.log = log;
	}
}

function explain(said: string, table: readonly FlagSpec[], commands: readonly string[]): string {
	const flag = /^Unknown flags?\n(?<first>\S+)/v.exec(said)?.groups?.['first'];
	if (flag !== undefined) {
		return `unknown flag ${unknownName(flag, table)}`;
	}

	const command = /^Unknown command: (?<name>.*)$/mv.exec(said)?.groups?.['name'];
	if (command !== undefined) {
		return unexpected(command, commands);
	}

	const choice = /^Unknown value for flag `(?<flag>\S+)`: `(?<value>.*)`\. Value must be one of: \[(?<known>.*)\]$/mv.exec(said)?.groups;
	if (choice) {
		return `${choice['flag']}: '${choice['value']}' is not one of ${choice['known']!.replaceAll('`', '')}`;
	}

	const repeated = /^The flag (?<name>--\S+) can only be set once\.$/v.exec(said)?.groups?.['name'];
	return repeated === undefined ? said.split('\n', 1)[0]! : `${repeated} can only be set once`;
}

// meow names the whole argument (`-sx`, `--bogus=3`); the user wants the flag that is wrong.
function unknownName(argument: string, table: readonly FlagSpec[]): string {
	const name = argument.split('=', 1)[0]!;
	if (name.startsWith('--')) {
		return name + suggestion(name.slice(2), table);
	}

	const shorts = new Set(table.map(spec => spec.short));
	const letter = [...name.slice(1)].find(letter => !shorts.has(letter));
	return letter === undefined ? name : `-${letter}`;
}

function unexpected(argument: string, commands: readonly string[]): string {
	const known = commands.length > 0 ? ` (commands: ${commands.join(', ')})` : '';
	return `unexpected argument '${argument}'${known}`;
}

/** The one thing meow does not do: name the flag the user probably meant. */
export function suggestion(name: string, table: readonly FlagSpec[]): string {
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
