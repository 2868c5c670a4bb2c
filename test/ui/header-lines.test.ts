import {test} from 'node:test';
import assert from 'node:assert/strict';
import {headerLines, type HeaderInput} from '../../source/ui/header-lines.js';

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
