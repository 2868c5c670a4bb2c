import {formatAddress} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import {sessionIdOf, type Session, type SessionId} from '../model/session.js';
import {sessionKey} from '../model/types.js';
import type {Feature} from '../model/version.js';
import {setStatus} from './helpers.js';
import {refusal} from './read-only.js';
import {selectedSession} from './table.js';
import type {State, Target} from './types.js';

/** `123 (app@10.0.0.5:40664, RW-Split-Router)`: enough to be sure which session an action hits. */
export function describeSession(session: Session): string {
	return sanitize(`${session.id} (${sessionDetail(session)})`);
}

/** `app@10.0.0.5:40664, RW-Split-Router`: who and where, without the id. */
function sessionDetail(session: Session): string {
	const user = session.user ?? '?';
	const client = formatAddress(session.remote, session.port) || '?';
	const service = session.services.join(',') || '?';
	return `${user}@${client}, ${service}`;
}

/**
The id a request may name for `session`: only one MaxScale could have sent. A row with any other
id is shown, but no key ever sends anything for it (`unwritableText` says why).
*/
export function writableId(session: Pick<Session, 'id'>): SessionId | undefined {
	return sessionIdOf(session.id);
}

export function unwritableText(session: Pick<Session, 'id'>): string {
	const shown = session.id.length > 24 ? `${session.id.slice(0, 21)}...` : session.id;
	return sanitize(`session id "${shown}" is not a MaxScale session id (a decimal number): nothing is sent for this row`);
}

/** The session an action aims at, or undefined when its id may not be named in a request. */
export function targetOf(session: Session): Target | undefined {
	const id = writableId(session);
	return id === undefined
		? undefined
		: {
			key: sessionKey(session), host: session.host, id, label: describeSession(session), detail: sanitize(sessionDetail(session)),
		};
}

/** The session an action aims at: the one in the detail pane, else the selected row. */
export function aimedSession(state: State): Session | undefined {
	if (state.mode.kind === 'detail') {
		const {key} = state.mode;
		return state.detail?.session ?? state.rows.find(row => sessionKey(row) === key);
	}

	return selectedSession(state);
}

/**
`act` on the session a key aims at, or the status line saying why not: none selected, a change
`feature` names that the host refuses, or an id no request may name.
*/
export function withTarget(state: State, feature: Feature | undefined, act: (target: Target, session: Session) => State): State {
	const session = aimedSession(state);
	if (!session) {
		return setStatus(state, 'no session selected', true);
	}

	const why = feature && refusal(state, [session.host], feature);
	const target = targetOf(session);
	return why === undefined && target ? act(target, session) : setStatus(state, why ?? unwritableText(session), true);
}
