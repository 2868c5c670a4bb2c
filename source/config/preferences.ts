import {randomBytes} from 'node:crypto';
import {
	mkdir,
	open,
	readdir,
	readFile,
	rename,
	stat,
	unlink,
} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {parse, stringify} from 'ini';
import {
	groupings,
	type Grouping,
	type SortKey,
	sortKeys,
	type Theme,
	themes,
} from '../model/types.js';
import {columnNames} from './flags.js';
import {describeFsError} from './maxctrl-cnf.js';

/** Display settings remembered between runs. Never credentials. */
export type Preferences = {
	sort?: SortKey;
	sortDescending?: boolean;
	columns?: string[];
	intervalSeconds?: number;
	theme?: Theme;
	groupBy?: Grouping;
};

type LoadedPreferences = {
	preferences: Preferences;
	/** One line, when the file could not be used (the defaults apply). */
	warning?: string;
};

export function preferencesPath(env: Record<string, string | undefined> = process.env, home = homedir()): string {
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
	const base = env['XDG_CONFIG_HOME'] && path.isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : path.join(home, '.config');
	return path.join(base, 'maxtop', 'config.ini');
}

type Reader = (value: string) => {value: unknown} | {problem: string};

const oneOf = (names: readonly string[], what: string): Reader => value => names.includes(value) ? {value} : {problem: `unknown ${what} '${value}'`};

/** Each setting of the file, in the order written: the Preferences field it fills and how its text reads. */
const settings = new Map<string, [keyof Preferences, Reader]>([
	['sort', ['sort', oneOf(sortKeys, 'sort key')]],
	['sort-descending', ['sortDescending', value => value === 'true' || value === 'false' ? {value: value === 'true'} : {problem: 'sort-descending must be true or false'}]],
	['columns', ['columns', value => {
		const columns = value.split(',').map(column => column.trim());
		const unknown = columns.find(column => !columnNames.includes(column));
		return unknown === undefined ? {value: columns} : {problem: `unknown column '${unknown}'`};
	}]],
	['interval', ['intervalSeconds', value => value !== '' && Number(value) > 0 && Number.isFinite(Number(value)) ? {value: Number(value)} : {problem: `interval must be a positive number of seconds, not '${value}'`}]],
	['theme', ['theme', oneOf(themes, 'theme')]],
	['group-by', ['groupBy', oneOf(groupings, 'grouping')]],
]);

/** Settings at the top or under `[maxtop]`; one it does not understand makes the whole file unusable. */
function parsePreferences(text: string): {ok: true; preferences: Preferences} | {ok: false; error: string} {
	if (text.includes('\u{0}')) {
		return {ok: false, error: 'not a text file'};
	}

	const entries = Object.entries(parse(text)).flatMap(([key, value]) => key === 'maxtop' && isSection(value) ? Object.entries(value) : [[key, value] as const]);
	const preferences: Record<string, unknown> = {};
	for (const [key, value] of entries) {
		const setting = settings.get(key);
		// The ini package reads `true`/`false` as booleans and a bare key as `true`.
		const read = isSection(value) ? {problem: `unknown section [${key}]`} : (setting ? setting[1](String(value).trim()) : {problem: `unknown setting '${key}'`});
		if ('problem' in read) {
			return {ok: false, error: lineOf(text, key) + read.problem};
		}

		preferences[setting![0]] = read.value;
	}

	return {ok: true, preferences};
}

function isSection(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The ini package keeps the last of repeated keys, so the last line naming the key is the one at fault.
function lineOf(text: string, key: string): string {
	const index = text.split(/\r?\n/v).findLastIndex(line => line.split('=', 1)[0]!.trim() === key);
	return index === -1 ? '' : `line ${index + 1}: `;
}

/** Only the known settings are written, whatever else the object carries. */
function formatPreferences(preferences: Preferences): string {
	const known = [...settings].flatMap(([name, [field]]) => {
		const value = preferences[field];
		return value === undefined || (Array.isArray(value) && value.length === 0) ? [] : [[name, Array.isArray(value) ? value.join(',') : String(value)]];
	});
	return '# maxtop display preferences: what you change inside maxtop is written here on quit (not with --no-save).\n'
		+ stringify(Object.fromEntries(known), {section: 'maxtop', whitespace: true});
}

/** This run's changes over the saved settings (a hand-set theme stays); no change, no write. */
export async function updatePreferences(changes: Preferences, file = preferencesPath()): Promise<void> {
	if (Object.keys(changes).length === 0) {
		return;
	}

	// An unusable file counts as empty here; savePreferences keeps it as config.ini.bad.
	// An empty `columns` (the default set chosen again) is not written, so the saved list goes.
	await savePreferences({...(await loadPreferences(file)).preferences, ...changes}, file);
}

/** A missing file gives the defaults silently; an unreadable or corrupt one gives them with a warning. */
export async function loadPreferences(file = preferencesPath()): Promise<LoadedPreferences> {
	await removeStaleTemporaries(file);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {preferences: {}} : {preferences: {}, warning: `cannot read preferences ${file}: ${describeFsError(error)}; using defaults`};
	}

	const parsed = parsePreferences(text);
	return parsed.ok ? {preferences: parsed.preferences} : {preferences: {}, warning: `ignoring preferences ${file} (${parsed.error}); using defaults`};
}

/** Atomic (temporary file, then rename), 0600; an unusable file is kept as `config.ini.bad`, so a bad hand edit is not lost. */
export async function savePreferences(preferences: Preferences, file = preferencesPath()): Promise<void> {
	const directory = path.dirname(file);
	await mkdir(directory, {recursive: true, mode: 0o700});

	// Loading also sweeps stale temporaries; a file it could not use is one it warns about.
	if ((await loadPreferences(file)).warning !== undefined) {
		await rename(file, file + '.bad');
	}

	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await open(temporary, 'wx', 0o600);
	try {
		try {
			await handle.writeFile(formatPreferences(preferences));
			await handle.sync();
		} finally {
			await handle.close();
		}

		await rename(temporary, file);
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw error;
	}
}

/**
A save cut off before its rename (terminal closed, a kill) leaves a temporary file, so every load
and save sweeps those of processes that are gone or older than an hour (a pid may be reused).
*/
export async function removeStaleTemporaries(file: string, nowMs = Date.now()): Promise<void> {
	const directory = path.dirname(file);
	const prefix = `.${path.basename(file)}.`;
	let names: string[];
	try {
		names = await readdir(directory);
	} catch {
		return;
	}

	await Promise.all(names.map(async name => {
		const owner = name.startsWith(prefix) ? /^(?<pid>\d+)\.[\da-f]+\.tmp$/v.exec(name.slice(prefix.length))?.groups?.['pid'] : undefined;
		if (owner === undefined) {
			return;
		}

		const temporary = path.join(directory, name);
		try {
			if (isRunning(Number(owner)) && nowMs - (await stat(temporary)).mtimeMs < staleTemporaryMs) {
				return;
			}

			await unlink(temporary);
		} catch {
			// Gone already (its owner renamed it), or not ours to remove.
		}
	}));
}

const staleTemporaryMs = 60 * 60 * 1000;

function isRunning(pid: number): boolean {
	if (pid === process.pid) {
		return true;
	}

	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
