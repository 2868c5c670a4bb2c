import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createClient} from '../../source/api/client.js';
import {parseOptions} from '../../source/config/parse-options.js';
import {runOnce, renderSessions} from '../../source/output/once.js';
import {createRecorder, readRecording} from '../../source/output/recording.js';
import {startSimulator} from '../../source/simulator/index.js';
import {manualReplay} from '../helpers/replay.js';

test('30 polls of the simulator over loopback, recorded, replay with the same rows', async t => {
	const sim = await startSimulator({sessions: 40, churnPerSecond: 4, manualClock: true});
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-record-'));
	t.after(async () => {
		await sim.close();
		await rm(directory, {recursive: true, force: true});
	});
	const parsed = parseOptions({
		once: true, hosts: new URL(sim.url).host, count: '30', interval: '1', format: 'tsv', columns: 'id,user,client,service,servers,state,age,idle,memory,io,thread',
	}, {LANG: 'C.UTF-8'});
	assert.ok(parsed.ok);
	const {config} = parsed;
	const file = path.join(directory, 'polls.ndjson');
	const recorder = createRecorder(file);
	let printed = '';
	let stderr = '';
	const code = await runOnce(config, {
		createClient,
		stdout: {
			write(chunk: string) {
				printed += chunk;
				return true;
			},
		},
		stderr: {
			write(chunk: string) {
				stderr += chunk;
				return true;
			},
		},
		recorder,
		async sleep(ms) {
			// Churn and idle times move between polls, so no two polls print the same.
			sim.advance(ms);
		},
	});
	recorder.close();
	assert.equal(code, 0, stderr);
	const polls = printed.split('\n\n');
	assert.equal(polls.length, 30);
	assert.equal(new Set(polls).size, 30, 'the simulator changed between polls');

	const {poller: replay, played, playAll} = manualReplay(await readRecording(file));
	playAll();
	replay.stop();
	assert.deepEqual(played.map(snapshot => renderSessions(snapshot.sessions, config, undefined, false)), polls.map((poll, index) => index === polls.length - 1 ? poll : `${poll}\n`));
});
