import {homedir} from 'node:os';
import path from 'node:path';
import {defaultCnfPath, loadMaxctrlCnf} from './maxctrl-cnf.js';
import {parseOptions, type Env, type ParseResult} from './parse-options.js';
import {loadPreferences, preferencesPath} from './preferences.js';

type LoadOptions = {
	home?: string;
	/** Where the preferences live; default from `XDG_CONFIG_HOME` or `~/.config`. */
	preferencesFile?: string;
};

/** Reads `~/.maxctrl.cnf` (or `-c FILE`) and the saved preferences, then validates everything with `parseOptions`. */
export async function loadConfig(flags: Record<string, unknown>, env: Env, options: LoadOptions = {}): Promise<ParseResult> {
	const home = options.home ?? homedir();
	const explicit = flags['config'] as string | undefined;
	if (explicit === '') {
		return {ok: false, error: '--config needs a file name'};
	}

	const cnfPath = explicit === undefined ? defaultCnfPath(home) : expandHome(explicit, home);
	const cnf = await loadMaxctrlCnf(cnfPath, {explicit: explicit !== undefined});
	if (!cnf.ok) {
		return cnf;
	}

	const loaded = await loadPreferences(options.preferencesFile ?? preferencesPath(env, home));
	const {config: _config, ...rest} = flags;
	return parseOptions(rest, env, {
		cnf: cnf.values,
		...(cnf.path && {cnfPath: cnf.path}),
		preferences: loaded.preferences,
		...(loaded.warning && {warnings: [loaded.warning]}),
	});
}

function expandHome(file: string, home: string): string {
	return file === '~' || file.startsWith('~/') ? path.join(home, file.slice(1)) : file;
}
