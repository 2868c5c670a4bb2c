import type {Key} from 'ink';

/**
What a key handler sees; tests build these by hand, so every flag is optional.
*/
export type KeyPress = Partial<Key>;

export type ScreenMode = 'table' | 'detail' | 'log' | 'help' | 'prompt' | 'confirm';

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
	| 'intervalUp'
	| 'intervalDown'
	| 'toggleHelp'
	| 'quit'
	| 'promptSubmit'
	| 'promptCancel'
	| 'promptBackspace'
	| 'promptType'
	| 'confirmYes'
	| 'confirmNo';

export type KeyGroup = 'navigation' | 'sort' | 'actions' | 'view' | 'general';

export type KeyBinding = {
	/**
	As shown in help and the footer.
	*/
	keys: string[];
	match: (input: string, key: KeyPress) => boolean;
	action: ActionName;
	help: string;
	/**
	Short label for the footer; rows without one stay out of it.
	*/
	footer?: string;
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

const browse: readonly ScreenMode[] = ['table', 'detail', 'log', 'help'];

function char(...characters: string[]): (input: string, key: KeyPress) => boolean {
	return (input, key) => !key.ctrl && !key.meta && characters.includes(input);
}

/**
The one table of key bindings: help (`?`) and the footer are generated from it.
*/
export const keymap: readonly KeyBinding[] = [
	{
		keys: ['Ctrl-C'], match: (input, key) => Boolean(key.ctrl) && input === 'c', action: 'quit', help: 'quit', group: 'general', modes: ['table', 'detail', 'log', 'help', 'prompt', 'confirm'],
	},
	{
		keys: ['q'], match: char('q'), action: 'quit', help: 'quit', footer: 'quit', group: 'general', modes: browse,
	},
	{
		keys: ['?'], match: char('?'), action: 'toggleHelp', help: 'show or close this help', footer: 'help', group: 'general', modes: ['table', 'help'],
	},

	{
		keys: ['Up'], match: (_input, key) => Boolean(key.upArrow), action: 'cursorUp', help: 'move up (scroll in the detail pane)', group: 'navigation', modes: ['table', 'detail', 'log'],
	},
	{
		keys: ['Down'], match: (_input, key) => Boolean(key.downArrow), action: 'cursorDown', help: 'move down (scroll in the detail pane)', group: 'navigation', modes: ['table', 'detail', 'log'],
	},
	{
		keys: ['PgUp'], match: (_input, key) => Boolean(key.pageUp), action: 'pageUp', help: 'page up', group: 'navigation', modes: ['table', 'detail'],
	},
	{
		keys: ['PgDn'], match: (_input, key) => Boolean(key.pageDown), action: 'pageDown', help: 'page down', group: 'navigation', modes: ['table', 'detail'],
	},
	{
		keys: ['Home'], match: (_input, key) => Boolean(key.home), action: 'home', help: 'first session', group: 'navigation', modes: ['table', 'detail'],
	},
	{
		keys: ['End'], match: (_input, key) => Boolean(key.end), action: 'end', help: 'last session', group: 'navigation', modes: ['table', 'detail'],
	},

	{
		keys: ['i'], match: char('i'), action: 'sortIdle', help: 'sort by idle time', footer: 'idle', group: 'sort', modes: ['table'],
	},
	{
		keys: ['m'], match: char('m'), action: 'sortMemory', help: 'sort by memory', footer: 'mem', group: 'sort', modes: ['table'],
	},
	{
		keys: ['<'], match: char('<'), action: 'sortPrevious', help: 'sort by the previous column', group: 'sort', modes: ['table'],
	},
	{
		keys: ['>'], match: char('>'), action: 'sortNext', help: 'sort by the next column', group: 'sort', modes: ['table'],
	},
	{
		keys: ['I'], match: char('I'), action: 'sortInvert', help: 'invert the sort order', group: 'sort', modes: ['table'],
	},

	{
		keys: ['Enter'], match: (_input, key) => Boolean(key.return), action: 'openDetail', help: 'details of the selected session, live', footer: 'detail', group: 'view', modes: ['table'],
	},
	{
		keys: ['d'], match: char('d'), action: 'toggleRdns', help: 'reverse DNS of the client address on/off', footer: 'rdns', group: 'view', modes: ['detail'],
	},
	{
		keys: ['l'], match: char('l'), action: 'openLogLevels', help: 'log levels of the selected session', footer: 'log', group: 'actions', modes: ['table'],
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
		keys: ['Esc'], match: (_input, key) => Boolean(key.escape), action: 'closePane', help: 'close the pane', footer: 'close', group: 'general', modes: ['detail', 'log', 'help'],
	},
	{
		keys: ['r'], match: char('r'), action: 'restartSession', help: 'restart the selected session (asks first)', footer: 'restart', group: 'actions', mutating: true, modes: ['table', 'detail'],
	},
	{
		keys: ['R'], match: char('R'), action: 'restartAll', help: 'restart all sessions (type "restart")', group: 'actions', mutating: true, modes: ['table'],
	},
	{
		keys: ['k'],
		match: char('k'),
		action: 'killSession',
		help: 'kill the selected session, now or after a grace period (asks first)',
		footer: 'kill',
		group: 'actions',
		mutating: true,
		modes: ['table', 'detail'],
	},
	{
		keys: ['p'], match: char('p'), action: 'togglePause', help: 'pause/resume polling', footer: 'pause', group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['+'], match: char('+'), action: 'intervalUp', help: 'refresh less often (+1 s)', group: 'view', modes: ['table', 'detail'],
	},
	{
		keys: ['-'], match: char('-'), action: 'intervalDown', help: 'refresh more often (-1 s, at least 1 s)', group: 'view', modes: ['table', 'detail'],
	},

	{
		keys: ['Enter'], match: (_input, key) => Boolean(key.return), action: 'promptSubmit', help: 'accept the answer', footer: 'accept', group: 'general', modes: ['prompt'],
	},
	{
		keys: ['Esc'], match: (_input, key) => Boolean(key.escape), action: 'promptCancel', help: 'cancel', footer: 'cancel', group: 'general', modes: ['prompt'],
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
		keys: ['y'], match: char('y', 'Y'), action: 'confirmYes', help: 'yes, do it', footer: 'yes', group: 'general', modes: ['confirm'],
	},
	// Anything but y cancels, Enter alone included: no single key destroys anything.
	{
		keys: ['n', 'Enter', 'Esc'], match: () => true, action: 'confirmNo', help: 'no (the default)', footer: 'no', group: 'general', modes: ['confirm'],
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
`q quit  ? help  …` for the bottom line, from the table above.
*/
export function footerText(mode: ScreenMode): string {
	const seen = new Set<string>();
	const items: string[] = [];
	for (const binding of keymap) {
		if (!(binding.footer && binding.modes.includes(mode)) || seen.has(binding.action)) {
			continue;
		}

		seen.add(binding.action);
		items.push(`${binding.keys.join('/')} ${binding.footer}`);
	}

	return items.join('  ');
}

/**
Help text: one line per binding, grouped, from the table above.
*/
export function helpLines(): string[] {
	const lines: string[] = [];
	for (const group of Object.keys(keyGroupTitles) as KeyGroup[]) {
		const rows = keymap.filter(binding => binding.group === group && binding.modes.some(mode => !(mode === 'prompt' || mode === 'confirm')));
		if (rows.length === 0) {
			continue;
		}

		lines.push(keyGroupTitles[group]);
		for (const binding of rows) {
			lines.push(`  ${binding.keys.join('/').padEnd(12)} ${binding.help}`);
		}
	}

	return lines;
}
