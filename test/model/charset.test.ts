import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	glyphs,
	isUtf8Locale,
	sparkline,
} from '../../source/model/charset.js';
import {displayWidth, toAsciiCells} from '../../source/model/text.js';

test('isUtf8Locale follows LC_ALL, then LC_CTYPE, then LANG', () => {
	assert.equal(isUtf8Locale({}), false);
	assert.equal(isUtf8Locale({LANG: 'C'}), false);
	assert.equal(isUtf8Locale({LANG: 'POSIX'}), false);
	assert.equal(isUtf8Locale({LANG: 'en_US.UTF-8'}), true);
	assert.equal(isUtf8Locale({LANG: 'de_DE.utf8'}), true);
	assert.equal(isUtf8Locale({LANG: 'C.UTF-8'}), true);
	assert.equal(isUtf8Locale({LANG: 'sr_RS.UTF-8@latin'}), true);
	assert.equal(isUtf8Locale({LANG: 'en_US.ISO-8859-1'}), false);
	assert.equal(isUtf8Locale({LANG: 'en_US'}), false);
	assert.equal(isUtf8Locale({LC_ALL: 'C', LANG: 'en_US.UTF-8'}), false);
	assert.equal(isUtf8Locale({LC_ALL: 'en_US.UTF-8', LANG: 'C'}), true);
	assert.equal(isUtf8Locale({LC_CTYPE: 'fi_FI.UTF-8', LANG: 'C'}), true);
	assert.equal(isUtf8Locale({LC_ALL: '', LC_CTYPE: 'POSIX', LANG: 'en_US.UTF-8'}), false);
	assert.equal(isUtf8Locale({LC_ALL: undefined, LC_CTYPE: '', LANG: 'en_US.UTF-8'}), true);
});

test('every glyph takes exactly one cell; the ASCII set is printable ASCII', () => {
	const symbolsOf = (isUnicode: boolean) => Object.values(glyphs(isUnicode)).flatMap(value => (Array.isArray(value) ? value : [value]));
	const unicodeSymbols = symbolsOf(true);
	const asciiSymbols = symbolsOf(false);
	assert.deepEqual([...unicodeSymbols, ...asciiSymbols].filter(symbol => displayWidth(symbol) !== 1), []);
	assert.deepEqual(asciiSymbols.filter(symbol => !/^[\u{21}-\u{7E}]$/v.test(symbol)), []);
	assert.equal(glyphs(true).spark.length, 8);
	assert.equal(glyphs(false).spark.length, 8);
	assert.equal(glyphs(true).sortAscending, '▲');
	assert.equal(glyphs(false).sortDescending, 'v');
	assert.deepEqual(glyphs(true).spark, ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']);
});

test('marks that must be told apart are distinct in both sets', () => {
	const marksOf = (isUnicode: boolean) => {
		const set = glyphs(isUnicode);
		return [set.tag, set.newSession, set.tombstone, set.pendingKill, set.cursor];
	};

	assert.equal(new Set(marksOf(true)).size, 5);
	assert.equal(new Set(marksOf(false)).size, 5);
	assert.notEqual(glyphs(false).sortAscending, glyphs(false).sortDescending);
	assert.notEqual(glyphs(false).meterFill, glyphs(false).meterEmpty);
	assert.notEqual(glyphs(true).meterFill, glyphs(true).meterEmpty);
});

test('toAsciiCells replaces each non-ASCII grapheme with ? per cell', () => {
	assert.equal(toAsciiCells('batch'), 'batch');
	assert.equal(toAsciiCells('José'), 'Jos?');
	assert.equal(toAsciiCells('Jose\u{301}'), 'Jos?');
	assert.equal(toAsciiCells('日本'), '????');
	assert.equal(toAsciiCells('🇫🇮 ok'), '?? ok');
	assert.equal(toAsciiCells('עב'), '??');
	const samples = ['日本語 app', '👨\u{200D}👩\u{200D}👧 x', 'naïve'];
	assert.deepEqual(samples.map(text => toAsciiCells(text).length), samples.map(text => displayWidth(text)));
});

test('sparkline scales from zero to the maximum and right-aligns short history', () => {
	const unicode = glyphs(true);
	assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8, unicode), '▁▂▃▄▅▆▇█');
	assert.equal(sparkline([5, 5, 5], 3, unicode), '███');
	assert.equal(sparkline([0, 0], 4, unicode), '  ▁▁');
	assert.equal(sparkline([], 3, unicode), ' '.repeat(3));
	assert.equal(sparkline([1, 2, 3], 0, unicode), '');
	assert.equal(sparkline([1000, 1], 2, unicode), '█▂', 'a small non-zero value stays above the floor');
	assert.equal(sparkline([NaN, -3, 4], 3, unicode), '▁▁█');
	assert.equal(sparkline([9, 9, 0, 1, 2, 3, 4, 5, 6, 7], 8, glyphs(false)), '_.-=+*#@');
	const long = Array.from({length: 500}, (_, index) => index % 17);
	assert.equal(displayWidth(sparkline(long, 120, unicode)), 120);
});

test('a relative sparkline (the session count) shows movement around its level, and a flat level as a middle line', () => {
	const unicode = glyphs(true);
	assert.equal(sparkline([200, 200, 200], 3, unicode, {relative: true}), '▅▅▅');
	assert.equal(sparkline([200, 203, 206, 209], 4, unicode, {relative: true}), '▂▄▆█');
	assert.equal(sparkline([200, 203, 206, 209], 4, unicode), '████', 'from zero the same values are a solid bar');
	assert.equal(sparkline([0, 5, 10], 3, unicode, {relative: true}), '▁▅█', 'a series that touches zero is drawn from zero');
});
