/*
JSON.stringify escapes C0 controls inside strings but passes DEL, the 8-bit C1 controls (U+009B is
a CSI on some terminals) and the invisible format characters through raw, so `cat` or `tail -f` of
a file would send them to a terminal. Written as \u escapes they are the same JSON value, but
inert. The class is the one the screen escapes (model/sanitize.ts) minus C0: outside strings the
only C0 characters are the layout's own newlines, and inside them JSON.stringify has escaped them
already (as it has unpaired surrogates). Default-ignorable code points cover the bidi embeddings,
overrides and isolates, LRM/RLM/ALM, zero-width characters, BOM, soft hyphen, fillers and tags.
*/
const unsafeInJson = /[\p{Default_Ignorable_Code_Point}\u{7F}-\u{9F}\u{2028}\u{2029}\u{FFF9}-\u{FFFB}]/gv;

// DEL is the one unsafe character below U+0080.
const nonAscii = /[^\u{0}-\u{7E}]/v;

function escapeUnits(character: string): string {
	let escaped = '';
	// JSON escapes are UTF-16 units: a tag character (U+E0041) becomes its surrogate pair.
	for (let index = 0; index < character.length; index++) {
		// eslint-disable-next-line unicorn/prefer-code-point -- JSON escapes are UTF-16 units, not code points.
		escaped += String.raw`\u` + character.charCodeAt(index).toString(16).padStart(4, '0');
	}

	return escaped;
}

/**
`JSON.stringify` whose output is safe to print on a terminal: every JSON text maxtop writes (the
`--once` json output, each `--record` line) goes through it, so they escape the same characters.
*/
export function stringifyJson(value: unknown, indent?: number): string {
	const text = JSON.stringify(value, undefined, indent) ?? 'null';
	// Session lists are mostly ASCII: one cheap scan spares the property-class search (a recording at 10,000 sessions writes 3 MB a poll).
	return nonAscii.test(text) ? text.replaceAll(unsafeInJson, character => escapeUnits(character)) : text;
}
