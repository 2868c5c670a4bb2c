import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mainFlags, simulateFlags, toMeowFlags} from '../../source/config/flags.js';
import {renderMainHelp, renderSimulateHelp} from '../../source/config/help.js';

test('help lists every flag with its default, grouped', () => {
	const help = renderMainHelp({description: 'maxtop', table: mainFlags, keyLines: ['Sorting', '  i  sort by idle']});
	for (const spec of mainFlags) {
		const isNegated = spec.type === 'boolean' && spec.default === 'true' && !spec.short;
		const name = isNegated ? `--no-${spec.name}` : `--${spec.name}`;
		const line = help.split('\n').find(candidate => new RegExp(String.raw`^ {2}(-\w, | {4})${name}( |$)`).test(candidate));
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
	assert.match(help, /--no-tokens +Always send Basic auth.*JWT/v);
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
