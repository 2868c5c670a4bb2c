import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {mainFlags, metricsFlags, simulateFlags} from '../source/config/flags.js';
import {typedName} from '../source/config/help.js';
import {keymap} from '../source/keymap.js';
import {
	cell,
	flagsMarkdown,
	keysMarkdown,
	readmePath,
	withTables,
} from '../scripts/readme-tables.js';

const readme = readFileSync(readmePath, 'utf8');

test('the readme\'s flag and key tables are the ones generated from the program\'s tables (npm run readme)', () => {
	assert.equal(readme, withTables(readme));
});

test('every flag and every key binding appears in the readme', () => {
	const flags = flagsMarkdown();
	for (const flag of [...mainFlags, ...simulateFlags, ...metricsFlags]) {
		const typed = `--${typedName(flag)}`;
		assert.ok(flags.includes(typed), flag.name);
		assert.ok(readme.includes(typed), flag.name);
	}

	const keys = keysMarkdown();
	for (const binding of keymap) {
		if (binding.keys.includes('text')) {
			continue;
		}

		assert.ok(keys.includes(cell(binding.help)), binding.help);
		assert.ok(readme.includes(cell(binding.help)), binding.help);
	}
});

test('the readme shows the two set-up commands', () => {
	assert.ok(readme.includes('npm install && npm run demo'));
	assert.ok(readme.includes('npm install && npm test'));
});
