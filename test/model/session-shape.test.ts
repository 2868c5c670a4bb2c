import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';

// A session V8 keeps as a dictionary costs twice the memory of a fast object, over every session of
// every list held (the benchmark's resident-memory bound at 50,000 sessions); %HasFastProperties says which.
test('a normalized session is a fast object, not a dictionary, even with every list field present', () => {
	const script = `
		import {normalizeSessionList} from './source/model/normalize.ts';
		import {readFileSync} from 'node:fs';
		const body = JSON.parse(readFileSync('test/fixtures/maxscale-24.02.3/sessions-list.json', 'utf8'));
		const sessions = normalizeSessionList(body, 'mx:8989', Date.now());
		console.log(JSON.stringify({count: sessions.length, fields: Object.keys(sessions[0]).length, fast: sessions.every(session => %HasFastProperties(session))}));
	`;
	const output = execFileSync(process.execPath, ['--allow-natives-syntax', '--import=tsx', '--input-type=module', '--eval', script], {
		cwd: new URL('../..', import.meta.url), encoding: 'utf8',
	});
	const result = JSON.parse(output) as {count: number; fields: number; fast: boolean};
	assert.ok(result.count > 0);
	assert.ok(result.fields > 14, `a session with many fields (${result.fields})`);
	assert.ok(result.fast);
});
