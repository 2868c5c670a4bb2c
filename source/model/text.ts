import stringWidth from 'string-width';
import {sanitize} from './sanitize.js';

const ellipsis = '…';

// A negated class without a quantifier: `^[…]*$` overflows V8's backtrack stack on huge strings.
export const nonPrintableAscii = /[^\u{20}-\u{7E}]/v;
const controlCharacter = /\p{Control}/v;

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Terminal cells a string takes (wide CJK and emoji count 2, combining marks 0). */
export function displayWidth(text: string): number {
	return nonPrintableAscii.test(text) ? stringWidth(text) : text.length;
}

/** Each non-ASCII grapheme becomes a `?` per cell it takes, so columns stay aligned on terminals without UTF-8. */
export function toAsciiCells(text: string): string {
	if (!nonPrintableAscii.test(text)) {
		return text;
	}

	let result = '';
	for (const {segment} of graphemes.segment(text)) {
		result += nonPrintableAscii.test(segment) ? '?'.repeat(stringWidth(segment)) : segment;
	}

	return result;
}

export type FitOptions = {
	align?: 'left' | 'right';
	/** ASCII-only output: non-ASCII graphemes become `?`, the cut mark is `~`. */
	ascii?: boolean;
};

/**
Cut or pad `text` to exactly `width` cells. Cut values end with an ellipsis (`~` in ASCII mode)
so the operator sees that something was cut. Cuts fall between grapheme clusters, so a flag,
a ZWJ emoji or a letter with its accents is kept whole or dropped whole, and a wide character
that would straddle the edge is replaced by padding.
*/
export function fitWidth(text: string, width: number, options: FitOptions = {}): string {
	if (width <= 0) {
		return '';
	}

	// Raw control characters would reach the terminal and make widths meaningless.
	const safe = controlCharacter.test(text) ? sanitize(text) : text;
	const value = options.ascii ? toAsciiCells(safe) : safe;

	const mark = options.ascii ? '~' : ellipsis;
	const cut = nonPrintableAscii.test(value) ? cutClusters(value, width, mark) : cutAscii(value, width, mark);
	const padding = ' '.repeat(Math.max(0, width - cut.cells));
	return options.align === 'right' ? padding + cut.text : cut.text + padding;
}

function cutAscii(text: string, width: number, mark: string): {text: string; cells: number} {
	return text.length <= width ? {text, cells: text.length} : {text: text.slice(0, width - 1) + mark, cells: width};
}

function cutClusters(text: string, width: number, mark: string): {text: string; cells: number} {
	const total = stringWidth(text);
	if (total <= width) {
		return {text, cells: total};
	}

	let result = '';
	let cells = 0;
	for (const {segment} of graphemes.segment(text)) {
		const segmentWidth = stringWidth(segment);
		if (cells + segmentWidth > width - 1) {
			break;
		}

		result += segment;
		cells += segmentWidth;
	}

	return {text: result + mark, cells: cells + 1};
}
