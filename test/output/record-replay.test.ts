import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createClient} from '../../source/api/client.js';
import {parseOptions} from '../../source/config/parse-options.js';
import {printReplay, runOnce} from '../../source/output/once.js';
import {createPollPrinter} from '../../source/output/printer.js';
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
	let clockMs = Date.UTC(2026, 0, 2, 3, 4, 5);
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
			clockMs += ms;
		},
		now: () => clockMs,
	});
	recorder.close();
	assert.equal(code, 0, stderr);
	const [header, ...rows] = printed.trimEnd().split('\n');
	assert.equal(header, 'time\tid\tuser\tclient\tservice\tservers\tstate\tage\tidle\tmemory\tio\tthread');
	const polls = Map.groupBy(rows, row => row.split('\t', 1)[0]!);
	assert.equal(polls.size, 30);
	assert.equal(new Set([...polls.values()].map(poll => poll.map(row => row.slice(row.indexOf('\t'))).join('\n'))).size, 30, 'the simulator changed between polls');

	const frames = await readRecording(file);
	let replayed = '';
	printReplay(frames, config, {
		write(chunk: string) {
			replayed += chunk;
		},
	});
	assert.equal(replayed, printed);

	const {poller: replay, played, playAll} = manualReplay(frames);
	playAll();
	replay.stop();
	let shown = '';
	const printer = createPollPrinter(config, {
		write(chunk: string) {
			shown += chunk;
		},
	}, {polls: played.length, isMultiHost: false});
	for (const snapshot of played) {
		printer.print(snapshot.sessions, snapshot.atMs);
	}

	printer.end();
	assert.equal(shown, printed);
});
