import assert from 'node:assert/strict';
import {sessionIdOf, type SessionId} from '../../source/model/session.js';

/**
A session id for a client call in a test; fails the test if it is not one MaxScale could send.
*/
export function sid(text: string): SessionId {
	const id = sessionIdOf(text);
	if (id === undefined) {
		assert.fail(`${JSON.stringify(text)} is not a session id`);
	}

	return id;
}
