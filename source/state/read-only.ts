import {
	featureNames,
	hasFeature,
	requiredVersion,
	type Feature,
} from '../model/version.js';
import {setStatus} from './helpers.js';
import {readWriteLine} from './prompt-lines.js';
import type {State} from './types.js';

/**
Why a mutating action may not run against `hosts`, or undefined when it may. Checked before any
request is sent, so a refused key sends nothing.
*/
export function refusal(state: State, hosts: readonly string[], feature?: Feature): string | undefined {
	if (state.readOnly) {
		return state.isReplay ? 'read-only: a replay never changes anything; nothing was sent' : 'read-only: maxtop runs in read-only mode; nothing was sent (W switches to read-write)';
	}

	for (const host of hosts) {
		const status = state.statuses.get(host);
		if (status?.readOnly) {
			return `read-only: the account on ${host} may not change sessions; nothing was sent`;
		}

		if (feature && !hasFeature(status?.version, feature)) {
			return `${featureNames[feature]} needs MaxScale ${requiredVersion(feature)}; ${host} runs ${status?.versionText ?? 'an older version'}`;
		}
	}

	return undefined;
}

function basicHosts(state: State): string[] {
	return state.hosts.filter(host => state.statuses.get(host)?.readOnly);
}

/** `W`: read-only at once; back to read-write only after typing "write". */
export function toggleWrite(state: State): State {
	if (state.isReplay) {
		return setStatus(state, 'read-only: a replay never changes anything', true);
	}

	if (!state.readOnly) {
		return setStatus({...state, readOnly: true}, 'read-only: actions that change sessions are off (W asks to switch back)', false);
	}

	const basic = basicHosts(state);
	if (basic.length === state.hosts.length) {
		return setStatus(state, `read-only: the account is a basic (read-only) one on ${basic.length === 1 ? basic[0]! : 'every host'}; W cannot change that`, true);
	}

	const where = state.hosts.length === 1 ? state.hosts[0]! : `${state.hosts.length} hosts`;
	return {
		...state, mode: {
			kind: 'prompt', purpose: 'read-write', label: readWriteLine(where), text: '',
		},
	};
}

export function submitWrite(state: State, text: string): State {
	if (state.mode.kind !== 'prompt') {
		return state;
	}

	if (text === '') {
		return setStatus({...state, mode: {kind: 'table'}}, 'cancelled: still read-only', false);
	}

	if (text !== 'write') {
		return {...state, mode: {...state.mode, error: 'type exactly "write", or Esc to stay read-only'}};
	}

	const basic = basicHosts(state);
	const note = basic.length > 0 ? ` (except ${basic.join(', ')}: basic account)` : '';
	return setStatus({...state, mode: {kind: 'table'}, readOnly: false}, `read-write${note}: actions now change sessions; W returns to read-only`, false);
}
