import {test} from 'node:test';
import assert from 'node:assert/strict';
import {detailLines} from '../../source/state/detail-lines.js';
import {makeSession} from '../helpers/sessions.js';

const options = {nowMs: Date.UTC(2026, 10, 23, 8, 0, 0), utc: true, rdns: false};

function line(lines: string[], name: string): string | undefined {
	return lines.find(text => text.startsWith(`  ${name.padEnd(11)} `))?.slice(14);
}

test('the detail pane names the program and the connector library', () => {
	const lines = detailLines(makeSession({
		id: '5', appName: 'web-frontend', connectionAttributes: {_client_name: 'pymysql', _client_version: '1.1.1', program_name: 'web-frontend'},
	}), options);
	assert.equal(line(lines, 'program'), 'web-frontend');
	assert.equal(line(lines, 'connector'), 'pymysql 1.1.1');
	assert.equal(line(lines, 'app'), undefined);
});

test('a client that sent no program_name: the program is blank, the connector is named', () => {
	const lines = detailLines(makeSession({id: '5', appName: 'Node-MySQL-2', connectionAttributes: {_client_name: 'Node-MySQL-2'}}), options);
	assert.equal(line(lines, 'program'), '-');
	assert.equal(line(lines, 'connector'), 'Node-MySQL-2');
});

test('before the detail arrives, the application the list gave', () => {
	const lines = detailLines(makeSession({id: '5', appName: 'report-cron'}), options);
	assert.equal(line(lines, 'app'), 'report-cron');
});
