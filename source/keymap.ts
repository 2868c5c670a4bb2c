import type {Key} from 'ink';

/**
What a key handler sees; tests build these by hand, so every flag is optional.
*/
export type KeyPress = Partial<Key>;

export type ScreenMode = 'table' | 'detail' | 'log' | 'help' | 'prompt' | 'confirm' | 'columns' | 'churn' | 'filters';

export type ActionName =
	| 'cursorUp'
	| 'cursorDown'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'sortIdle'
	| 'sortMemory'
	| 'sortPrevious'
	| 'sortNext'
	| 'sortInvert'
	| 'openDetail'
	| 'toggleRdns'
	| 'closePane'
	| 'openLogLevels'
	| 'toggleLogLevel'
	| 'restartSession'
	| 'restartAll'
	| 'killSession'
	| 'togglePause'
	| 'pollNow'
	| 'intervalUp'
	| 'intervalDown'
	| 'toggleHelp'
	| 'quit'
	| 'promptSubmit'
	| 'promptCancel'
	| 'promptBackspace'
	| 'promptType'
	| 'confirmYes'
	| 'confirmNo'
	| 'filterOpen'
	| 'filterClear'
	| 'toggleChurn'
	| 'cycleGroup'
	| 'toggleTag'
	| 'clearTags'
	| 'bulkKill'
	| 'bulkStop'
	| 'copySession'
	| 'replayBack'
	| 'replayForward'
	| 'openColumns'
	| 'columnsUp'
	| 'columnsDown'
	| 'columnsToggle'
	| 'columnsMoveUp'
	| 'columnsMoveDown'
	| 'columnsReset'
	| 'columnsClose'
	| 'toggleMeters'
	| 'toggleWrite'
	| 'leaseLogLevel'
	| 'openFilters'
	| 'filtersEdit';

export type KeyGroup = 'navigation' | 'sort' | 'actions' | 'view' | 'general';

export type FooterEntry = {label: string; rank: number};

export type KeyBinding = {
	/**
	As shown in help and the footer.
	*/
	keys: string[];
	match: (input: string, key: KeyPress) => boolean;
	action: ActionName;
	help: string;
	/**
	The footer entry: a short label, and how much an operator needs to see it there (1 first).
	The footer shows entries by rank, as many whole ones as fit; rows without one stay out of it.
	*/
	footer?: FooterEntry;
	group: KeyGroup;
	/**
	Changes something on the server: refused in read-only mode.
	*/
	mutating?: boolean;
	/**
	Screens where the key works.
	*/
	modes: readonly ScreenMode[];
};

const browse: readonly ScreenMode[] = ['table', 'detail', 'log', 'help', 'churn'];

function char(...characters: string[]): (input: string, key: KeyPress) => boolean {
	return (input, key) => !key.ctrl && !key.meta && characters.includes(input);
}

