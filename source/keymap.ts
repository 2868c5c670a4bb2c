import type {Key} from 'ink';
import {wrapWords} from './config/help.js';

/** What a key handler sees; tests build these by hand, so every flag is optional. */
export type KeyPress = Partial<Key>;

const all = ['table', 'detail', 'log', 'help', 'prompt', 'confirm', 'columns', 'churn', 'filters'] as const;
export type ScreenMode = typeof all[number];

export const keyGroupTitles = {
	navigation: 'Navigation',
	sort: 'Sorting',
	actions: 'Actions',
	view: 'View',
	general: 'General',
} as const;
export type KeyGroup = keyof typeof keyGroupTitles;

export type FooterEntry = {label: string; rank: number};

type Match = (input: string, key: KeyPress) => boolean;

export type KeyBinding<A extends string = string> = {
	/** As shown in help and the footer; unless `match` says otherwise, also what the binding matches. */
	keys: string[];
	match: Match;
	action: A;
	help: string;
	/**
	The footer entry: a short label, and how much an operator needs to see it there (1 first).
	The footer shows entries by rank, as many whole ones as fit; rows without one stay out of it.
	*/
	footer?: FooterEntry;
	group: KeyGroup;
	/** Screens where the key works. */
	modes: readonly ScreenMode[];
};

const namedKeys: Record<string, Match> = {
	'Ctrl-C': (input, key) => Boolean(key.ctrl) && input === 'c',
	'Ctrl-R': (input, key) => Boolean(key.ctrl) && input === 'r',
	Up: (_input, key) => Boolean(key.upArrow),
	Down: (_input, key) => Boolean(key.downArrow),
	Left: (_input, key) => Boolean(key.leftArrow),
	Right: (_input, key) => Boolean(key.rightArrow),
	PgUp: (_input, key) => Boolean(key.pageUp),
	PgDn: (_input, key) => Boolean(key.pageDown),
	Home: (_input, key) => Boolean(key.home),
	End: (_input, key) => Boolean(key.end),
	Enter: (_input, key) => Boolean(key.return),
	Esc: (_input, key) => Boolean(key.escape),
	Backspace: (_input, key) => Boolean(key.backspace) || Boolean(key.delete),
};

function char(...characters: string[]): Match {
	return (input, key) => !key.ctrl && !key.meta && characters.includes(input);
}

/** A row of the table: `keys` name what it matches (a named key, `Space` or a character) unless `match` is given. */
function bind<A extends string>(keys: string[], action: A, help: string, group: KeyGroup, modes: readonly ScreenMode[], extras: {footer?: FooterEntry; match?: Match} = {}): KeyBinding<A> {
	const matches = keys.map(name => namedKeys[name] ?? char(name === 'Space' ? ' ' : name));
	return {
		keys, action, help, group, modes, footer: extras.footer, match: extras.match ?? ((input, key) => matches.some(match => match(input, key))),
	};
}

const browse: readonly ScreenMode[] = ['table', 'detail', 'log', 'help', 'churn'];
const panes: readonly ScreenMode[] = ['table', 'detail', 'help'];

