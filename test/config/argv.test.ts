import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkArgv} from '../../source/config/argv.js';
import {mainFlags, simulateFlags} from '../../source/config/flags.js';

const check = (argv: string[]) => checkArgv(argv, mainFlags, ['simulate']);

test('accepts known flags in every spelling', () => {
	assert.deepEqual(check(['-h', 'a:1', '--user=bob', '-p', '', '--no-save', '-n', 'false', '-sd5', '--once']), {ok: true});
	assert.deepEqual(check(['--tls-verify-server-cert=false', '--', 'ignored']), {ok: false, error: 'unexpected argument \'ignored\' (commands: simulate)'});
});

test('finds the command after flags that take values', () => {
	assert.deepEqual(check(['-u', 'simulate', 'simulate', '--port', '1']), {ok: true, command: 'simulate'});
	assert.deepEqual(check(['--verbose', 'simulate', '--bogus']), {ok: true, command: 'simulate'});
});

test('unknown flags and arguments are named', () => {
	assert.deepEqual(check(['--bogus']), {ok: false, error: 'unknown flag --bogus'});
	assert.deepEqual(check(['--intervall', '3']), {ok: false, error: 'unknown flag --intervall (did you mean --interval?)'});
	assert.deepEqual(check(['-sx']), {ok: false, error: 'unknown flag -x'});
	assert.deepEqual(check(['--no-hosts']), {ok: false, error: 'unknown flag --no-hosts'});
	assert.deepEqual(check(['top']), {ok: false, error: 'unexpected argument \'top\' (commands: simulate)'});
});

test('simulate flags', () => {
	assert.deepEqual(checkArgv(['--port', '0', '--fault', 'hang', '--fault', 'latency:5', '--cost'], simulateFlags), {ok: true});
	assert.deepEqual(checkArgv(['--demo'], simulateFlags), {ok: false, error: 'unknown flag --demo'});
	assert.deepEqual(checkArgv(['extra'], simulateFlags), {ok: false, error: 'unexpected argument \'extra\''});
});