/**
The one table of key bindings: help (`?`) and the footer are generated from it.
*/
export const keymap: readonly KeyBinding[] = [
	{
		keys: ['Ctrl-C'], match: (input, key) => Boolean(key.ctrl) && input === 'c', action: 'quit', help: 'quit', group: 'general', modes: ['table', 'detail', 'log', 'help', 'prompt', 'confirm', 'columns', 'churn', 'filters'],
	},
	{
		keys: ['q'], match: char('q'), action: 'quit', help: 'quit', footer: {label: 'quit', rank: 1}, group: 'general', modes: browse,
	},
	{
		keys: ['?'], match: char('?'), action: 'toggleHelp', help: 'show or close this help', footer: {label: 'help', rank: 2}, group: 'general', modes: ['table', 'help'],
	},

	{
		keys: ['Up'], match: (_input, key) => Boolean(key.upArrow), action: 'cursorUp', help: 'move up (scroll in the detail pane and help)', group: 'navigation', modes: ['table', 'detail', 'help', 'log', 'filters'],
	},
	{
		keys: ['Down'], match: (_input, key) => Boolean(key.downArrow), action: 'cursorDown', help: 'move down (scroll in the detail pane and help)', group: 'navigation', modes: ['table', 'detail', 'help', 'log', 'filters'],
	},
	{
		keys: ['PgUp'], match: (_input, key) => Boolean(key.pageUp), action: 'pageUp', help: 'page up', group: 'navigation', modes: ['table', 'detail', 'help'],
	},
	{
		keys: ['PgDn'], match: (_input, key) => Boolean(key.pageDown), action: 'pageDown', help: 'page down', group: 'navigation', modes: ['table', 'detail', 'help'],
	},
	{
		keys: ['Home'], match: (_input, key) => Boolean(key.home), action: 'home', help: 'first session (top of the detail pane or help)', group: 'navigation', modes: ['table', 'detail', 'help'],
	},
	{
		keys: ['End'], match: (_input, key) => Boolean(key.end), action: 'end', help: 'last session (end of the detail pane or help)', group: 'navigation', modes: ['table', 'detail', 'help'],
	},

	{
		keys: ['i'], match: char('i'), action: 'sortIdle', help: 'sort by idle time', footer: {label: 'idle', rank: 10}, group: 'sort', modes: ['table'],
	},
	{
		keys: ['m'], match: char('m'), action: 'sortMemory', help: 'sort by memory', footer: {label: 'mem', rank: 9}, group: 'sort', modes: ['table'],
	},
	{
		keys: ['<'], match: char('<'), action: 'sortPrevious', help: 'sort by the previous column on screen', group: 'sort', modes: ['table'],
	},
	{
		keys: ['>'], match: char('>'), action: 'sortNext', help: 'sort by the next column on screen', group: 'sort', modes: ['table'],
	},
	{
		keys: ['I'], match: char('I'), action: 'sortInvert', help: 'invert the sort order', group: 'sort', modes: ['table'],
	},

	{
		keys: ['Enter'], match: (_input, key) => Boolean(key.return), action: 'openDetail', help: 'details of the selected session, live', footer: {label: 'detail', rank: 5}, group: 'view', modes: ['table'],
	},
	{
		keys: ['d'], match: char('d'), action: 'toggleRdns', help: 'reverse DNS of the client address on/off', footer: {label: 'rdns', rank: 13}, group: 'view', modes: ['detail'],
	},
	{
		keys: ['l'], match: char('l'), action: 'openLogLevels', help: 'log levels of the selected session', footer: {label: 'log', rank: 11}, group: 'actions', modes: ['table'],
	},
	{
		keys: ['Space', 'Enter'],
		match: (input, key) => input === ' ' || Boolean(key.return),
		action: 'toggleLogLevel',
		help: 'turn the selected log level on/off',
		group: 'actions',
		mutating: true,
		modes: ['log'],
	},
	{
		keys: ['Esc'], match: (_input, key) => Boolean(key.escape), action: 'closePane', help: 'close the pane', footer: {label: 'close', rank: 3}, group: 'general', modes: ['detail', 'log', 'help', 'churn', 'filters'],
	},
	{
		keys: ['r'], match: char('r'), action: 'restartSession', help: 'restart the selected session (asks first)', footer: {label: 'restart', rank: 12}, group: 'actions', mutating: true, modes: ['table', 'detail'],
	},
	{
		keys: ['R'], match: char('R'), action: 'restartAll', help: 'restart all sessions (type "restart")', group: 'actions', mutating: true, modes: ['table'],
	},
	{
		keys: ['k'],
		match: char('k'),
		action: 'killSession',
		help: 'kill the selected session, now or after a grace period (asks first)',
		footer: {label: 'kill', rank: 4},
		group: 'actions',
		mutating: true,
		modes: ['table', 'detail'],
	},
	{
		keys: ['p'], match: char('p'), action: 'togglePause', help: 'pause/resume polling', footer: {label: 'pause', rank: 14}, group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['Ctrl-R'], match: (input, key) => Boolean(key.ctrl) && input === 'r', action: 'pollNow', help: 'poll now (also retries a refused login at once)', group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['+'], match: char('+'), action: 'intervalUp', help: 'refresh less often (+1 s)', group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['-'], match: char('-'), action: 'intervalDown', help: 'refresh more often (-1 s, at least 1 s)', group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['t'], match: char('t'), action: 'toggleMeters', help: 'worker (routing thread) meters on/off', group: 'view', modes: ['table'],
	},
	{
		keys: ['C'], match: char('C'), action: 'openColumns', help: 'choose, hide and reorder columns', footer: {label: 'columns', rank: 16}, group: 'view', modes: ['table'],
	},
	{
		keys: ['Up'], match: (_input, key) => Boolean(key.upArrow), action: 'columnsUp', help: 'column chooser: previous column', group: 'view', modes: ['columns'],
	},
	{
		keys: ['Down'], match: (_input, key) => Boolean(key.downArrow), action: 'columnsDown', help: 'column chooser: next column', group: 'view', modes: ['columns'],
	},
	{
		keys: ['Space'], match: char(' '), action: 'columnsToggle', help: 'column chooser: show/hide the column', footer: {label: 'show/hide', rank: 1}, group: 'view', modes: ['columns'],
	},
	{
		keys: ['['], match: char('['), action: 'columnsMoveUp', help: 'column chooser: move the column left', footer: {label: 'left', rank: 2}, group: 'view', modes: ['columns'],
	},
	{
		keys: [']'], match: char(']'), action: 'columnsMoveDown', help: 'column chooser: move the column right', footer: {label: 'right', rank: 3}, group: 'view', modes: ['columns'],
	},
	{
		keys: ['0'], match: char('0'), action: 'columnsReset', help: 'column chooser: back to the default columns', footer: {label: 'reset', rank: 5}, group: 'view', modes: ['columns'],
	},
	{
		keys: ['Enter', 'Esc', 'C'],
		match: (input, key) => Boolean(key.return) || Boolean(key.escape) || (input === 'C' && !key.ctrl && !key.meta),
		action: 'columnsClose',
		help: 'column chooser: done',
		footer: {label: 'done', rank: 4},
		group: 'view',
		modes: ['columns'],
	},

	{
		keys: ['/'], match: char('/'), action: 'filterOpen', help: 'filter: words, user: host: svc: server: app:, idle>600 mem>1M, ! negates', footer: {label: 'filter', rank: 3}, group: 'view', modes: ['table'],
	},
	{
		keys: ['\\'], match: char('\\'), action: 'filterClear', help: 'clear the filter', group: 'view', modes: ['table'],
	},
	{
		keys: ['c'], match: char('c'), action: 'toggleChurn', help: 'churn panel: who opens and closes sessions', footer: {label: 'churn', rank: 6}, group: 'view', modes: ['table', 'churn'],
	},
	{
		keys: ['g'], match: char('g'), action: 'cycleGroup', help: 'group by user, client, app, service, server, thread (Enter filters)', footer: {label: 'group', rank: 7}, group: 'view', modes: ['table'],
	},
	{
		keys: ['Space'], match: char(' '), action: 'toggleTag', help: 'tag/untag the selected session', footer: {label: 'tag', rank: 15}, group: 'actions', modes: ['table'],
	},
	{
		keys: ['u'], match: char('u'), action: 'clearTags', help: 'clear all tags', group: 'actions', modes: ['table'],
	},
	{
		keys: ['K'], match: char('K'), action: 'bulkKill', help: 'kill the tagged sessions, or all that match the filter (preview, typed count)', footer: {label: 'bulk kill', rank: 8}, group: 'actions', mutating: true, modes: ['table'],
	},
	{
		keys: ['Esc'], match: (_input, key) => Boolean(key.escape), action: 'bulkStop', help: 'stop a running bulk action, or else leave the group view', group: 'actions', modes: ['table'],
	},
	{
		keys: ['y'], match: char('y'), action: 'copySession', help: 'copy the selected session to the clipboard (OSC 52)', group: 'actions', modes: ['table'],
	},
	{
		keys: ['Left'], match: (_input, key) => Boolean(key.leftArrow), action: 'replayBack', help: 'replay: one poll back', group: 'navigation', modes: ['table'],
	},
	{
		keys: ['Right'], match: (_input, key) => Boolean(key.rightArrow), action: 'replayForward', help: 'replay: one poll forward', group: 'navigation', modes: ['table'],
	},

	{
		keys: ['W'], match: char('W'), action: 'toggleWrite', help: 'read-only on, or off after typing "write" (never for a basic account)', group: 'actions', modes: ['table'],
	},
	{
		keys: ['L'], match: char('L'), action: 'leaseLogLevel', help: 'turn the selected log level on for N minutes; maxtop turns it off again', footer: {label: 'on for N min', rank: 4}, group: 'actions', mutating: true, modes: ['log'],
	},
	{
		keys: ['f'], match: char('f'), action: 'openFilters', help: 'filter chain of the selected session: add, remove, reorder, apply', group: 'actions', mutating: true, modes: ['table', 'detail'],
	},
	{
		keys: ['Space', '[', ']', 'x', 'Enter'],
		match: (input, key) => Boolean(key.return) || (!key.ctrl && !key.meta && [' ', '[', ']', 'x'].includes(input)),
		action: 'filtersEdit',
		help: 'filter chain: Space add/remove, [ ] move, x none, Enter apply',
		group: 'actions',
		mutating: true,
		modes: ['filters'],
	},

	{
		keys: ['Enter'], match: (_input, key) => Boolean(key.return), action: 'promptSubmit', help: 'accept the answer', footer: {label: 'accept', rank: 1}, group: 'general', modes: ['prompt'],
	},
	{
		keys: ['Esc'], match: (_input, key) => Boolean(key.escape), action: 'promptCancel', help: 'cancel', footer: {label: 'cancel', rank: 2}, group: 'general', modes: ['prompt'],
	},
	{
		keys: ['Backspace'], match: (_input, key) => Boolean(key.backspace) || Boolean(key.delete), action: 'promptBackspace', help: 'delete a character', group: 'general', modes: ['prompt'],
	},
	{
		keys: ['text'],
		match: (input, key) => input.length > 0 && !key.ctrl && !key.meta && !key.escape && !key.tab,
		action: 'promptType',
		help: 'type the answer',
		group: 'general',
		modes: ['prompt'],
	},
	{
		keys: ['y'], match: char('y', 'Y'), action: 'confirmYes', help: 'yes, do it', footer: {label: 'yes', rank: 1}, group: 'general', modes: ['confirm'],
	},
	// Anything but y cancels, Enter alone included: no single key destroys anything.
	{
		keys: ['n', 'Enter', 'Esc'], match: () => true, action: 'confirmNo', help: 'no (the default)', footer: {label: 'no', rank: 2}, group: 'general', modes: ['confirm'],
	},
];

