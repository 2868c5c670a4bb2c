import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	parseAsctime,
	parseConnected,
	parseIsoTimestamp,
	parseRfc1123,
} from '../../source/model/time.js';

test('RFC 1123 GMT (23.02+) is read as UTC', () => {
	assert.equal(parseRfc1123('Fri, 05 Jan 2024 07:24:06 GMT'), Date.UTC(2024, 0, 5, 7, 24, 6));
	assert.equal(parseConnected('Sun, 22 Nov 2026 22:13:01 GMT'), Date.UTC(2026, 10, 22, 22, 13, 1));
});

test('asctime (2.2–22.08) is server-local; an explicit offset is honoured', () => {
	assert.equal(parseAsctime('Thu Jul 20 07:28:51 2023', {timezoneOffsetMinutes: 0}), Date.UTC(2023, 6, 20, 7, 28, 51));
	assert.equal(parseAsctime('Thu Jul 20 07:28:51 2023', {timezoneOffsetMinutes: 120}), Date.UTC(2023, 6, 20, 5, 28, 51));
	assert.equal(parseAsctime('Thu Jul 20 07:28:51 2023', {timezoneOffsetMinutes: -300}), Date.UTC(2023, 6, 20, 12, 28, 51));
	assert.equal(parseConnected('Thu Jul 20 07:28:51 2023'), new Date(2023, 6, 20, 7, 28, 51).getTime());
});

test('asctime with a space-padded day', () => {
	assert.equal(parseConnected('Thu Jul  6 07:28:51 2023', {timezoneOffsetMinutes: 0}), Date.UTC(2023, 6, 6, 7, 28, 51));
});

test('anything else is undefined', () => {
	for (const value of [
		undefined, null, 12, '', 'yesterday', '2023-07-20 07:28:51', 'Thu Foo 20 07:28:51 2023',
		'Fri, 31 Feb 2024 07:24:06 GMT', 'Fri, 05 Jan 2024 25:24:06 GMT', 'Fri, 05 Jan 2024 07:24:06 CET',
		'Thu Jul 32 07:28:51 2023', {connected: 'Fri, 05 Jan 2024 07:24:06 GMT'},
	]) {
		assert.equal(parseConnected(value), undefined, JSON.stringify(value));
	}
});

test('ISO timestamps of queries[].received: zone-less is local, Z and offsets honoured', () => {
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03.787', {timezoneOffsetMinutes: 0}), Date.UTC(2026, 10, 22, 22, 13, 3, 787));
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03.787', {timezoneOffsetMinutes: 60}), Date.UTC(2026, 10, 22, 21, 13, 3, 787));
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03'), new Date(2026, 10, 22, 22, 13, 3).getTime());
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03.5Z'), Date.UTC(2026, 10, 22, 22, 13, 3, 500));
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03.123456Z'), Date.UTC(2026, 10, 22, 22, 13, 3, 123));
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03+02:00'), Date.UTC(2026, 10, 22, 20, 13, 3));
	assert.equal(parseIsoTimestamp('2026-11-22T22:13:03-0130'), Date.UTC(2026, 10, 22, 23, 43, 3));
	assert.equal(parseIsoTimestamp('2026-13-22T22:13:03'), undefined);
	assert.equal(parseIsoTimestamp('not a date'), undefined);
	assert.equal(parseIsoTimestamp(1_700_000_000_000), undefined);
});
