import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {FaultKind} from '../../source/simulator/types.js';
import {checkPollFault, startFaultApp} from './harness.js';

type Case = {kind: FaultKind; detail: RegExp; name: string};

const cases: Case[] = [
	{kind: 'malformed-json', detail: /truncated or malformed JSON/v, name: 'malformed JSON'},
	{kind: 'truncated', detail: /cut short/v, name: 'a truncated body'},
	{kind: 'empty-body', detail: /empty answer/v, name: 'an empty 200 body'},
	{kind: 'non-json', detail: /not JSON/v, name: 'a text/html answer (a proxy in the way)'},
];

for (const {kind, detail, name} of cases) {
	test(`${name}: the last good list stays, marked stale with the reason, and polling recovers`, async t => {
		const app = await startFaultApp();
		try {
			const {line, recoveryMs} = await checkPollFault(app, {kind, paths: ['/v1/sessions']}, detail);
			t.diagnostic(`${line} (recovered in ${recoveryMs} ms)`);
			assert.equal(line.split('\n').length, 1);
			assert.deepEqual(app.writes(), []);
		} finally {
			await app.close();
		}
	});
}
