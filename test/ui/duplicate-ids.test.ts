import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {cleanup} from 'ink-testing-library';
import {withUniqueIds} from '../../source/model/session.js';
import {makeSession} from '../helpers/sessions.js';
import {press, waitFor, waitForText} from '../helpers/ink.js';
import {frame, renderApp} from './harness.js';

afterEach(() => {
	cleanup();
});

const said = 'listed 1 session id more than once: the later of each is shown';

// [2, 2] then [1] left `2 u2 … started` on screen for good: two rows with one React key.
for (const order of [['2', '2'], ['1', '2', '2'], ['2', '1', '2'], ['2', '2', '1']]) {
	test(`a list with ids ${order.join(', ')} shows the later 2; the next list without it leaves no row behind`, async () => {
		const app = renderApp();
		app.poller.pushSessions(order.map((id, index) => makeSession({id, user: `u${id}v${index}`})));
		const later = `u2v${order.lastIndexOf('2')}`;
		await waitForText(app, later);
		assert.doesNotMatch(frame(app), new RegExp(String.raw`u2v${order.indexOf('2')}\b`, 'v'));
		assert.ok(frame(app).includes(said), frame(app));
		app.poller.pushSessions([makeSession({id: '1', user: 'u1'})]);
		await waitFor(() => /\b1 session\b/v.test(frame(app)) && !frame(app).includes('u2v'), () => frame(app));
		assert.equal(frame(app).split('\n').filter(line => /^\S?\s+\d+ u/v.test(line)).length, 1, frame(app));
	});
}

test('duplicates are said once, not at every poll', async () => {
	const app = renderApp();
	app.poller.pushSessions([makeSession({id: '2', user: 'a'}), makeSession({id: '2', user: 'b'})]);
	await waitForText(app, said);
	await press(app, 'p', 'p');
	await waitFor(() => !frame(app).includes(said), () => frame(app));
	app.poller.pushSessions([makeSession({id: '2', user: 'a'}), makeSession({id: '2', user: 'c'})]);
	await waitForText(app, ' c ');
	assert.ok(!frame(app).includes(said), frame(app));
});

test('withUniqueIds keeps the later of each id, in list order, and the same array when all differ', () => {
	const list = ['3', '1', '3', '2', '1'].map((id, index) => makeSession({id, user: String(index)}));
	const {sessions, duplicates} = withUniqueIds(list);
	assert.deepEqual(sessions.map(session => [session.id, session.user]), [['3', '2'], ['2', '3'], ['1', '4']]);
	assert.equal(duplicates, 2);
	const unique = list.slice(0, 2);
	assert.equal(withUniqueIds(unique).sessions, unique);
});
