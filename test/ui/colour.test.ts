import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {colorLevel, effectiveTheme} from '../../source/model/color.js';
import {formatJson, formatTable, formatTsv} from '../../source/output/formats.js';
import {outputColumns} from '../../source/output/columns.js';
import {makeSession} from '../helpers/sessions.js';

// Ink's chalk decides its level when first imported, so colour is forced before the app loads.
process.env['FORCE_COLOR'] = '1';
const {cleanup} = await import('ink-testing-library');
const {renderApp, host} = await import('./harness.js');
const {waitForText} = await import('../helpers/ink.js');

after(() => {
	cleanup();
});

const colourSgr = /\u{1B}\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;\d+)*m/v;

async function failingFrame(level: 0 | 1): Promise<string> {
	const app = renderApp({size: {columns: 80, rows: 24}, theme: 'dark', colorLevel: level});
	app.poller.pushSessions([makeSession({id: '1'})]);
	app.poller.pushStatus({
		host, state: 'stale', error: 'connection refused', lastSuccessMs: Date.UTC(2024, 0, 5, 11, 59, 0),
	});
	return waitForText(app, 'connection refused');
}

test('colour level 0 (NO_COLOR, --color never) sends no colour codes even with colour forced; bold stays', async () => {
	assert.match(await failingFrame(1), colourSgr);
	const frame = await failingFrame(0);
	assert.doesNotMatch(frame, colourSgr);
	assert.match(frame, /\u{1B}\[1m/v);
	assert.match(frame, /stale data, 1m00s old {2}maxtop: connection refused/v);
});

test('NO_COLOR, --color and FORCE_COLOR pick the level; level 0 draws the mono theme', () => {
	assert.equal(colorLevel({flag: 'auto', env: {NO_COLOR: '1', TERM: 'xterm'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'auto', env: {NO_COLOR: '', TERM: 'xterm'}, isTTY: true}), 1);
	assert.equal(colorLevel({flag: 'never', env: {FORCE_COLOR: '3'}, isTTY: true}), 0);
	assert.equal(colorLevel({flag: 'always', env: {NO_COLOR: '1'}, isTTY: false}), 1);
	assert.equal(effectiveTheme('light', 0), 'mono');
});

test('every --once format is free of colour codes', () => {
	const sessions = [makeSession({id: '1', user: 'jürgen'})];
	for (const text of [formatTable(sessions, outputColumns), formatTable(sessions, outputColumns, {ascii: true}), formatTsv(sessions, outputColumns), formatJson(sessions)]) {
		assert.doesNotMatch(text, /\u{1B}/v);
	}
});
