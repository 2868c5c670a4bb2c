import type {Session} from '../model/session.js';
import {sessionKey} from '../model/types.js';
import {setStatus} from './helpers.js';
import {freezeMs, moveCursorTo, selectedSession} from './table.js';
import type {State} from './types.js';

/** Space: tag or untag the selected session and step to the next row, the order held still meanwhile. */
export function toggleTag(state: State): State {
	const session = selectedSession(state);
	if (!session) {
		return setStatus(state, 'no session selected', true);
	}

	const key = sessionKey(session);
	const tags = new Set(state.tags);
	if (!tags.delete(key)) {
		tags.add(key);
	}

	return moveCursorTo({...state, tags, frozenUntilMs: state.clockMs + freezeMs}, state.cursorIndex + 1);
}

export function clearTags(state: State): State {
	const count = state.tags.size;
	return setStatus({...state, tags: new Set()}, count === 0 ? 'no tags to clear' : `${count} tag${count === 1 ? '' : 's'} cleared`, false);
}

/** The tags of sessions still listed (the same set when none left). */
export function keepListedTags(tags: ReadonlySet<string>, sessions: readonly Session[]): ReadonlySet<string> {
	if (tags.size === 0) {
		return tags;
	}

	const present = new Set(sessions.map(session => sessionKey(session)));
	const kept = new Set<string>();
	for (const key of tags) {
		if (present.has(key)) {
			kept.add(key);
		}
	}

	return kept.size === tags.size ? tags : kept;
}
