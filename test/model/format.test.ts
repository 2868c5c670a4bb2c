import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	formatAddress,
	formatBytes,
	formatCount,
	formatDuration,
	formatMilliseconds,
	formatRelative,
	formatTime,
} from '../../source/model/format.js';

test('formatBytes uses binary units with one decimal below 100', () => {
	assert.equal(formatBytes(0), '0 B');
	assert.equal(formatBytes(512), '512 B');
	assert.equal(formatBytes(1023), '1023 B');
	assert.equal(formatBytes(1024), '1.0 KiB');
	assert.equal(formatBytes(12_595), '12.3 KiB');
	assert.equal(formatBytes(150 * 1024), '150 KiB');
	assert.equal(formatBytes(1.5 * 1024 * 1024), '1.5 MiB');
	assert.equal(formatBytes(3 * (1024 ** 3)), '3.0 GiB');
	assert.equal(formatBytes(NaN), '');
});

test('formatDuration picks the two largest units', () => {
	assert.equal(formatDuration(0), '0s');
	assert.equal(formatDuration(45.9), '45s');
	assert.equal(formatDuration(60), '1m00s');
	assert.equal(formatDuration((12 * 60) + 5), '12m05s');
	assert.equal(formatDuration((3 * 3600) + (12 * 60) + 59), '3h12m');
	assert.equal(formatDuration((2 * 86_400) + (4 * 3600) + 1), '2d04h');
	assert.equal(formatDuration(-5), '0s');
	assert.equal(formatDuration(Infinity), '');
});

test('formatAddress brackets IPv6 and leaves out a port the server did not send', () => {
	assert.equal(formatAddress('10.0.0.5', 40_664), '10.0.0.5:40664');
	assert.equal(formatAddress('::1', 40_664), '[::1]:40664');
	assert.equal(formatAddress('::ffff:127.0.0.1', 3306), '[::ffff:127.0.0.1]:3306');
	assert.equal(formatAddress('[::1]', 1), '[::1]:1');
	assert.equal(formatAddress('db.example.com'), 'db.example.com');
	assert.equal(formatAddress(undefined), '');
});

test('formatRelative counts back from now', () => {
	const now = 1_000_000;
	assert.equal(formatRelative(now - 2000, now), '2s ago');
	assert.equal(formatRelative(now - 125_000, now), '2m05s ago');
	assert.equal(formatRelative(now, now), 'now');
	assert.equal(formatRelative(now + 5000, now), 'now');
});

test('formatTime writes UTC or local time', () => {
	const ms = Date.UTC(2024, 0, 5, 7, 24, 6);
	assert.equal(formatTime(ms, {utc: true}), '2024-01-05 07:24:06 UTC');
	const local = new Date(ms);
	const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:24:06`;
	assert.equal(formatTime(ms), expected);
});

test('formatCount and formatMilliseconds', () => {
	assert.equal(formatCount(50_000), '50,000');
	assert.equal(formatCount(999), '999');
	assert.equal(formatCount(1_234_567), '1,234,567');
	assert.equal(formatMilliseconds(120.4), '120 ms');
	assert.equal(formatMilliseconds(1440), '1.4 s');
	assert.equal(formatMilliseconds(999.7), '1.0 s');
	assert.equal(formatMilliseconds(9960), '10 s');
	assert.equal(formatMilliseconds(12_400), '12 s');
});
