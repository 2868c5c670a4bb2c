import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	footerEntries,
	footerText,
	keymap,
	type ScreenMode,
} from '../../source/keymap.js';

const modes: ScreenMode[] = ['table', 'detail', 'log', 'help', 'prompt', 'confirm', 'columns', 'churn', 'filters'];

test('the table footer at 80 columns shows the filter, churn, group and bulk keys / c g K, with q and ? first', () => {
	const footer = footerText('table', 80);
	assert.equal(footer, 'q quit  ? help  / filter  k kill  Enter detail  c churn  g group  K bulk kill');
	assert.ok(footer.length <= 80);
});

test('at 60 and 40 columns the footer keeps the most needed keys, whole', () => {
	assert.equal(footerText('table', 60), 'q quit  ? help  / filter  k kill  Enter detail  c churn');
	assert.equal(footerText('table', 40), 'q quit  ? help  / filter  k kill');
	// Wider terminals only add entries at the end: a key never moves.
	for (let width = 14; width <= 200; width++) {
		const footer = footerText('table', width);
		assert.ok(footer.length <= width, `${width}: ${footer}`);
		assert.ok(footerText('table', width + 1).startsWith(footer), String(width));
		assert.match(footer, /^q quit {2}\? help/v, String(width));
	}
});

test('every footer entry of a screen has its own rank, so the order is decided, not accidental', () => {
	for (const mode of modes) {
		const ranks = keymap.filter(binding => binding.footer && binding.modes.includes(mode)).map(binding => `${binding.action}:${binding.footer!.rank}`);
		const byRank = new Map<number, Set<string>>();
		for (const entry of ranks) {
			const [action = '', rank = ''] = entry.split(':', 2);
			byRank.set(Number(rank), (byRank.get(Number(rank)) ?? new Set()).add(action));
		}

		assert.deepEqual([...byRank].filter(([, actions]) => actions.size > 1), [], mode);
	}
});

test('each screen\'s footer leads with its way out or its answer', () => {
	assert.deepEqual(footerEntries('detail').slice(0, 3), ['q quit', 'Esc close', 'k kill']);
	assert.deepEqual(footerEntries('prompt'), ['Enter accept', 'Esc cancel']);
	assert.deepEqual(footerEntries('confirm'), ['y yes', 'n/Enter/Esc no']);
	assert.deepEqual(footerEntries('help'), ['q quit', '? help', 'Esc close']);
});
