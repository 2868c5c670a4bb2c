import type {Preferences} from '../config/preferences.js';
import {choiceToList} from '../model/columns.js';
import type {State} from './types.js';

/**
The display settings the operator can change inside the program, as the state has them. The sort
is the one the operator asked for (memory stays memory even while a pre-22.08 server makes the
table fall back to idle). No column choice is the default set, written as an empty list.
*/
function displaySettings(state: State): Required<Pick<Preferences, 'sort' | 'sortDescending' | 'intervalSeconds' | 'columns'>> {
	return {
		sort: state.sort.requested,
		sortDescending: state.sort.descending,
		intervalSeconds: state.intervalSeconds,
		columns: state.columnChoice ? choiceToList(state.columnChoice) : [],
	};
}

/**
What is remembered on quit: only what the operator changed inside the program between `start`
and `end` (sort keys, `+`/`-`, the column chooser), as htop does. Flags such as `-d 1` shape the
start state, so they apply to their own run and are never saved. Never anything about a host or
a login. An empty `columns` list means the default columns.
*/
export function finalPreferences(start: State, end: State): Preferences {
	const before = displaySettings(start);
	const after = displaySettings(end);
	const changes: Preferences = {};
	// Key and direction are one choice: the saved direction belongs to the saved key.
	if (after.sort !== before.sort || after.sortDescending !== before.sortDescending) {
		changes.sort = after.sort;
		changes.sortDescending = after.sortDescending;
	}

	if (after.intervalSeconds !== before.intervalSeconds) {
		changes.intervalSeconds = after.intervalSeconds;
	}

	if (after.columns.join(',') !== before.columns.join(',')) {
		changes.columns = after.columns;
	}

	return changes;
}
