import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {normalizeSession, normalizeSessionList} from '../../source/model/normalize.js';
import {fields} from '../../source/model/session-fields.js';
import {compareVersion, parseVersion} from '../../source/model/version.js';

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
