import {randomBytes} from 'node:crypto';
import {
	mkdir,
	open,
	readFile,
	rename,
	unlink,
} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {columnNames, sortKeys, themes} from './flags.js';
import {describeFsError} from './maxctrl-cnf.js';
import type {GroupBy, SortKey, Theme} from './types.js';

/**
Display settings remembered between runs. Never credentials.
*/
export type Preferences = {
	sort?: SortKey;
	sortDescending?: boolean;
	columns?: string[];
	intervalSeconds?: number;
	theme?: Theme;
	groupBy?: GroupBy;
};

export type LoadedPreferences = {
	preferences: Preferences;
	/**
	One line, when the file could not be used (the defaults apply).
	*/
	warning?: string;
};

const groupByValues: readonly GroupBy[] = ['none', 'user', 'client', 'app', 'service', 'server', 'thread', 'host'];

export function preferencesPath(env: Record<string, string | undefined> = process.env, home = homedir()): string {
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
	const base = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(home, '.config');
	return path.join(base, 'maxtop', 'config.ini');
}

/**
Parses the preferences file; any line or value it does not understand makes the whole file unusable.
*/
export function parsePreferences(text: string): {ok: true; preferences: Preferences} | {ok: false; error: string} {
	if (text.includes('\u{0}')) {
		return {ok: false, error: 'not a text file'};
	}

	const preferences: Preferences = {};
	for (const [index, line] of text.split(/\r?\n/v).entries()) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed === '[maxtop]' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
			continue;
		}

		const equals = trimmed.indexOf('=');
		const key = trimmed.slice(0, Math.max(0, equals)).trim();
		if (equals === -1 || !/^[\-a-z]+$/v.test(key)) {
			return {ok: false, error: `line ${index + 1}: expected key = value`};
		}

		const problem = applyPreference(preferences, key, trimmed.slice(equals + 1).trim());
		if (problem) {
			return {ok: false, error: `line ${index + 1}: ${problem}`};
		}
	}

	return {ok: true, preferences};
}

function applyPreference(preferences: Preferences, key: string, value: string): string | undefined {
	switch (key) {
		case 'sort': {
			if (!(sortKeys as readonly string[]).includes(value)) {
				return `unknown sort key '${value}'`;
			}

			preferences.sort = value as SortKey;
			return undefined;
		}

		case 'sort-descending': {
			if (value !== 'true' && value !== 'false') {
				return 'sort-descending must be true or false';
			}

			preferences.sortDescending = value === 'true';
			return undefined;
		}

		case 'columns': {
			const columns = value.split(',').map(column => column.trim());
			const unknown = columns.find(column => !(columnNames as readonly string[]).includes(column));
			if (unknown !== undefined) {
				return `unknown column '${unknown}'`;
			}

			preferences.columns = columns;
			return undefined;
		}

		case 'interval': {
			const seconds = Number(value);
			if (value === '' || !Number.isFinite(seconds) || seconds <= 0) {
				return `interval must be a positive number of seconds, not '${value}'`;
			}

			preferences.intervalSeconds = seconds;
			return undefined;
		}

		case 'theme': {
			if (!(themes as readonly string[]).includes(value)) {
				return `unknown theme '${value}'`;
			}

			preferences.theme = value as Theme;
			return undefined;
		}

		case 'group-by': {
			if (!(groupByValues as readonly string[]).includes(value)) {
				return `unknown grouping '${value}'`;
			}

			preferences.groupBy = value as GroupBy;
			return undefined;
		}

		default: {
			return `unknown setting '${key}'`;
		}
	}
}

/**
Only the known display keys are written, whatever else the object carries.
*/
export function formatPreferences(preferences: Preferences): string {
	const settings: Array<[string, string | undefined]> = [
		['sort', preferences.sort],
		['sort-descending', preferences.sortDescending === undefined ? undefined : String(preferences.sortDescending)],
		['columns', preferences.columns && preferences.columns.length > 0 ? preferences.columns.join(',') : undefined],
		['interval', preferences.intervalSeconds === undefined ? undefined : String(preferences.intervalSeconds)],
		['theme', preferences.theme],
		['group-by', preferences.groupBy],
	];
	return [
		'# maxtop display preferences, rewritten on quit (maxtop --no-save leaves this file alone).',
		'[maxtop]',
		...settings.filter(([, value]) => value !== undefined).map(([key, value]) => `${key} = ${value!}`),
		'',
	].join('\n');
}

/**
A missing file gives the defaults silently; an unreadable or corrupt one gives them with a warning.
*/
export async function loadPreferences(file = preferencesPath()): Promise<LoadedPreferences> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {preferences: {}} : {preferences: {}, warning: `cannot read preferences ${file}: ${describeFsError(error)}; using defaults`};
	}

	const parsed = parsePreferences(text);
	return parsed.ok ? {preferences: parsed.preferences} : {preferences: {}, warning: `ignoring preferences ${file} (${parsed.error}); using defaults`};
}

/**
Writes atomically (a temporary file in the same directory, then rename), mode 0600. A file that
cannot be read or parsed is kept as `config.ini.bad` first, so a hand edit gone wrong is not lost.
*/
export async function savePreferences(preferences: Preferences, file = preferencesPath()): Promise<void> {
	const directory = path.dirname(file);
	await mkdir(directory, {recursive: true, mode: 0o700});

	let existing: string | undefined;
	let isUnreadable = false;
	try {
		existing = await readFile(file, 'utf8');
	} catch (error) {
		isUnreadable = (error as NodeJS.ErrnoException).code !== 'ENOENT';
	}

	if (isUnreadable || (existing !== undefined && !parsePreferences(existing).ok)) {
		await rename(file, file + '.bad');
	}

	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await open(temporary, 'wx', 0o600);
	try {
		await handle.writeFile(formatPreferences(preferences));
		await handle.sync();
	} catch (error) {
		await handle.close();
		await unlink(temporary).catch(() => undefined);
		throw error;
	}

	await handle.close();
	try {
		await rename(temporary, file);
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
}
