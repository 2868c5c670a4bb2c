import {spellOutPunctuation} from './charset.js';
import {displayWidth, fitWidth, toAsciiCells} from './text.js';

/** A piece of a screen line; too wide, pieces give way by `priority`, lowest first, of equal ones the later first. */
export type LinePart = {
	readonly text: string;
	readonly priority: number;
	/** Shorter wordings, longest first, tried in turn after `text`; `''` lets the piece go entirely. */
	readonly shorter?: readonly string[];
	/**
	The piece may be cut with an ellipsis, down to `min` cells. `from: 'start'` keeps its end
	(a typed answer, where the cursor is); `keep` stays after the ellipsis (a closing bracket).
	*/
	readonly cut?: {readonly min: number; readonly from?: 'start' | 'end'; readonly keep?: string};
};

/** A line as pieces: what prompts, questions and hints are made of. */
export type Line = readonly LinePart[];

/** The line as one string, unfitted (tests, status messages, plain output). */
export function lineText(line: Line): string {
	return line.map(part => part.text).join('');
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The last graphemes of `text` that fit in `cells - 1`, after a cut mark. */
function keepEnd(text: string, cells: number, ascii: boolean): string {
	const mark = ascii ? '~' : '…';
	const segments = [...graphemes.segment(ascii ? toAsciiCells(text) : text)].map(({segment}) => segment);
	let result = '';
	let used = 1;
	for (const segment of segments.toReversed()) {
		const width = displayWidth(segment);
		if (used + width > cells) {
			break;
		}

		result = segment + result;
		used += width;
	}

	return mark + result;
}

function cutTo(text: string, cells: number, part: LinePart, ascii: boolean): string {
	const keep = part.cut?.keep ?? '';
	const body = keep !== '' && text.endsWith(keep) ? text.slice(0, -keep.length) : text;
	if (part.cut?.from === 'start') {
		// The space that parts the answer from the question stays before the cut mark.
		const lead = body.startsWith(' ') ? ' ' : '';
		const room = cells - displayWidth(keep) - lead.length;
		return room < 1 ? '' : lead + keepEnd(body.slice(lead.length), room, ascii) + keep;
	}

	const room = cells - displayWidth(keep);
	if (room < 1) {
		return '';
	}

	// `user@host, …)` reads better as `user@host,…)`: a cut right after a space wastes a cell.
	const cut = fitWidth(body, room, {ascii}).trimEnd();
	const mark = ascii ? '~' : '…';
	return (cut.endsWith(mark) ? cut.slice(0, -mark.length).trimEnd() + mark : cut) + keep;
}

/** The widest version of `part` that takes at most `budget` cells; its narrowest when none does. */
function widestWithin(part: LinePart, budget: number, ascii: boolean): string {
	const forms = [part.text, ...(part.shorter ?? [])];
	const min = part.cut?.min;
	for (const form of forms) {
		const width = displayWidth(form);
		if (width <= budget) {
			return form;
		}

		if (min === undefined || budget < min) {
			continue;
		}

		const cut = cutTo(form, budget, part, ascii);
		if (cut !== '' && displayWidth(cut) <= budget) {
			return cut;
		}
	}

	const last = forms.at(-1)!;
	return min === undefined || displayWidth(last) <= min ? last : cutTo(last, min, part, ascii) || last;
}

/**
Fits a line to `width` cells by shortening its least needed pieces first, then cutting the end as a last
resort. The result is never wider than `width` and not padded.
*/
export function fitLine(line: Line, width: number, options: {ascii?: boolean} = {}): string {
	const ascii = Boolean(options.ascii);
	// Spelled out first: `…` becomes `...` on an ASCII terminal and must be counted as three cells.
	const parts: LinePart[] = ascii
		? line.map(part => ({
			...part, text: spellOutPunctuation(part.text), shorter: part.shorter?.map(text => spellOutPunctuation(text)),
		}))
		: [...line];
	const texts = parts.map(part => part.text);
	const total = () => texts.reduce((sum, text) => sum + displayWidth(text), 0);
	if (total() <= width) {
		return texts.join('');
	}

	const order = parts
		.map((part, index) => ({part, index}))
		.toSorted((a, b) => a.part.priority - b.part.priority || b.index - a.index);
	const changed: number[] = [];
	for (const {part, index} of order) {
		const over = total() - width;
		if (over <= 0) {
			break;
		}

		texts[index] = widestWithin(part, displayWidth(texts[index]!) - over, ascii);
		changed.push(index);
	}

	// A piece that jumped to a much shorter wording may leave room the earlier ones can take back.
	for (const index of changed.toReversed()) {
		const room = width - total();
		if (room <= 0) {
			break;
		}

		const grown = widestWithin(parts[index]!, displayWidth(texts[index]!) + room, ascii);
		const gained = displayWidth(grown) - displayWidth(texts[index]!);
		if (gained > 0 && gained <= room) {
			texts[index] = grown;
		}
	}

	const joined = texts.join('');
	return displayWidth(joined) <= width ? joined : fitWidth(joined, width, {ascii}).trimEnd();
}

const closingReason = /^(?<body>.*\S)(?<reason> \([^\(\)]+\))$/sv;

/**
An error message as a screen line (`maxtop: kill of session 7 failed: … (connection refused)`): the middle is cut
first, then the prefix; the reason in brackets at the end stays, being what says what to do.
*/
export function errorLine(message: string, prefix = 'maxtop: '): Line {
	const match = closingReason.exec(message);
	const body = match?.groups?.['body'] ?? message;
	const reason = match?.groups?.['reason'];
	return [
		{text: prefix, priority: 2, shorter: ['']},
		{text: body, priority: 1, cut: {min: 12}},
		...(reason === undefined ? [] : [{text: reason, priority: 4}]),
	];
}
