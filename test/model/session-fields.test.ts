import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {matchSession, parseFilter} from '../../source/model/filter.js';
import {columnNames} from '../../source/config/flags.js';
import {normalizeSession, normalizeSessionList} from '../../source/model/normalize.js';
import {fields} from '../../source/model/session-fields.js';
import {compareVersion, parseVersion} from '../../source/model/version.js';
import {selectColumns} from '../../source/output/columns.js';
import {formatTable, formatTsv} from '../../source/output/formats.js';

const now = Date.UTC(2026, 10, 23, 8, 0, 0);
const fixture = (file: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8'));

test('every field is read from the real captures of the MaxScales that send it, at its declared path', () => {
	const captures: Array<[[number, number, number], string, string]> = [
		[[2, 4, 19], 'maxscale-2.4.19/sessions.json', 'maxscale-2.4.19/session_2.json'],
		[[22, 8, 14], 'maxscale-22.08.14/sessions-list-with-queries-and-log.json', 'maxscale-22.08.14/session-get-with-queries-and-log.json'],
		[[24, 2, 3], 'maxscale-24.02.3/sessions-list-with-queries-and-log.json', 'maxscale-24.02.3/session-get-with-queries-and-log.json'],
	];
	for (const [version, list, one] of captures) {
		const sessions = normalizeSessionList(fixture(list), 'mx:8989', now);
		const detail = normalizeSession((fixture(one) as {data: unknown}).data, 'mx:8989', now)!;
		for (const field of fields) {
			const isSent = field.since !== undefined && compareVersion(parseVersion(field.since)!, version) <= 0;
			const isRead = field.detail ? detail[field.key] !== undefined : sessions.some(session => session[field.key] !== undefined);
			if (isSent) {
				assert.ok(isRead, `${version.join('.')}: ${field.key} (since ${field.since}) at ${String(field.wire)}`);
			}
		}
	}
});

test('sescmd, one declaration: normalized, a --once column, a filter field and a tsv header', () => {
	const sessions = normalizeSessionList({
		data: [
			{id: '7', attributes: {client: {sescmd_history_len: 42}}},
			{id: '8', attributes: {client: {sescmd_history_len: 3}}},
			{id: '9', attributes: {client: {sescmd_history_len: -1}}},
		],
	}, 'mx:8989', now);
	assert.deepEqual(sessions.map(session => session.sescmdHistoryLength), [42, 3, undefined]);
	assert.deepEqual(sessions[2]!.unknown, ['sescmdHistoryLength']);

	const columns = selectColumns(sessions, {columns: ['id', 'sescmd'], multiHost: false});
	assert.equal(formatTsv(sessions, columns), 'id\tsescmd\n7\t42\n8\t3\n9\t?\n');
	assert.equal(formatTable(sessions, columns), 'ID  SESCMD\n 7      42\n 8       3\n 9       ?\n');
	assert.ok(selectColumns(sessions, {multiHost: false}).some(column => column.id === 'sescmd'));
	assert.ok(columnNames.includes('sescmd'), '--columns takes it');

	const parsed = parseFilter('sescmd>=10');
	assert.ok(parsed.ok);
	assert.deepEqual(sessions.filter(session => matchSession(parsed.filter, session)).map(session => session.id), ['7']);
	assert.deepEqual(parseFilter('sescmd>many'), {ok: false, error: '\'sescmd>many\': \'many\' is not a number like 50 at column 1', column: 1});

	// The real 24.02.3 capture: readwritesplit sessions send it, readconnroute ones do not.
	const captured = normalizeSessionList(fixture('maxscale-24.02.3/sessions-list.json'), 'mx:8989', now);
	for (const session of captured) {
		assert.equal(session.sescmdHistoryLength, session.services[0] === 'RW-Split-Router' ? 0 : undefined);
	}
});
