import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createRecorder, inspectRecording} from '../../source/output/recording.js';
import type {SessionsSnapshot} from '../../source/model/types.js';
import {generateSessions} from '../helpers/sessions.js';
import {manualReplay} from '../helpers/replay.js';

test('30 recorded polls replay with the same rows; step goes back and forth and pauses the play', async t => {
	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-replay-'));
	t.after(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	const file = path.join(directory, 'polls.ndjson');
	const recorder = createRecorder(file);
	const recorded: SessionsSnapshot[] = [];
	for (let index = 0; index < 30; index++) {
		const snapshot = {host: 'mx1:8989', atMs: Date.UTC(2024, 0, 5, 12, 0, index), sessions: generateSessions(5 + index, {host: 'mx1:8989', seed: index, firstId: index})};
		recorded.push(snapshot);
		recorder.record(snapshot);
	}

	recorder.close();
	const {frames} = await inspectRecording(file);
	const {poller, played, pendingTimers, playAll} = manualReplay(frames);
	playAll();
	assert.equal(played.length, 30);
	assert.deepEqual(played, recorded);
	poller.step!(-1);
	poller.step!(-1);
	poller.step!(1);
	assert.deepEqual(played.slice(30).map(snapshot => snapshot.atMs), [recorded[28]!.atMs, recorded[27]!.atMs, recorded[28]!.atMs]);
	assert.equal(pendingTimers(), 0, 'stepping pauses the recorded pace');
	poller.stop();
});
