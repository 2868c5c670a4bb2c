import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	colorLevel,
	effectiveTheme,
	themeColors,
	type ColorRole,
} from '../../source/model/color.js';

const tty = {TERM: 'xterm-256color'};

test('auto follows the TTY and TERM', () => {
	assert.equal(colorLevel({flag: 'auto', env: tty, isTTY: true}), 2);
	assert.equal(colorLevel({flag: 'auto', env: {TERM: 'xterm'}, isTTY: true}), 1);
	assert.equal(colorLevel({flag: 'auto', env: {TERM: 'xterm', COLORTERM: 'truecolor'}, isTTY: true}), 3);
	assert.equal(colorLevel({flag: 'auto', env: tty, isTTY: false}), 0);
	assert.equal(colorLevel({flag: 'auto', env: {TERM: 'dumb'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'auto', env: {}, isTTY: true}), 1);
});

test('NO_COLOR set and non-empty turns colour off; empty NO_COLOR does not', () => {
	assert.equal(colorLevel({flag: 'auto', env: {...tty, NO_COLOR: '1'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'auto', env: {...tty, NO_COLOR: ''}, isTTY: true}), 2);
});

test('FORCE_COLOR sets the level, 0 meaning none', () => {
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '0'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '1'}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '2', TERM: 'dumb'}, isTTY: false}), 2);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '3'}, isTTY: false}), 3);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '9'}, isTTY: false}), 3);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: ''}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: 'true'}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: 'false'}, isTTY: true}), 0);
	// As in Node's tty.getColorDepth, FORCE_COLOR wins over NO_COLOR.
	assert.equal(colorLevel({flag: 'auto', env: {FORCE_COLOR: '1', NO_COLOR: '1'}, isTTY: true}), 1);
	assert.equal(colorLevel({flag: 'auto', env: {...tty, FORCE_COLOR: 'nonsense'}, isTTY: true}), 2);
});

test('the --color flag wins over the environment', () => {
	assert.equal(colorLevel({flag: 'never', env: {...tty, FORCE_COLOR: '3'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'always', env: {NO_COLOR: '1'}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'always', env: {FORCE_COLOR: '0'}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'always', env: {TERM: 'dumb'}, isTTY: false}), 1);
	assert.equal(colorLevel({flag: 'always', env: tty, isTTY: false}), 2);
	assert.equal(colorLevel({flag: 'always', env: {FORCE_COLOR: '3'}, isTTY: false}), 3);
});

const roles: ColorRole[] = ['header', 'selected', 'new', 'tombstone', 'stale', 'error', 'warning', 'pendingKill', 'tagged', 'readOnly', 'dim'];
const basicColors = new Set(['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright']);

test('dark and light themes give a basic colour to every role; mono gives none', () => {
	for (const theme of ['dark', 'light'] as const) {
		const colors = themeColors(theme);
		assert.deepEqual(roles.filter(role => !basicColors.has(colors[role]!)), [], theme);
		assert.notEqual(colors.error, colors.new);
	}

	const mono = themeColors('mono');
	assert.deepEqual(roles.map(role => mono[role]), roles.map(() => undefined));
	assert.deepEqual(Object.keys(mono).toSorted(), roles.toSorted());
});

test('level 0 draws the mono theme whatever was chosen', () => {
	assert.equal(effectiveTheme('dark', 0), 'mono');
	assert.equal(effectiveTheme('light', 1), 'light');
	assert.equal(effectiveTheme('mono', 3), 'mono');
});
