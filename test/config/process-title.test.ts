import {test} from 'node:test';
import assert from 'node:assert/strict';
import {processTitle} from '../../source/config/process-title.js';

test('the process title masks passwords in every spelling and keeps the rest', () => {
	assert.equal(processTitle(['-h', 'mx1:8989', '-u', 'ops', '-p', 'pw1', '--sort', 'idle']), 'maxtop -h mx1:8989 -u ops -p *** --sort idle');
	assert.equal(processTitle(['--password', 'pw1', '--password=pw2', '-ppw3', '--tls-passphrase=pw4', '--tls-passphrase', 'pw5']), 'maxtop --password *** --password=*** -p*** --tls-passphrase=*** --tls-passphrase ***');
	assert.equal(processTitle(['--hosts=http://ops:pw6@mx1:8989,https://a:pw7@mx2:8989']), 'maxtop --hosts=http://ops:***@mx1:8989,https://a:***@mx2:8989');
	assert.equal(processTitle(['-h', 'http://ops@mx1:8989', '--once']), 'maxtop -h http://ops@mx1:8989 --once');
	assert.equal(processTitle([]), 'maxtop');
});
