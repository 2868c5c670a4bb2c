/*
JSON.stringify passes DEL, the C1 controls (U+009B is a CSI on some terminals) and invisible format
characters (bidi overrides, zero-width, tags) through raw; as \u escapes they are the same JSON
value, but inert on a terminal. C0 is left out: JSON.stringify escapes it inside strings already.
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

/** `JSON.stringify` safe to print on a terminal: every JSON text maxtop writes goes through it. */
export function stringifyJson(value: unknown, indent?: number): string {
	const text = JSON.stringify(value, undefined, indent) ?? 'null';
	// Session lists are mostly ASCII: one cheap scan spares the property-class search.
	return nonAscii.test(text) ? text.replaceAll(unsafeInJson, character => escapeUnits(character)) : text;
}
