import {test} from 'node:test';
import assert from 'node:assert/strict';
import {escapeCodePoint, sanitize} from '../../source/model/sanitize.js';
import {createRandom} from './generate-sessions.js';

const controls = /\p{Control}/v;
const bidiControls = [0x20_2A, 0x20_2B, 0x20_2C, 0x20_2D, 0x20_2E, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0x20_0E, 0x20_0F, 0x06_1C];

test('printable ASCII passes through unchanged', () => {
	const text = 'SELECT * FROM t WHERE a = "b" -- ~!@#$%^&*()_+{}|:<>?\\ `x`';
	assert.equal(sanitize(text), text);
	assert.equal(sanitize(''), '');
});

test('every code point 0x00–0x9f: controls become visible text, printable ASCII stays', () => {
	const failures: string[] = [];
	for (let code = 0; code <= 0x9F; code++) {
		const character = String.fromCodePoint(code);
		const output = sanitize(`a${character}b`);
		const isPrintable = code >= 0x20 && code <= 0x7E;
		const expected = isPrintable ? `a${character}b` : `a${escapeCodePoint(code)}b`;
		if (output !== expected || controls.test(output) || (!isPrintable && !/^a\\[nrtx]/v.test(output))) {
			failures.push(`U+${code.toString(16)} gave ${JSON.stringify(output)}`);
		}
	}

	assert.deepEqual(failures, []);
	assert.equal(sanitize('\u{1B}'), String.raw`\x1b`);
	assert.equal(sanitize('\u{9B}'), String.raw`\x9b`);
	assert.equal(sanitize('\u{7F}'), String.raw`\x7f`);
	assert.equal(sanitize('\u{0}'), String.raw`\x00`);
});

test('newlines, carriage returns and tabs are visible, so a value is one line', () => {
	assert.equal(sanitize('a\nb\tc\r\nd'), String.raw`a\nb\tc\r\nd`);
	assert.equal(sanitize('a\u{2028}b\u{2029}c\u{85}d'), String.raw`a\u2028b\u2029c\x85d`);
});

test('real attack strings are shown as inert text', () => {
	const attacks: Array<[string, string]> = [
		// OSC 52 writes the operator's clipboard.
		['\u{1B}]52;c;cm0gLXJmIH4K\u{7}', String.raw`\x1b]52;c;cm0gLXJmIH4K\x07`],
		// OSC 8 hyperlink that hides its target, terminated by ST.
		['\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\', '\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\'],
		// Clear screen and home.
		['\u{1B}[2J\u{1B}[H', String.raw`\x1b[2J\x1b[H`],
		// Window title.
		['\u{1B}]0;pwned\u{7}', String.raw`\x1b]0;pwned\x07`],
		// DECSET alternate screen and hidden cursor.
		['\u{1B}[?1049h\u{1B}[?25l', String.raw`\x1b[?1049h\x1b[?25l`],
		// DCS (DECRQSS) request.
		['\u{1B}P$q"p\u{1B}\\', '\\x1bP$q"p\\x1b\\'],
		// Single-character ESC sequence: full reset.
		['\u{1B}c', String.raw`\x1bc`],
		// 8-bit C1 CSI and OSC forms.
		['\u{9B}31m red', String.raw`\x9b31m red`],
		['\u{9D}0;title\u{9C}', String.raw`\x9d0;title\x9c`],
		// SGR that would make the next column invisible.
		['batch\u{1B}[8m', String.raw`batch\x1b[8m`],
	];
	const outputs = attacks.map(([attack]) => sanitize(attack));
	assert.deepEqual(outputs, attacks.map(([, expected]) => expected));
	assert.deepEqual(outputs.filter(output => controls.test(output)), []);
});

test(String.raw`bidi controls are shown as \u escapes`, () => {
	assert.deepEqual(
		bidiControls.map(code => sanitize(`invoice${String.fromCodePoint(code)}fdp.exe`)),
		bidiControls.map(code => String.raw`invoice\u${code.toString(16).padStart(4, '0')}fdp.exe`),
	);
	assert.equal(sanitize('user\u{202E}nimda'), String.raw`user\u202enimda`);
});

test('invisible characters that could hide or fake content are shown', () => {
	assert.equal(sanitize('ba\u{200B}tch'), String.raw`ba\u200btch`);
	assert.equal(sanitize('ba\u{2060}tch'), String.raw`ba\u2060tch`);
	assert.equal(sanitize('\u{FEFF}admin'), String.raw`\ufeffadmin`);
	assert.equal(sanitize('ad\u{AD}min'), String.raw`ad\u00admin`);
	assert.equal(sanitize('\u{3164}'), String.raw`\u3164`);
	assert.equal(sanitize('ba\u{200D}tch'), String.raw`ba\u200dtch`);
	assert.equal(sanitize('ba\u{200C}tch'), String.raw`ba\u200ctch`);
	assert.equal(sanitize('admin\u{FE0F}'), String.raw`admin\ufe0f`);
	// Tag characters smuggle invisible ASCII ("hi") outside a flag.
	assert.equal(sanitize('a\u{E0068}\u{E0069}'), String.raw`a\u{e0068}\u{e0069}`);
	assert.equal(sanitize(`${String.fromCodePoint(0xD8_00)}x${String.fromCodePoint(0xDF_FF)}`), String.raw`\ud800x\udfff`);
	assert.equal(sanitize('a\u{FFF9}b'), String.raw`a\ufff9b`);
});

test('joiners and selectors inside emoji and scripts are kept', () => {
	const kept = [
		'👨\u{200D}💻',
		'👨\u{200D}👩\u{200D}👧',
		'❤\u{FE0F}',
		'1\u{FE0F}\u{20E3}',
		'🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
		'क्\u{200D}ष',
		'می\u{200C}خواهم',
		'🇫🇮',
		'日本語 José Ωμέγα עברית العربية',
	];
	assert.deepEqual(kept.map(text => sanitize(text)), kept);
});

test('random input: no control, bidi or hidden character survives, and sanitizing twice changes nothing', () => {
	const random = createRandom(7);
	const pool = [0x00, 0x07, 0x09, 0x0A, 0x1B, 0x7F, 0x85, 0x9B, 0x9D, 0x20_0B, 0x20_0D, 0x20_2E, 0x20_66, 0xFE_0F, 0xFE_FF, 0xD8_00, 0xDC_00, 0xE_00_41, 0x1_F3_F4, 0x1_F4_68, 0x41, 0x5B, 0x5C, 0x30, 0x65_E5, 0x05_D0, 0x03_01];
	const dangerous = /[\p{Control}\p{Surrogate}\u{61C}\u{200B}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}]/v;
	const failures: string[] = [];
	for (let round = 0; round < 2000; round++) {
		let text = '';
		const length = Math.floor(random() * 12);
		for (let index = 0; index < length; index++) {
			text += String.fromCodePoint(pool[Math.floor(random() * pool.length)]!);
		}

		const output = sanitize(text);
		if (dangerous.test(output) || sanitize(output) !== output) {
			failures.push(`${JSON.stringify(text)} gave ${JSON.stringify(output)}`);
		}
	}

	assert.deepEqual(failures, []);
});

test('a long hostile value is handled in one pass', () => {
	const text = '\u{1B}[31m'.repeat(100_000);
	const output = sanitize(text);
	assert.equal(output.length, text.length + (3 * 100_000));
	assert.ok(!controls.test(output));
});
