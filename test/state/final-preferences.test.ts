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
import {loadPreferences, updatePreferences} from '../../source/config/preferences.js';
import {choiceFromList} from '../../source/model/columns.js';
import {columnChooserKeys} from '../../source/state/column-chooser.js';
import {finalPreferences} from '../../source/state/final-preferences.js';
import {createInitialState, type InitialOptions} from '../../source/state/reducer.js';
import {applyKey} from '../../source/state/keys.js';
import type {State} from '../../source/state/types.js';

/** One chooser key, as the key table runs it. */
function applyColumnChooser(state: State, action: keyof typeof columnChooserKeys): State {
	return columnChooserKeys[action](state);
}

async function withDirectory(t: {after: (run: () => Promise<void>) => void}): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'maxtop-prefs-'));
	t.after(async () => rm(directory, {recursive: true, force: true}));
	return directory;
}

function start(options: Partial<InitialOptions> = {}, columns?: string[]): State {
	return {
		...createInitialState({
			hosts: ['h'], sort: 'memory', readOnly: false, intervalSeconds: 2, ...options,
		}),
		columnChoice: columns ? choiceFromList(columns) : undefined,
	};
}

const keys = (state: State, ...inputs: string[]) => inputs.reduce((current, input) => applyKey(current, input, {}), state);

test('a run that only used flags (-d 1, --sort idle:asc) has nothing to remember', () => {
	const state = start({intervalSeconds: 1, sort: 'idle', sortDescending: false});
	assert.deepEqual(finalPreferences(state, state), {});
	// Moving around and opening panels is not a change of settings either.
	assert.deepEqual(finalPreferences(state, keys(state, 'j', 'j', '?')), {});
});

test('what the operator changed inside is remembered, and only that', () => {
	const initial = start({intervalSeconds: 1});
	assert.deepEqual(finalPreferences(initial, keys(initial, '+', '+')), {intervalSeconds: 3});
	assert.deepEqual(finalPreferences(initial, keys(initial, 'i')), {sort: 'idle', sortDescending: true});
	// Changed and changed back: nothing to remember.
	assert.deepEqual(finalPreferences(initial, keys(initial, '+', '-')), {});
});

test('the column chooser: a new order is remembered; a reset to the default set removes the saved list', () => {
	const initial = start({}, ['id', 'user', 'memory']);
	const moved = applyColumnChooser(applyColumnChooser(applyColumnChooser(initial, 'openColumns'), 'columnsDown'), 'columnsMoveDown');
	assert.deepEqual(finalPreferences(initial, moved), {columns: ['host', 'user', 'id', 'memory']});
	assert.deepEqual(finalPreferences(initial, applyColumnChooser(initial, 'columnsReset')), {columns: []});
});

test('quitting after -d 1 leaves the saved file as it was; a change made inside is written over it, the rest kept', async t => {
	const directory = await withDirectory(t);
	const file = path.join(directory, 'maxtop', 'config.ini');
	await updatePreferences({}, file);
	assert.deepEqual(await readdir(directory), [], 'nothing changed: no file and no folder made');

	await updatePreferences({intervalSeconds: 5, theme: 'light', columns: ['id', 'user']}, file);
	const saved = await readFile(file, 'utf8');
	const flagsOnly = start({intervalSeconds: 1}, ['id', 'user']);
	await updatePreferences(finalPreferences(flagsOnly, keys(flagsOnly, 'j')), file);
	assert.equal(await readFile(file, 'utf8'), saved);

	await updatePreferences(finalPreferences(flagsOnly, keys(flagsOnly, 'i')), file);
	assert.deepEqual(await loadPreferences(file), {
		preferences: {
			sort: 'idle', sortDescending: true, intervalSeconds: 5, theme: 'light', columns: ['id', 'user'],
		},
	});
	assert.equal((await stat(file)).mode & 0o777, 0o600);
	assert.doesNotMatch(await readFile(file, 'utf8'), /password|mariadb/iv);

	await updatePreferences(finalPreferences(flagsOnly, applyColumnChooser(flagsOnly, 'columnsReset')), file);
	assert.equal((await loadPreferences(file)).preferences.columns, undefined);
});

test('a corrupt file warns, gives the defaults and is kept as .bad when a change is saved', async t => {
	const directory = await withDirectory(t);
	const file = path.join(directory, 'config.ini');
	await writeFile(file, 'sort = sideways\n');
	const loaded = await loadPreferences(file);
	assert.deepEqual(loaded.preferences, {});
	assert.match(loaded.warning ?? '', /^ignoring preferences .*unknown sort key 'sideways'.*; using defaults$/v);
	assert.doesNotMatch(loaded.warning ?? '', /\n/v);

	const initial = start();
	await updatePreferences(finalPreferences(initial, keys(initial, '+')), file);
	assert.equal(await readFile(file + '.bad', 'utf8'), 'sort = sideways\n');
	assert.deepEqual((await loadPreferences(file)).preferences, {intervalSeconds: 3});
	assert.deepEqual((await readdir(directory)).sort(), ['config.ini', 'config.ini.bad']);
});