export function findBinding(mode: ScreenMode, input: string, key: KeyPress): KeyBinding | undefined {
	return keymap.find(binding => binding.modes.includes(mode) && binding.match(input, key));
}

export const keyGroupTitles: Record<KeyGroup, string> = {
	navigation: 'Navigation',
	sort: 'Sorting',
	actions: 'Actions',
	view: 'View',
	general: 'General',
};

/**
The footer's entries for a screen, most needed first (ties in table order), one per action.
*/
export function footerEntries(mode: ScreenMode): string[] {
	const seen = new Set<string>();
	const entries: Array<{text: string; rank: number}> = [];
	for (const binding of keymap) {
		if (!(binding.footer && binding.modes.includes(mode)) || seen.has(binding.action)) {
			continue;
		}

		seen.add(binding.action);
		entries.push({text: `${binding.keys.join('/')} ${binding.footer.label}`, rank: binding.footer.rank});
	}

	return entries.toSorted((a, b) => a.rank - b.rank).map(entry => entry.text);
}

const footerGap = '  ';

/**
`q quit  ? help  / filter  …` for the bottom line: whole entries by rank, as many as fit `width`.
The footer of a wider terminal only adds entries at the end, so keys never move around.
*/
export function footerText(mode: ScreenMode, width = Infinity): string {
	let text = '';
	for (const entry of footerEntries(mode)) {
		const next = text === '' ? entry : `${text}${footerGap}${entry}`;
		if (next.length > width && text !== '') {
			break;
		}

		text = next;
	}

	return text;
}

const helpKeyWidth = 12;

/**
Words of `text` in lines of at most `width` cells (a longer word gets a line of its own).
*/
function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	return [...lines, line];
}

/**
Help text: one entry per binding, grouped, from the table above. Given a width, long
descriptions wrap under themselves instead of being cut.
*/
export function helpLines(width = Infinity): string[] {
	const lines: string[] = [];
	const indent = 2 + helpKeyWidth + 1;
	// Below ~40 columns a hanging indent leaves too little room; cutting is then the lesser evil.
	const room = Math.max(24, width - indent);
	for (const group of Object.keys(keyGroupTitles) as KeyGroup[]) {
		const rows = keymap.filter(binding => binding.group === group && binding.modes.some(mode => !(mode === 'prompt' || mode === 'confirm')));
		if (rows.length === 0) {
			continue;
		}

		lines.push(keyGroupTitles[group]);
		for (const binding of rows) {
			const [first = '', ...rest] = wrapWords(binding.help, room);
			lines.push(`  ${binding.keys.join('/').padEnd(helpKeyWidth)} ${first}`, ...rest.map(line => ' '.repeat(indent) + line));
		}
	}

	return lines;
}