/**
The one table of key bindings: help (`?`) and the footer are generated from it, and each action
has one handler (`source/state/keys.ts`). The first row that matches on the screen wins.
*/
export const keymap = [
	bind(['Ctrl-C'], 'quit', 'quit', 'general', all),
	bind(['q'], 'quit', 'quit', 'general', browse, {footer: {label: 'quit', rank: 1}}),
	bind(['?'], 'toggleHelp', 'show or close this help', 'general', ['table', 'help'], {footer: {label: 'help', rank: 2}}),

	bind(['Up'], 'cursorUp', 'move up (scroll in the detail pane and help)', 'navigation', [...panes, 'log', 'filters']),
	bind(['Down'], 'cursorDown', 'move down (scroll in the detail pane and help)', 'navigation', [...panes, 'log', 'filters']),
	bind(['PgUp'], 'pageUp', 'page up', 'navigation', panes),
	bind(['PgDn'], 'pageDown', 'page down', 'navigation', panes),
	bind(['Home'], 'home', 'first session (top of the detail pane or help)', 'navigation', panes),
	bind(['End'], 'end', 'last session (end of the detail pane or help)', 'navigation', panes),

	bind(['i'], 'sortIdle', 'sort by idle time', 'sort', ['table'], {footer: {label: 'idle', rank: 10}}),
	bind(['m'], 'sortMemory', 'sort by memory', 'sort', ['table'], {footer: {label: 'mem', rank: 9}}),
	bind(['<'], 'sortPrevious', 'sort by the previous column on screen', 'sort', ['table']),
	bind(['>'], 'sortNext', 'sort by the next column on screen', 'sort', ['table']),
	bind(['I'], 'sortInvert', 'invert the sort order', 'sort', ['table']),

	bind(['Enter'], 'openDetail', 'details of the selected session, live', 'view', ['table'], {footer: {label: 'detail', rank: 5}}),
	bind(['d'], 'toggleRdns', 'reverse DNS of the client address on/off', 'view', ['detail'], {footer: {label: 'rdns', rank: 13}}),
	bind(['l'], 'openLogLevels', 'log levels of the selected session', 'actions', ['table'], {footer: {label: 'log', rank: 11}}),
	bind(['Space', 'Enter'], 'toggleLogLevel', 'turn the selected log level on/off', 'actions', ['log'], {match: (input, key) => input === ' ' || Boolean(key.return)}),
	bind(['Esc'], 'closePane', 'close the pane', 'general', ['detail', 'log', 'help', 'churn', 'filters'], {footer: {label: 'close', rank: 3}}),
	bind(['r'], 'restartSession', 'restart the selected session (asks first)', 'actions', ['table', 'detail'], {footer: {label: 'restart', rank: 12}}),
	bind(['R'], 'restartAll', 'restart all sessions (type "restart")', 'actions', ['table']),
	bind(['k'], 'killSession', 'kill the selected session, now or after a grace period (asks first)', 'actions', ['table', 'detail'], {footer: {label: 'kill', rank: 4}}),
	bind(['p'], 'togglePause', 'pause/resume polling', 'view', ['table', 'detail'], {footer: {label: 'pause', rank: 14}}),
	bind(['Ctrl-R'], 'pollNow', 'poll now (also retries a refused login at once)', 'view', ['table', 'detail']),
	bind(['+'], 'intervalUp', 'refresh less often (+1 s)', 'view', ['table', 'detail']),
	bind(['-'], 'intervalDown', 'refresh more often (-1 s, at least 1 s)', 'view', ['table', 'detail']),
	bind(['t'], 'toggleMeters', 'worker (routing thread) meters on/off', 'view', ['table']),
	bind(['C'], 'openColumns', 'choose, hide and reorder columns', 'view', ['table'], {footer: {label: 'columns', rank: 16}}),
	bind(['Up'], 'columnsUp', 'column chooser: previous column', 'view', ['columns']),
	bind(['Down'], 'columnsDown', 'column chooser: next column', 'view', ['columns']),
	bind(['Space'], 'columnsToggle', 'column chooser: show/hide the column', 'view', ['columns'], {footer: {label: 'show/hide', rank: 1}}),
	bind(['['], 'columnsMoveUp', 'column chooser: move the column left', 'view', ['columns'], {footer: {label: 'left', rank: 2}}),
	bind([']'], 'columnsMoveDown', 'column chooser: move the column right', 'view', ['columns'], {footer: {label: 'right', rank: 3}}),
	bind(['0'], 'columnsReset', 'column chooser: back to the default columns', 'view', ['columns'], {footer: {label: 'reset', rank: 5}}),
	bind(['Enter', 'Esc', 'C'], 'columnsClose', 'column chooser: done', 'view', ['columns'], {footer: {label: 'done', rank: 4}}),

	bind(['/'], 'filterOpen', 'filter: words, user: host: svc: server: app:, idle>600 mem>1M, ! negates', 'view', ['table'], {footer: {label: 'filter', rank: 3}}),
	bind(['\\'], 'filterClear', 'clear the filter', 'view', ['table']),
	bind(['c'], 'toggleChurn', 'churn panel: who opens and closes sessions', 'view', ['table', 'churn'], {footer: {label: 'churn', rank: 6}}),
	bind(['g'], 'cycleGroup', 'group by user, client, app, service, server, thread (Enter filters)', 'view', ['table'], {footer: {label: 'group', rank: 7}}),
	bind(['Space'], 'toggleTag', 'tag/untag the selected session', 'actions', ['table'], {footer: {label: 'tag', rank: 15}}),
	bind(['u'], 'clearTags', 'clear all tags', 'actions', ['table']),
	bind(['K'], 'bulkKill', 'kill the tagged sessions, or all that match the filter (preview, typed count)', 'actions', ['table'], {footer: {label: 'bulk kill', rank: 8}}),
	bind(['Esc'], 'bulkStop', 'stop a running bulk action, or else leave the group view', 'actions', ['table']),
	bind(['y'], 'copySession', 'copy the selected session to the clipboard (OSC 52)', 'actions', ['table']),
	bind(['Left'], 'replayBack', 'replay: one poll back', 'navigation', ['table']),
	bind(['Right'], 'replayForward', 'replay: one poll forward', 'navigation', ['table']),

	bind(['W'], 'toggleWrite', 'read-only on, or off after typing "write" (never for a basic account)', 'actions', ['table']),
	bind(['L'], 'leaseLogLevel', 'turn the selected log level on for N minutes; maxtop turns it off again', 'actions', ['log'], {footer: {label: 'on for N min', rank: 4}}),
	bind(['f'], 'openFilters', 'filter chain of the selected session: add, remove, reorder, apply', 'actions', ['table', 'detail']),
	bind(['Space', '[', ']', 'x', 'Enter'], 'filtersEdit', 'filter chain: Space add/remove, [ ] move, x none, Enter apply', 'actions', ['filters']),

	bind(['Enter'], 'promptSubmit', 'accept the answer', 'general', ['prompt'], {footer: {label: 'accept', rank: 1}}),
	bind(['Esc'], 'promptCancel', 'cancel', 'general', ['prompt'], {footer: {label: 'cancel', rank: 2}}),
	bind(['Backspace'], 'promptBackspace', 'delete a character', 'general', ['prompt']),
	bind(['text'], 'promptType', 'type the answer', 'general', ['prompt'], {match: (input, key) => input.length > 0 && !key.ctrl && !key.meta && !key.escape && !key.tab}),
	bind(['y'], 'confirmYes', 'yes, do it', 'general', ['confirm'], {footer: {label: 'yes', rank: 1}, match: char('y', 'Y')}),
	// Anything but y cancels, Enter alone included: no single key destroys anything.
	bind(['n', 'Enter', 'Esc'], 'confirmNo', 'no (the default)', 'general', ['confirm'], {footer: {label: 'no', rank: 2}, match: () => true}),
];

