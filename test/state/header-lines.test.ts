import {test} from 'node:test';
import assert from 'node:assert/strict';
import {detailTitleLine} from '../../source/state/detail-lines.js';
import {lineText} from '../../source/model/fit-line.js';
import {headerLines, updatedText, type HeaderInput} from '../../source/state/header-lines.js';
import type {HostStatus} from '../../source/model/types.js';

function detailTitle(...parameters: Parameters<typeof detailTitleLine>): string {
	return lineText(detailTitleLine(...parameters));
}

const nowMs = Date.parse('2026-12-01T10:00:30Z');

function status(host: string, agoMs: number | undefined, effectiveIntervalMs = 2000): HostStatus {
	return {
		host, state: 'ok', effectiveIntervalMs, ...(agoMs !== undefined && {lastSuccessMs: nowMs - agoMs}),
	};
}

function header(statuses: HostStatus[], replayAtMs?: number): string[] {
	return headerLines({
		hosts: statuses.map(item => item.host),
		statuses: new Map(statuses.map(item => [item.host, item])),
		sessionCount: 3,
		hasData: true,
		paused: false,
		intervalSeconds: 2,
		nowMs,
		width: 200,
		utc: true,
		...(replayAtMs !== undefined && {replayAtMs}),
	}).map(line => line.text);
}

test('a fleet where one host lags names it; the age shown first is the freshest host\'s', () => {
	assert.equal(header([status('mx1:8989', 1000), status('mx2:8989', 15_000)])[1], 'refresh 2s  updated 1s ago (mx2:8989 15s ago)');
	assert.equal(
		updatedText([status('a:1', 1000), status('b:1', 40_000), status('c:1', 15_000), status('d:1', 2500)], nowMs),
		'updated 1s ago (b:1 40s ago, 1 more behind)',
	);
});

test('hosts that answered within an interval of each other, and one host, say one age', () => {
	assert.equal(header([status('mx1:8989', 1000), status('mx2:8989', 2500)])[1], 'refresh 2s  updated 2s ago');
	assert.equal(updatedText([status('a:1', 1000), status('b:1', 9000, 10_000)], nowMs), 'updated 9s ago');
	assert.equal(header([status('mx1:8989', 15_000)])[1], 'refresh 2s  updated 15s ago');
	assert.equal(updatedText([status('a:1', undefined)], nowMs), undefined);
});

test('a replay shows the recorded time, and judges staleness at that time, not the wall clock\'s', () => {
	const recordedMs = Date.parse('2026-11-27T08:15:04Z');
	const replayed = (host: string, atMs: number): HostStatus => ({
		host, state: 'ok', effectiveIntervalMs: 2000, lastSuccessMs: atMs, versionText: 'replay',
	});
	const lines = header([replayed('mx1:8989', recordedMs), replayed('mx2:8989', recordedMs - 1000)], recordedMs);
	assert.equal(lines[1], 'refresh 2s  recorded 08:15:04 UTC');
	assert.equal(lines[2], 'mx1:8989 ok  mx2:8989 ok');
	const lagging = header([replayed('mx1:8989', recordedMs), replayed('mx2:8989', recordedMs - 20_000)], recordedMs);
	assert.equal(lagging[1], 'refresh 2s  recorded 08:15:04 UTC (mx2:8989 20s earlier)');
	assert.match(lagging[2]!, /mx2:8989 stale since 08:14:44/v);
});

test('the detail pane says live while polling, replay and the recorded time during --replay', () => {
	assert.equal(detailTitle('14', 'mx1:8989', {}), 'Session 14 on mx1:8989, live  (Esc closes)');
	assert.equal(detailTitle('14', 'mx1:8989', {replay: true, replayAtMs: Date.parse('2026-11-27T08:15:04Z'), utc: true}), 'Session 14 on mx1:8989, replay at 08:15:04 UTC  (Esc closes)');
	assert.equal(detailTitle('14', 'mx1:8989', {replay: true}), 'Session 14 on mx1:8989, replay  (Esc closes)');
});

const host = '127.0.0.1:8989';

function input(overrides: Partial<HeaderInput> = {}): HeaderInput {
	return {
		hosts: [host],
		statuses: new Map([[host, {
			host, state: 'ok', versionText: '24.02.3', lastSuccessMs: 0, effectiveIntervalMs: 2000,
		}]]),
		sessionCount: 1000,
		hasData: true,
		paused: false,
		intervalSeconds: 2,
		nowMs: 1000,
		...overrides,
	};
}

test('the first line gives the session count before the version, which a narrow terminal cuts first', () => {
	assert.equal(headerLines(input())[0]!.text, `maxtop  ${host}  1,000 sessions  MaxScale 24.02.3`);
	assert.equal(headerLines(input({sessionCount: 1}))[0]!.text, `maxtop  ${host}  1 session  MaxScale 24.02.3`);
});

test('a scrolled table says which rows it shows, within 60 columns', () => {
	const line = headerLines(input({shownRange: {first: 41, last: 74}}))[0]!.text;
	assert.equal(line, `maxtop  ${host}  41–74 of 1,000 sessions  MaxScale 24.02.3`);
	assert.ok(line.indexOf('1,000 sessions') + '1,000 sessions'.length <= 60);
	const big = headerLines(input({sessionCount: 50_000, shownRange: {first: 49_981, last: 50_000}}))[0]!.text;
	assert.ok(big.startsWith(`maxtop  ${host}  49,981–50,000 of 50,000 sessions`), big);
	assert.ok(big.indexOf('sessions') + 'sessions'.length <= 60, big);
});
