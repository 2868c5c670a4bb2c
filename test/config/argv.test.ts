import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseArgv} from '../../source/config/argv.js';
import {mainFlags, simulateFlags} from '../../source/config/flags.js';

const parse = (argv: string[]) => parseArgv(argv, mainFlags, ['simulate']);
const given = (flags: Record<string, unknown>) => Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
const errorOf = (result: ReturnType<typeof parseArgv>) => result.ok ? undefined : result.error;

test('known flags in every spelling; an absent flag stays undefined', () => {
	const result = parse(['-h', 'a:1', '--user=bob', '-p', '', '--no-save', '-n', 'false', '-sd5', '--once']);
	assert.ok(result.ok);
	assert.deepEqual(given(result.flags), {
		hosts: 'a:1', user: 'bob', password: '', save: false, tlsVerifyServerCert: false, secure: true, interval: '5', once: true,
	});
	assert.equal(result.flags['sort'], undefined);
	assert.equal(result.command, undefined);
});

test('finds the command after flags that take values', () => {
	const result = parse(['-u', 'simulate', 'simulate', '--port', '1']);
	assert.ok(result.ok);
	assert.equal(result.command, 'simulate');
	assert.equal(result.flags['user'], 'simulate');
	assert.deepEqual(result.input, ['--port', '1']);
	const later = parse(['--verbose', 'simulate', '--bogus']);
	assert.ok(later.ok, 'the command\'s own flags are checked by its own parse');
	assert.deepEqual(later.input, ['--bogus']);
});

test('unknown flags and arguments are one line naming them', () => {
	assert.equal(errorOf(parse(['--bogus'])), 'unknown flag --bogus');
	assert.equal(errorOf(parse(['--once', '--bogus=3'])), 'unknown flag --bogus');
	assert.equal(errorOf(parse(['--intervall', '3'])), 'unknown flag --intervall (did you mean --interval?)');
	assert.equal(errorOf(parse(['-sx'])), 'unknown flag -x');
	assert.equal(errorOf(parse(['--no-hosts'])), 'unknown flag --no-hosts');
	assert.equal(errorOf(parse(['top'])), 'unexpected argument \'top\' (commands: simulate)');
	assert.equal(errorOf(parse(['--tls-verify-server-cert=false', '--', 'ignored'])), 'unexpected argument \'ignored\' (commands: simulate)');
	assert.equal(errorOf(parse(['--once', '--hosts', 'a:1', '--hosts', 'b:2'])), '--hosts can only be set once');
});

test('a value outside a flag\'s choices is one line naming the choices', () => {
	assert.equal(errorOf(parse(['--color', 'rainbow'])), '--color: \'rainbow\' is not one of auto, always, never');
	assert.equal(errorOf(parse(['--theme=neon'])), '--theme: \'neon\' is not one of dark, light, mono');
	assert.equal(errorOf(parse(['--once', '--format', 'xml'])), '--format: \'xml\' is not one of table, json, tsv');
	assert.equal(errorOf(parse(['--demo', '--demo-version', '1.4'])), '--demo-version: \'1.4\' is not one of 2.2, 2.4, 6, 22.08, 24.02');
	assert.equal(errorOf(parseArgv(['--version', '3'], simulateFlags)), '--version: \'3\' is not one of 2.2, 2.4, 6, 22.08, 24.02');
});

test('meow\'s own exit and console are given back after a refusal', () => {
	const {exit} = process;
	const {error, log} = console;
	assert.equal(errorOf(parse(['top'])), 'unexpected argument \'top\' (commands: simulate)');
	assert.equal(process.exit, exit);
	assert.equal(console.error, error);
	assert.equal(console.log, log);
});

test('simulate flags', () => {
	const result = parseArgv(['--port', '0', '--fault', 'hang', '--fault', 'latency:5', '--cost'], simulateFlags);
	assert.ok(result.ok);
	assert.deepEqual(given(result.flags), {port: '0', fault: ['hang', 'latency:5'], cost: true});
	assert.equal(errorOf(parseArgv(['--demo'], simulateFlags)), 'unknown flag --demo');
	assert.equal(errorOf(parseArgv(['--no-fault'], simulateFlags)), 'unknown flag --no-fault');
	assert.equal(errorOf(parseArgv(['extra'], simulateFlags)), 'unexpected argument \'extra\'');
});

test('version and description come from package.json', () => {
	const result = parse(['--version']);
	assert.ok(result.ok);
	assert.equal(result.flags['version'], true);
	assert.match(result.version ?? '', /^\d+\.\d+\.\d+/v);
	assert.ok((result.description ?? '').length > 0);
});

test('a value given to an unknown flag is not repeated (it may be a password)', () => {
	assert.equal(errorOf(parse(['--password', 'hunter2', '--pasword=hunter2'])), 'unknown flag --pasword (did you mean --password?)');
	assert.equal(errorOf(parse(['--bogus=hunter2', 'hunter2'])), 'unknown flag --bogus');
});
