import type {ColorMode, Theme} from './types.js';

/** 0 none, 1 the 16 basic colours, 2 256 colours, 3 truecolor (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

function forcedLevel(value: string | undefined): ColorLevel | undefined {
	// As supports-color and Node's tty.getColorDepth read it: empty or `true` forces basic colour.
	if (value === '' || value === 'true') {
		return 1;
	}

	if (value === 'false') {
		return 0;
	}

	return value !== undefined && /^\d+$/v.test(value) ? (Math.min(3, Number(value)) as ColorLevel) : undefined;
}

function terminalLevel(env: Record<string, string | undefined>): ColorLevel {
	const colorTerm = (env['COLORTERM'] ?? '').toLowerCase();
	return colorTerm === 'truecolor' || colorTerm === '24bit' ? 3 : ((env['TERM'] ?? '').includes('256') ? 2 : 1);
}

/**
The colour level for a run: `--color` wins, then FORCE_COLOR over NO_COLOR (as Node's tty.getColorDepth), NO_COLOR
non-empty turns colour off (no-color.org), and `auto` needs a TTY whose TERM is not `dumb`.
*/
export function colorLevel(options: {flag: ColorMode; env: Record<string, string | undefined>; isTTY: boolean}): ColorLevel {
	const {flag, env, isTTY} = options;
	if (flag === 'never') {
		return 0;
	}

	const forced = forcedLevel(env['FORCE_COLOR']);
	if (flag === 'always') {
		return Math.max(1, forced ?? terminalLevel(env)) as ColorLevel;
	}

	const isOff = !isTTY || (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb';
	return forced ?? (isOff ? 0 : terminalLevel(env));
}

/** Ink/chalk names of the 16 basic colours, the only ones every terminal and level 1 can show. */
export type BasicColor =
	| 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray'
	| 'redBright' | 'greenBright' | 'yellowBright' | 'blueBright' | 'magentaBright' | 'cyanBright' | 'whiteBright';

// The default theme must read on dark AND light backgrounds (unknowable over SSH): plain red, green, magenta
// and cyan read on both; bright yellow and bright cyan vanish on white, blue is hard to read on black.
const dark = {
	header: 'cyan', selected: 'cyan', new: 'green', tombstone: 'gray', stale: 'magenta', error: 'red', warning: 'magenta', pendingKill: 'red', tagged: 'cyan', readOnly: 'magenta', dim: 'gray',
} as const satisfies Record<string, BasicColor>;

export type ColorRole = keyof typeof dark;

export type ThemeColors = Record<ColorRole, BasicColor | undefined>;

// Cyan reads badly on white: the light theme draws headers and the cursor in blue.
const light: ThemeColors = {...dark, header: 'blue', selected: 'blue'};

const mono = Object.fromEntries(Object.keys(dark).map(role => [role, undefined])) as ThemeColors;

/** Colour never carries meaning alone: the UI also draws a symbol, so `mono` has no colours. */
export function themeColors(theme: Theme): ThemeColors {
	return theme === 'dark' ? dark : (theme === 'light' ? light : mono);
}

/** The theme actually drawn: level 0 means no colour whatever theme was chosen. */
export function effectiveTheme(theme: Theme, level: ColorLevel): Theme {
	return level === 0 ? 'mono' : theme;
}
