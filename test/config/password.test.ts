import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {PromptAbortedError, readPassword, readPasswordLine} from '../../source/config/password.js';

function fakeTerminal() {
	const stdin = new PassThrough() as PassThrough & {isTTY: boolean; isRaw: boolean; setRawMode(mode: boolean): void; rawModes: boolean[]};
	stdin.isTTY = true;
	stdin.isRaw = false;
	stdin.rawModes = [];
	stdin.setRawMode = (mode: boolean) => {
		stdin.isRaw = mode;
		stdin.rawModes.push(mode);
	};

	let written = '';
	const stdout = {
		write(text: string) {
			written += text;
			return true;
		},
	};
	return {stdin, stdout, written: () => written};
}

test('reads in raw mode without echo; Enter ends', async () => {
	const {stdin, stdout, written} = fakeTerminal();
	const result = readPassword(stdin, stdout);
	stdin.write('s3');
	stdin.write('cr');
	stdin.write('et\r');
	assert.equal(await result, 's3cret');
	assert.equal(written(), 'Password: \n');
	assert.deepEqual(stdin.rawModes, [true, false]);
	assert.ok(!written().includes('s3'));
});

test('the input ending ends the prompt with what was typed, and its listeners go', async () => {
	const {stdin, stdout} = fakeTerminal();
	const result = readPassword(stdin, stdout);
	stdin.end('partial');
	assert.equal(await result, 'partial');
	assert.equal(stdin.listenerCount('data') + stdin.listenerCount('end'), 0);
	assert.deepEqual(stdin.rawModes, [true, false]);
});

test('backspace removes the last character, Ctrl-U clears', async () => {
	const {stdin, stdout, written} = fakeTerminal();
	const result = readPassword(stdin, stdout);
	stdin.write('abx\u{7F}c\bd');
	stdin.write('zzz\u{15}pässwörd\n');
	assert.equal(await result, 'pässwörd');
	assert.doesNotMatch(written().replace('Password: ', ''), /[a-z]{2}/v);
});

test('Ctrl-D mid-word and other control characters are ignored; Ctrl-D on an empty line aborts', async () => {
	const word = fakeTerminal();
	const typed = readPassword(word.stdin, word.stdout);
	word.stdin.write('ab\u{4}\u{1}\tc\u{7F}d\r');
	assert.equal(await typed, 'abd');
	const empty = fakeTerminal();
	const aborted = readPassword(empty.stdin, empty.stdout);
	empty.stdin.write('x\u{7F}\u{4}');
	await assert.rejects(aborted, PromptAbortedError);
});

test('a pasted line with Enter in the middle of a chunk', async () => {
	const {stdin, stdout} = fakeTerminal();
	const result = readPassword(stdin, stdout);
	stdin.write('pasted\rtrailing');
	assert.equal(await result, 'pasted');
});

test('Ctrl-C aborts and restores the terminal', async () => {
	const {stdin, stdout, written} = fakeTerminal();
	const result = readPassword(stdin, stdout);
	stdin.write('sec\u{3}');
	await assert.rejects(result, PromptAbortedError);
	assert.deepEqual(stdin.rawModes, [true, false]);
	assert.ok(!written().includes('sec'));
});

test('readPasswordLine takes the first line of piped input', async () => {
	const stdin = new PassThrough();
	const result = readPasswordLine(stdin);
	stdin.end('from-pipe\nsecond line\n');
	assert.equal(await result, 'from-pipe');
});
