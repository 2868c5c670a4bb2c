import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	createRing,
	pushRing,
	ringLast,
} from '../../source/model/ring.js';

test('a ring keeps the newest values up to its capacity, oldest first', () => {
	let ring = createRing<number>(3);
	assert.deepEqual(ring.items, []);
	assert.equal(ringLast(ring), undefined);
	for (let value = 1; value <= 5; value++) {
		ring = pushRing(ring, value);
	}

	assert.deepEqual(ring.items, [3, 4, 5]);
	assert.equal(ringLast(ring), 5);
});

test('pushing never changes the old ring', () => {
	const before = pushRing(pushRing(createRing<string>(2), 'a'), 'b');
	const after = pushRing(before, 'c');
	assert.deepEqual(before.items, ['a', 'b']);
	assert.deepEqual(after.items, ['b', 'c']);
});

test('a ring stays bounded through many pushes; capacity 0 holds nothing', () => {
	let ring = createRing<number>(60);
	let longest = 0;
	for (let value = 0; value < 100_000; value++) {
		ring = pushRing(ring, value);
		longest = Math.max(longest, ring.items.length);
	}

	assert.equal(longest, 60);

	assert.equal(ring.items[0], 100_000 - 60);
	assert.deepEqual(pushRing(createRing<number>(0), 1).items, []);
	assert.deepEqual(createRing(2, [1, 2, 3]).items, [2, 3]);
});
