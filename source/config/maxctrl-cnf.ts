import {readFile, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {parse} from 'ini';
import {camelCase, mainFlags} from './flags.js';

/** Connection options from a maxctrl option file, as written there (validated later with the flags). */
export type CnfValues = {
	user?: string;
	password?: string;
	hosts?: string;
	timeout?: string;
	secure?: boolean;
	tlsCaCert?: string;
	tlsCert?: string;
	tlsKey?: string;
	tlsPassphrase?: string;
	tlsVerifyServerCert?: boolean;
};

export type CnfResult = {ok: true; values: CnfValues; path?: string} | {ok: false; error: string};

// maxctrl takes option names without dashes, short or long (MaxCtrl.md, "Configuration file").
const cnfSpecs = mainFlags.filter(spec => ['user', 'password', 'hosts', 'timeout', 'secure'].includes(spec.name) || spec.name.startsWith('tls-'));
const keyNames = new Map(cnfSpecs.flatMap(spec => [spec.name, spec.short].filter(key => key !== undefined).map(key => [key, camelCase(spec.name) as keyof CnfValues] as const)));
const booleanKeys = new Set(cnfSpecs.filter(spec => spec.type === 'boolean').map(spec => camelCase(spec.name)));

export function defaultCnfPath(home = homedir()): string {
	return path.join(home, '.maxctrl.cnf');
}

/** The `[maxctrl]` section; keys only maxctrl uses (`quiet`, `tsv`) are ignored, so one file serves both tools. */
export function parseMaxctrlCnf(text: string, file: string): CnfResult {
	const problem = findMalformedLine(text);
	if (problem) {
		return {ok: false, error: `${file}: ${problem}`};
	}

	const section = (parse(text) as Record<string, unknown>)['maxctrl'];
	if (section === undefined) {
		return {ok: true, values: {}, path: file};
	}

	if (typeof section !== 'object' || section === null) {
		return {ok: false, error: `${file}: 'maxctrl' must be a [maxctrl] section`};
	}

	const values: CnfValues = {};
	for (const [key, raw] of Object.entries(section)) {
		const name = keyNames.get(key);
		if (!name) {
			continue;
		}

		const isBoolean = booleanKeys.has(name);
		const value = isBoolean ? toBoolean(raw) : (typeof raw === 'string' ? raw : undefined);
		if (value === undefined) {
			return {ok: false, error: `${file}: ${key} ${isBoolean ? 'must be true or false' : 'needs a value'}`};
		}

		(values as Record<string, unknown>)[name] = value;
	}

	return {ok: true, values, path: file};
}

/** maxctrl's rule: the name ends in `.cnf` and only the owner has rights (it may hold a password); only a missing `-c` file is an error. */
export async function loadMaxctrlCnf(file: string, options: {explicit: boolean}): Promise<CnfResult> {
	if (!file.endsWith('.cnf')) {
		return {ok: false, error: `${file}: the option file name must end in .cnf`};
	}

	let mode: number;
	try {
		const info = await stat(file);
		if (!info.isFile()) {
			return {ok: false, error: `${file} is not a file`};
		}

		mode = info.mode;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' && !options.explicit ? {ok: true, values: {}} : {ok: false, error: `cannot read ${file}: ${describeFsError(error)}`};
	}

	if ((mode & 0o077) !== 0) {
		const octal = (mode & 0o777).toString(8).padStart(4, '0');
		return {ok: false, error: `${file} must not be readable, writable or executable by its group or others (mode ${octal}); run: chmod 600 ${file}`};
	}

	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		return {ok: false, error: `cannot read ${file}: ${describeFsError(error)}`};
	}

	return parseMaxctrlCnf(text, file);
}

const fsErrorTexts = new Map([
	['ENOENT', 'no such file'],
	['EACCES', 'permission denied'],
	['EPERM', 'permission denied'],
	['EISDIR', 'is a directory'],
	['ENOSPC', 'no space left on the device'],
	['EDQUOT', 'no space left on the device'],
	['EFBIG', 'the file is too large'],
	['EROFS', 'read-only file system'],
]);

export function describeFsError(error: unknown): string {
	const {code} = (error as NodeJS.ErrnoException);
	return fsErrorTexts.get(code ?? '') ?? code ?? (error instanceof Error ? error.message.split('\n', 1)[0]! : String(error));
}

function toBoolean(value: unknown): boolean | undefined {
	// The ini package has read `true`, `false` and a bare key as booleans already.
	const lower = typeof value === 'boolean' ? String(value) : (typeof value === 'string' ? value.trim().toLowerCase() : '');
	return ['true', 'yes', 'on', '1'].includes(lower) ? true : (['false', 'no', 'off', '0'].includes(lower) ? false : undefined);
}

// The ini package accepts almost anything; a line that is neither a section, a key, nor a comment is a typo worth reporting.
function findMalformedLine(text: string): string | undefined {
	if (text.includes('\u{0}')) {
		return 'not a text file';
	}

	for (const [index, line] of text.split(/\r?\n/v).entries()) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
			continue;
		}

		if (trimmed.startsWith('[') && !/^\[[^\]]+\]$/v.test(trimmed)) {
			return `line ${index + 1}: malformed section header`;
		}

		// A bare key is a boolean `true` to the ini package (`secure` alone).
		if (!trimmed.startsWith('[') && !/^[^\s=][^=]*=/v.test(trimmed) && !/^[\w\-.]+$/v.test(trimmed)) {
			return `line ${index + 1}: expected key = value`;
		}
	}

	return undefined;
}