export type ActionName = typeof keymap[number]['action'];

export function findBinding(mode: ScreenMode, input: string, key: KeyPress): KeyBinding<ActionName> | undefined {
	return keymap.find(binding => binding.modes.includes(mode) && binding.match(input, key));
}

/** The footer's entries for a screen, most needed first (ties in table order). */
export function footerEntries(mode: ScreenMode): string[] {
	return keymap
		.flatMap(({keys, footer, modes}) => (footer && modes.includes(mode) ? [{text: `${keys.join('/')} ${footer.label}`, rank: footer.rank}] : []))
		.toSorted((a, b) => a.rank - b.rank)
		.map(entry => entry.text);
}

/**
`q quit  ? help  / filter  …` for the bottom line: whole entries by rank, as many as fit `width`.
The footer of a wider terminal only adds entries at the end, so keys never move around.
*/
export function footerText(mode: ScreenMode, width = Infinity): string {
	let text = '';
	for (const entry of footerEntries(mode)) {
		const next = text === '' ? entry : `${text}  ${entry}`;
		if (next.length > width && text !== '') {
			break;
		}

		text = next;
	}

	return text;
}

const helpKeyWidth = 12;

/**
Help text: one entry per binding, grouped, from the table above. Given a width, long
descriptions wrap under themselves instead of being cut.
*/
export function helpLines(width = Infinity): string[] {
	const lines: string[] = [];
	const indent = 2 + helpKeyWidth + 1;
	// Below ~40 columns a hanging indent leaves too little room; cutting is then the lesser evil.
	const room = Math.max(24, width - indent);
	// Every group has keys outside the prompts, which help leaves out.
	for (const [group, title] of Object.entries(keyGroupTitles)) {
		const rows = keymap.filter(binding => binding.group === group && binding.modes.some(mode => !(mode === 'prompt' || mode === 'confirm')));
		lines.push(title);
		for (const binding of rows) {
			const [first = '', ...rest] = wrapWords(binding.help, room);
			lines.push(`  ${binding.keys.join('/').padEnd(helpKeyWidth)} ${first}`, ...rest.map(line => ' '.repeat(indent) + line));
		}
	}

	return lines;
}
