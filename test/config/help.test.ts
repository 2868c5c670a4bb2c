import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mainFlags, simulateFlags, toMeowFlags} from '../../source/config/flags.js';
import {helpWidth, renderMainHelp, renderSimulateHelp} from '../../source/config/help.js';
import {helpLines} from '../../source/keymap.js';
import {displayWidth} from '../../source/model/text.js';

/**
A flag's line and the lines its description is continued on, as one line.
*/
function entry(help: string, pattern: RegExp): string | undefined {
	const lines = help.split('\n');
	const start = lines.findIndex(line => pattern.test(line));
	if (start === -1) {
		return undefined;
	}

	const rest = lines.slice(start + 1);
	const end = rest.findIndex(line => !/^ {20,}\S/v.test(line));
	return [lines[start]!, ...rest.slice(0, end === -1 ? rest.length : end)].map(line => line.trim()).join(' ');
}

test('help lists every flag with its default, grouped', () => {
	const help = renderMainHelp({description: 'maxtop', table: mainFlags, keyLines: ['Sorting', '  i  sort by idle']});
	for (const spec of mainFlags) {
		const isNegated = spec.type === 'boolean' && spec.default === 'true' && !spec.short;
		const name = isNegated ? `--no-${spec.name}` : `--${spec.name}`;
		const line = entry(help, new RegExp(String.raw`^ {2}(-\w, | {4})${name}( |$)`));
		assert.ok(line, `${name} is listed`);
		if (spec.short) {
			assert.ok(line.includes(`-${spec.short}, `), `${name} shows -${spec.short}`);
		}

		if (spec.default !== undefined && !isNegated) {
			assert.ok(line.includes(`default: ${spec.default}`), `${name} shows its default`);
		}
	}

	for (const title of ['Connection', 'Display', 'Actions', 'Output', 'Demo', 'Keys']) {
		assert.match(help, new RegExp(`^${title}$`, 'm'));
	}

	assert.match(help, /^ {2}Sorting$/mv);
	assert.match(entry(help, /--no-tokens/v)!, /--no-tokens +Always send Basic auth.*JWT/v);
});

test('help without a key table says where the keys are', () => {
	assert.match(renderMainHelp({description: 'maxtop', table: mainFlags}), /Press \? in the monitor/v);
});

test('simulate help lists every simulate flag', () => {
	const help = renderSimulateHelp(simulateFlags);
	for (const spec of simulateFlags) {
		assert.ok(help.includes(`--${spec.name}`), spec.name);
	}
});

test('meow flags: camelCase keys, short flags, no defaults', () => {
	const flags = toMeowFlags(mainFlags);
	assert.deepEqual(flags['tlsVerifyServerCert'], {type: 'boolean', shortFlag: 'n'});
	assert.deepEqual(flags['maxServerShare'], {type: 'string'});
	assert.deepEqual(toMeowFlags(simulateFlags)['fault'], {type: 'string', isMultiple: true});
	assert.ok(Object.values(flags).every(flag => !('default' in flag)));
});

const squashed = (text: string) => text.replaceAll(/\s+/gv, '');

test('help fits 80 columns and keeps every word of the unwrapped help', () => {
	const options = {description: 'top for MariaDB MaxScale sessions: a live session monitor for the terminal', table: mainFlags, keyLines: helpLines()};
	const help = renderMainHelp(options);
	const simulate = renderSimulateHelp(simulateFlags);
	for (const text of [help, simulate]) {
		const wide = text.split('\n').filter(line => displayWidth(line) > helpWidth);
		assert.deepEqual(wide, []);
	}

	assert.equal(squashed(help), squashed(renderMainHelp({...options, width: 1000})));
	assert.equal(squashed(simulate), squashed(renderSimulateHelp(simulateFlags, 1000)));
	// Wrapped text continues in its column, so the flag and key columns still read as columns.
	assert.match(help, /^ {2}-h, --hosts HOST:PORT\[,…\] +MaxScale REST API addresses;[^\n]*\n {34}\S/mv);
	assert.match(help, /^ {4}k {12}kill the selected session[^\n]*\n {17}\S/mv);
});
