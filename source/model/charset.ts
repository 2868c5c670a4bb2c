/** Whether the terminal's locale is UTF-8: the first of LC_ALL, LC_CTYPE, LANG set non-empty decides; unset, `C` and `POSIX` are not. */
export function isUtf8Locale(env: Record<string, string | undefined>): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(value => value !== undefined && value !== '');
	const codeset = locale?.split('@', 1)[0]!.split('.', 2)[1];
	return codeset !== undefined && /^utf-?8$/iv.test(codeset);
}

// Block elements, geometric shapes and punctuation only: no emoji, so every font has them and none is two cells wide.
const unicodeGlyphs = {
	sortAscending: '▲', sortDescending: '▼', spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'], meterFill: '█', meterEmpty: '░',
	tag: '●', newSession: '+', tombstone: '†', pendingKill: '✖', cursor: '›',
};

export type Glyphs = Readonly<typeof unicodeGlyphs>;

const asciiGlyphs: Glyphs = {
	sortAscending: '^', sortDescending: 'v', spark: ['_', '.', '-', '=', '+', '*', '#', '@'], meterFill: '#', meterEmpty: '.',
	tag: '*', newSession: '+', tombstone: 'x', pendingKill: '!', cursor: '>',
};

export function glyphs(isUnicode: boolean): Glyphs {
	return isUnicode ? unicodeGlyphs : asciiGlyphs;
}

/**
The last `width` values as a right-aligned sparkline. Counts (opens) are drawn from zero, any above 0 at least
the second step; a level (sessions) with `relative` from its minimum, so 200 ± 5 sessions shows its movement.
*/
export function sparkline(values: readonly number[], width: number, set: Glyphs, options: {relative?: boolean} = {}): string {
	if (width <= 0) {
		return '';
	}

	const shown = values.slice(-width).map(value => (Number.isFinite(value) && value > 0 ? value : 0));
	const top = set.spark.length - 1;
	const max = Math.max(0, ...shown);
	const floor = options.relative && shown.length > 0 ? Math.min(...shown) : 0;
	let line = '';
	for (const value of shown) {
		let level: number;
		if (floor > 0 && max === floor) {
			level = Math.ceil(top / 2);
		} else if (floor > 0) {
			level = Math.max(1, Math.round(((value - floor) / (max - floor)) * (top - 1)) + 1);
		} else {
			level = value === 0 || max === 0 ? 0 : Math.max(1, Math.round((value / max) * top));
		}

		line += set.spark[level];
	}

	return ' '.repeat(width - shown.length) + line;
}

const asciiPunctuation: Readonly<Record<string, string>> = {
	'·': '-', '×': 'x', '–': '-', '—': '-', '…': '...', '›': '>', '←': '<-', '→': '->', '─': '-', '│': '|', '▲': '^', '▼': 'v', '✖': 'x', '✗': 'x',
};

const asciiPunctuationPattern = new RegExp(`[${Object.keys(asciiPunctuation).join('')}]`, 'gv');

/**
maxtop's own typographic marks (`connecting…`, `✖ killing…`) spelled out for an ASCII terminal rather than `?`:
for whole screen lines before `toAsciiCells`, never table cells, whose widths must not change.
*/
export function spellOutPunctuation(text: string): string {
	return text.replaceAll(asciiPunctuationPattern, mark => asciiPunctuation[mark] ?? mark);
}
