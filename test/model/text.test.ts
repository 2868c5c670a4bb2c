import {test} from 'node:test';
import assert from 'node:assert/strict';
import {displayWidth, fitWidth, toAsciiCells} from '../../source/model/text.js';
import {createRandom, pick} from './generate-sessions.js';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const segments = (text: string) => [...graphemes.segment(text)].map(({segment}) => segment);

test('displayWidth counts terminal cells', () => {
	assert.equal(displayWidth('batch'), 5);
	assert.equal(displayWidth(''), 0);
	assert.equal(displayWidth('日本語'), 6);
	assert.equal(displayWidth('e\u{301}'), 1);
	assert.equal(displayWidth('👨\u{200D}👩\u{200D}👧'), 2);
	assert.equal(displayWidth('🇫🇮'), 2);
	assert.equal(displayWidth('עברית'), 5);
	assert.equal(displayWidth('العربية'), 7);
	assert.equal(displayWidth('한국어'), 6);
});

test('fitWidth pads to exactly the width, left or right aligned', () => {
	assert.equal(fitWidth('abc', 6), 'abc   ');
	assert.equal(fitWidth('abc', 6, {align: 'right'}), '   abc');
	assert.equal(fitWidth('日本', 6), '日本  ');
	assert.equal(fitWidth('abc', 3), 'abc');
	assert.equal(fitWidth('abc', 0), '');
	assert.equal(fitWidth('abc', -2), '');
});

test('fitWidth cuts with an ellipsis and never splits a grapheme cluster', () => {
	assert.equal(fitWidth('abcdef', 4), 'abc…');
	assert.equal(fitWidth('abcdef', 1), '…');
	assert.equal(fitWidth('abcdef', 4, {ascii: true}), 'abc~');
	// A wide character that would straddle the edge is replaced by padding.
	assert.equal(fitWidth('日本語', 4), '日… ');
	assert.equal(fitWidth('日本語', 5), '日本…');
	assert.equal(fitWidth('日', 1), '…');
	assert.equal(fitWidth('🇫🇮🇸🇪🇳🇴', 5), '🇫🇮🇸🇪…');
	assert.equal(fitWidth('👨\u{200D}👩\u{200D}👧x👨\u{200D}👩\u{200D}👧', 4), '👨\u{200D}👩\u{200D}👧x…');
	assert.equal(fitWidth('José Ñandú', 5), 'José…');
	assert.equal(fitWidth('Jose\u{301} x', 5), 'Jose\u{301}…');
	assert.equal(fitWidth('עברית ארוכה', 6), 'עברית…');
});

test('fitWidth in ASCII mode draws only printable ASCII, one ? per cell', () => {
	assert.equal(fitWidth('日本x', 6, {ascii: true}), '????x ');
	assert.equal(fitWidth('日本語です', 5, {ascii: true}), '????~');
	assert.equal(fitWidth('José', 4, {ascii: true}), 'Jos?');
	assert.equal(toAsciiCells('a👨\u{200D}👩\u{200D}👧b'), 'a??b');
});

test('fitWidth never lets a raw control character through', () => {
	const output = fitWidth('\u{1B}[2Jboom', 12);
	assert.equal(output, String.raw`\x1b[2Jboom `);
	assert.equal(displayWidth(output), 12);
});

const pool = [
	'a',
	'Z',
	'7',
	' ',
	'-',
	'.',
	'é',
	'e\u{301}',
	'n\u{303}\u{301}',
	'日',
	'本',
	'語',
	'한',
	'\u{1100}\u{1161}',
	'ｱ',
	'ﾞ',
	'😀',
	'👍🏽',
	'👨\u{200D}👩\u{200D}👧',
	'🏳\u{FE0F}\u{200D}🌈',
	'🇫🇮',
	'🇺',
	'❤\u{FE0F}',
	'1\u{FE0F}\u{20E3}',
	'א',
	'ש',
	'ع',
	'ب',
	'\u{301}',
	'\u{200D}',
	'\u{200B}',
	'\u{202E}',
	'\u{600}',
	'\u{E01}\u{E33}',
	'क्ष',
	'\u{3164}',
	'\u{FF01}',
	'\u{2028}',
	'\u{1B}',
	'\t',
	'\u{85}',
	'🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
	'\u{D800}',
];

function fitProblems(text: string, width: number): string[] {
	const problems: string[] = [];
	for (const options of [{}, {align: 'right' as const}, {ascii: true}]) {
		const output = fitWidth(text, width, options);
		const isAsciiBroken = 'ascii' in options && !/^[\u{20}-\u{7E}]*$/v.test(output);
		if (displayWidth(output) !== width || isAsciiBroken) {
			problems.push(`${JSON.stringify(text)} at ${width} ${JSON.stringify(options)} gave ${JSON.stringify(output)}`);
		}
	}

	// Without control characters, the output is the input padded, or whole leading clusters and the mark.
	if (/\p{Control}/v.test(text) || width === 0) {
		return problems;
	}

	const output = fitWidth(text, width);
	const textWidth = displayWidth(text);
	const kept = textWidth <= width ? output.slice(0, output.length - (width - textWidth)) : output.slice(0, output.lastIndexOf('…'));
	const keptSegments = segments(kept);
	const isPrefix = textWidth <= width ? kept === text : segments(text).slice(0, keptSegments.length).join('') === kept;
	if (!isPrefix) {
		problems.push(`${JSON.stringify(text)} at ${width} kept ${JSON.stringify(kept)}`);
	}

	return problems;
}

test('random strings: displayWidth(fitWidth(s, w)) === w, and cuts keep whole leading clusters', () => {
	const random = createRandom(42);
	const problems: string[] = [];
	for (let round = 0; round < 3000; round++) {
		let text = '';
		const length = Math.floor(random() * 14);
		for (let index = 0; index < length; index++) {
			text += pick(random, pool);
		}

		problems.push(...fitProblems(text, Math.floor(random() * 16)));
	}

	assert.deepEqual(problems, []);
});
