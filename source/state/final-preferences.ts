import type {Preferences} from '../config/preferences.js';
import type {ThemeName} from '../model/color.js';
import {choiceToList} from '../model/columns.js';
import type {State} from './types.js';

/**
What is remembered on quit: display settings only, never anything about a host or a login.
The sort is the one the operator asked for (memory stays memory even while a pre-22.08 server
makes the table fall back to idle). Grouping belongs to the triage features: saved when the
state carries a `groupBy` field.
*/
export function finalPreferences(state: State, options: {theme?: ThemeName; columns?: readonly string[]}): Preferences {
	const preferences: Preferences = {
		sort: state.sort.requested,
		sortDescending: state.sort.descending,
		intervalSeconds: state.intervalSeconds,
	};
	if (options.theme) {
		preferences.theme = options.theme;
	}

	const columns = state.columnChoice ? choiceToList(state.columnChoice) : options.columns;
	if (columns && columns.length > 0) {
		preferences.columns = [...columns];
	}

	const {groupBy} = state as State & {groupBy?: Preferences['groupBy']};
	if (typeof groupBy === 'string') {
		preferences.groupBy = groupBy;
	}

	return preferences;
}
