import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	mkdtemp,
	readFile,
	readdir,
	rm,
	stat,
	writeFile,
} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {loadPreferences, savePreferences} from '../../source/config/preferences.js';
import {choiceFromList} from '../../source/model/columns.js';
import {applyColumnChooser} from '../../source/state/column-chooser.js';
import {finalPreferences} from '../../source/state/final-preferences.js';
import {createInitialState} from '../../source/state/reducer.js';
import type {State} from '../../source/state/types.js';

test('the final state round-trips through the preferences file, mode 0600, no secrets', async t => {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-prefs-'));
	t.after(async () => rm(directory, {recursive: true, force: true}));
	const file = path.join(directory, 'maxtop', 'config.ini');
	let state: State = {
		...createInitialState({
			hosts: ['h'], sort: 'idle', sortDescending: false, readOnly: false, intervalSeconds: 3,
		}),
		columnChoice: choiceFromList(['id', 'user', 'memory']),
	};
	state = applyColumnChooser(applyColumnChooser(applyColumnChooser(state, 'openColumns'), 'columnsDown'), 'columnsMoveDown');
	const preferences = finalPreferences(state, {theme: 'light'});
	assert.deepEqual(preferences, {
		sort: 'idle', sortDescending: false, intervalSeconds: 3, theme: 'light', columns: ['host', 'user', 'id', 'memory'],
	});

	await savePreferences(preferences, file);
	assert.equal((await stat(file)).mode & 0o777, 0o600);
	const text = await readFile(file, 'utf8');
	assert.doesNotMatch(text, /password|mariadb/iv);
	assert.deepEqual(await loadPreferences(file), {preferences});
});

test('a corrupt file warns, gives the defaults and is kept as .bad when the next quit saves', async t => {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-prefs-'));
	t.after(async () => rm(directory, {recursive: true, force: true}));
	const file = path.join(directory, 'config.ini');
	await writeFile(file, 'sort = sideways\n');
	const loaded = await loadPreferences(file);
	assert.deepEqual(loaded.preferences, {});
	assert.match(loaded.warning ?? '', /^ignoring preferences .*unknown sort key 'sideways'.*; using defaults$/v);
	assert.doesNotMatch(loaded.warning ?? '', /\n/v);

	await savePreferences(finalPreferences(createInitialState({
		hosts: ['h'], sort: 'memory', readOnly: false, intervalSeconds: 2,
	}), {}), file);
	assert.equal(await readFile(file + '.bad', 'utf8'), 'sort = sideways\n');
	assert.deepEqual((await loadPreferences(file)).preferences, {sort: 'memory', sortDescending: true, intervalSeconds: 2});
	assert.deepEqual((await readdir(directory)).sort(), ['config.ini', 'config.ini.bad']);
});

test('grouping is saved when the state carries it', () => {
	const state = {
		...createInitialState({
			hosts: ['h'], sort: 'memory', readOnly: false, intervalSeconds: 2,
		}), groupBy: 'user',
	};
	assert.equal(finalPreferences(state, {}).groupBy, 'user');
});
