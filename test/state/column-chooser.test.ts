import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	applyColumnChoice,
	choiceFromList,
	choiceToList,
	columns,
} from '../../source/model/columns.js';
import {chooserEntries, columnChooserKeys} from '../../source/state/column-chooser.js';
import {createInitialState} from '../../source/state/reducer.js';
import type {State} from '../../source/state/types.js';

/** One chooser key, as the key table runs it. */
function applyColumnChooser(state: State, action: keyof typeof columnChooserKeys): State {
	return columnChooserKeys[action](state);
}

function opened(): State {
	return applyColumnChooser(createInitialState({
		hosts: ['h'], sort: 'memory', readOnly: false, intervalSeconds: 2,
	}), 'openColumns');
}

test('a --columns list shows those columns in that order and hides the rest; app is skipped', () => {
	const choice = choiceFromList(['memory', 'id', 'app', 'user'])!;
	assert.deepEqual(choiceToList(choice), ['host', 'memory', 'id', 'user']);
	const shown = applyColumnChoice(columns, choice).map(column => column.id);
	assert.deepEqual(shown, ['host', 'memory', 'id', 'user']);
	assert.equal(choiceFromList(['app']), undefined);
});

test('Space hides and shows, [ and ] move, 0 resets; the ID column cannot be hidden', () => {
	let state = opened();
	state = applyColumnChooser(state, 'columnsDown');
	state = applyColumnChooser(state, 'columnsToggle');
	assert.equal(state.columnChoice, undefined);
	assert.match(state.status?.text ?? '', /ID column always stays/v);
	state = applyColumnChooser(state, 'columnsDown');
	state = applyColumnChooser(state, 'columnsToggle');
	assert.deepEqual(state.columnChoice?.hidden, ['user']);
	state = applyColumnChooser(state, 'columnsToggle');
	assert.deepEqual(state.columnChoice?.hidden, []);
	state = applyColumnChooser(state, 'columnsToggle');
	assert.deepEqual(state.columnChoice?.hidden, ['user']);
	state = applyColumnChooser(state, 'columnsMoveUp');
	assert.deepEqual(state.columnChoice?.order.slice(0, 3), ['host', 'user', 'id']);
	assert.deepEqual(state.mode, {kind: 'columns', cursor: 1});
	state = applyColumnChooser(state, 'columnsDown');
	assert.equal(state.mode.kind === 'columns' && state.mode.cursor, 2);
	state = applyColumnChooser({...state, status: undefined}, 'columnsToggle');
	assert.equal(state.status?.error, true);
	assert.deepEqual(state.columnChoice?.hidden, ['user']);
	state = applyColumnChooser(state, 'columnsReset');
	assert.equal(state.columnChoice, undefined);
	assert.deepEqual(chooserEntries(state).map(entry => entry.id), columns.map(column => column.id));
	assert.deepEqual(applyColumnChooser(state, 'columnsClose').mode, {kind: 'table'});
});

test('moving past either end changes nothing', () => {
	const state = opened();
	assert.equal(applyColumnChooser(state, 'columnsMoveUp'), state);
	assert.deepEqual(applyColumnChooser(state, 'columnsUp').mode, {kind: 'columns', cursor: 0});
});

test('t toggles the worker meters', () => {
	const state = opened();
	assert.equal(state.showMeters, true);
	assert.equal(applyColumnChooser(state, 'toggleMeters').showMeters, false);
});
