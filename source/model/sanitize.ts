/**
Data from MaxScale (user names, addresses, connection attributes, queries, log lines) is written
by whoever connects to the proxy. Every control character is shown as visible backslash text
instead of being sent to the operator's terminal. Each terminal escape sequence (CSI, OSC 52
clipboard writes, OSC 8 links, DCS, the 8-bit C1 forms U+009B/U+009D) starts with ESC or a C1
control, so escaping that one character leaves the rest of the sequence as inert printable text.
Backslashes in the data are left alone, so text stays readable; the output is never ambiguous in
the dangerous direction (nothing in it reaches the terminal as a control).
*/

/*
Escaped: C0, DEL, C1, unpaired surrogates (written out as U+FFFD otherwise), line and paragraph
separators (a value is one line), interlinear annotation marks, and every default-ignorable code
point: bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), LRM/RLM, ALM (U+061C),
zero-width space, word joiner, BOM, soft hyphen, Hangul fillers and tag characters, all of which
render as nothing and can hide or reorder what the operator reads. ZWJ, ZWNJ, variation
selectors and flag tags are decided per occurrence in `isKeptJoiner`.
*/
const unsafeClass = String.raw`[\p{Default_Ignorable_Code_Point}\p{Control}\p{Surrogate}\u{2028}\u{2029}\u{FFF9}-\u{FFFB}]`;
const unsafePattern = new RegExp(unsafeClass, 'gv');
const unsafeCharacter = new RegExp(`^${unsafeClass}$`, 'v');

// Printable ASCII only; a negated class without a quantifier stays linear on huge values.
const unsafeAsciiPattern = /[^\u{20}-\u{7E}]/v;

const shortEscapes: Record<string, string> = {'\n': String.raw`\n`, '\r': String.raw`\r`, '\t': String.raw`\t`};

const blackFlag = 0x1_F3_F4;

function hex(code: number, digits: number): string {
	return code.toString(16).padStart(digits, '0');
}

/** The visible form of one code point: `\x1b`, `\n`, `\u202e`, `\u{e0041}`. */
export function escapeCodePoint(code: number): string {
	if (code <= 0x9F) {
		return shortEscapes[String.fromCodePoint(code)] ?? (String.raw`\x` + hex(code, 2));
	}

	return code > 0xFF_FF ? String.raw`\u{` + hex(code, 1) + '}' : String.raw`\u` + hex(code, 4);
}

function isUnsafe(code: number | undefined): boolean {
	return code === undefined || code <= 0x1F || (code >= 0x7F && code <= 0x9F) || unsafeCharacter.test(String.fromCodePoint(code));
}

function previousCodePoint(text: string, offset: number): number | undefined {
	if (offset === 0) {
		return undefined;
	}

	const low = text.codePointAt(offset - 1)!;
	if (low >= 0xDC_00 && low <= 0xDF_FF && offset >= 2) {
		const code = text.codePointAt(offset - 2);
		if (code !== undefined && code > 0xFF_FF) {
			return code;
		}
	}

	return low;
}

function isVisibleNonAscii(code: number | undefined): boolean {
	return code !== undefined && code > 0x9F && !isUnsafe(code);
}

/*
Joiners and selectors are legitimate inside emoji, Indic and Arabic text, but invisible after
Latin letters, where `ba\u200Btch`-style spoofing of user names would otherwise work.
*/
function isKeptJoiner(code: number, text: string, offset: number, length: number): boolean {
	const previous = previousCodePoint(text, offset);
	if (code === 0x20_0C || code === 0x20_0D) {
		return isVisibleNonAscii(previous) && isVisibleNonAscii(text.codePointAt(offset + length));
	}

	if ((code >= 0xFE_00 && code <= 0xFE_0F) || (code >= 0xE_01_00 && code <= 0xE_01_EF)) {
		// Keycaps (`1️⃣`) put VS16 after an ASCII digit, `#` or `*`.
		return isVisibleNonAscii(previous) || (previous !== undefined && /[\d#*]/v.test(String.fromCodePoint(previous)));
	}

	if (code >= 0xE_00_20 && code <= 0xE_00_7F) {
		// Subdivision flags (England, Scotland, Wales) are U+1F3F4 followed by tag characters.
		let index = offset;
		while (index > 0) {
			const before = previousCodePoint(text, index);
			if (before === blackFlag) {
				return true;
			}

			if (before === undefined || before < 0xE_00_20 || before > 0xE_00_7F) {
				return false;
			}

			index -= 2;
		}
	}

	return false;
}

/** One line of inert, visible text; the same text when it is printable ASCII. */
export function sanitize(text: string): string {
	if (!unsafeAsciiPattern.test(text)) {
		return text;
	}

	return text.replaceAll(unsafePattern, (match: string, offset: number) => {
		const code = match.codePointAt(0) ?? 0;
		return isKeptJoiner(code, text, offset, match.length) ? match : escapeCodePoint(code);
	});
}
