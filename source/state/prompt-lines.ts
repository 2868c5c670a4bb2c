import type {Line, LinePart} from '../model/fit-line.js';
import {sanitize} from '../model/sanitize.js';
import type {Target} from './types.js';

/**
How readily a piece of a question gives way on a narrow terminal (see `fitLine`): the verb, the
session id, the count, the timing and the answer keys never do.
*/
const give = {
	label: 0,
	courtesy: 1,
	wording: 2,
	place: 3,
	/** A terser wording of an essential phrase, its meaning kept. */
	terse: 4,
	answer: 8,
	essential: 9,
} as const;

function essential(text: string): LinePart {
	return {text, priority: give.essential};
}

/** ` (user@client, service)`: shortened first, then left out. */
function sessionLabel(target: Target): LinePart {
	return {
		text: ` (${target.detail})`, priority: give.label, cut: {min: 8, keep: ')'}, shorter: [''],
	};
}

function place(where: string): LinePart {
	return {
		text: ` on ${where}`, priority: give.place, cut: {min: 10}, shorter: [''],
	};
}

const graceQuestion: LinePart = {text: ' after how many seconds?', priority: give.wording, shorter: [' after how many s?', ' in N s?']};

function typeToGo(word: string): LinePart[] {
	return [
		essential(` Type ${word}`),
		{text: ' and Enter', priority: give.courtesy, shorter: ['']},
		{text: ' (Esc cancels)', priority: give.courtesy, shorter: ['']},
		essential(':'),
	];
}

export function killGraceLine(target: Target): Line {
	return [essential(`Kill session ${sanitize(target.id)}`), sessionLabel(target), graceQuestion, essential(' [0 = now]')];
}

export function killConfirmLine(target: Target, graceSeconds: number): Line {
	return [essential(`Kill session ${sanitize(target.id)}`), sessionLabel(target), essential(graceSeconds === 0 ? ' now?' : ` in ${graceSeconds}s?`)];
}

export function restartConfirmLine(target: Target): Line {
	return [essential(`Restart session ${sanitize(target.id)}`), sessionLabel(target), essential('?')];
}

/** `where`: one host, or `all N hosts`. */
export function restartAllLine(where: string): Line {
	return [{text: 'Restart ALL sessions', priority: give.terse, shorter: ['Restart ALL']}, place(where), essential('?'), ...typeToGo('"restart"')];
}

export function readWriteLine(where: string): Line {
	return [{text: 'Switch to read-write', priority: give.terse, shorter: ['Read-write']}, place(where), essential('?'), ...typeToGo('"write"')];
}

export function bulkGraceLine(count: number, scope: string): Line {
	return [essential(`Kill ${count}`), {text: ` ${scope}`, priority: give.label, shorter: ['']}, essential(' sessions'), graceQuestion, essential(' [0 = now]')];
}

/** `when`: `now` or `in Ns`. */
export function bulkCountLine(count: number, when: string): Line {
	return [{text: `Kill ${count} sessions ${when}?`, priority: give.terse, shorter: [`Kill ${count} ${when}?`]}, ...typeToGo(String(count))];
}

export function bulkRestartLine(count: number, scope: string, where: string): Line {
	return [
		essential(`Restart: type ${count}`),
		{text: ` for the ${count} ${scope} sessions,`, priority: give.wording, shorter: ['']},
		{text: ' or "restart" for ALL', priority: give.terse, shorter: [' or "restart" (ALL)']},
		place(where),
		{text: ' (Esc cancels)', priority: give.courtesy, shorter: ['']},
		essential(':'),
	];
}

export function leaseLine(level: string, defaultMinutes: number): Line {
	return [essential(`Turn ${level} on`), {text: ' for how many minutes?', priority: give.wording, shorter: [' for N min?']}, essential(` [${defaultMinutes}]`)];
}

export function filterLine(): Line {
	return [essential('Filter'), {text: ' (Enter keeps, Esc cancels)', priority: give.courtesy, shorter: [' (Enter keeps)', '']}, essential(':')];
}

/** What the operator typed, with the cursor mark: cut from its start, so the end being typed stays. */
export function typedPart(text: string): LinePart {
	return {text: ` ${text}_`, priority: give.answer, cut: {min: 4, from: 'start'}};
}

export const answerKeys: LinePart = {text: ' [y/N]', priority: give.essential + 1};
