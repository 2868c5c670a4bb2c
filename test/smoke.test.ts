import {test} from 'node:test';
import assert from 'node:assert/strict';

test('runs on Node >= 22', () => {
	const major = Number(process.versions.node.split('.', 1)[0]);
	assert.ok(major >= 22, `node ${process.versions.node}`);
});
