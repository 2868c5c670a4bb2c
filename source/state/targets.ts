import {formatAddress} from '../model/format.js';
import {sanitize} from '../model/sanitize.js';
import type {Session} from '../model/session.js';
import {
	hasFeature,
	requiredVersion,
	type Feature,
	featureNames,
} from '../model/version.js';
import {sessionKey} from './table.js';
import type {State, Target} from './types.js';

/**
`123 (app@10.0.0.5:40664, RW-Split-Router)`: enough to be sure which session an action hits.
*/
export function describeSession(session: Session): string {
	return sanitize(`${session.id} (${sessionDetail(session)})`);
}

/**
`app@10.0.0.5:40664, RW-Split-Router`: who and where, without the id.
*/
function sessionDetail(session: Session): string {
	const user = session.user ?? '?';
	const client = formatAddress(session.remote, session.port) || '?';
	const service = session.services.join(',') || '?';
	return `${user}@${client}, ${service}`;
}

export function targetOf(session: Session): Target {
	return {
		key: sessionKey(session), host: session.host, id: session.id, label: describeSession(session), detail: sanitize(sessionDetail(session)),
	};
}

/**
Why a mutating action may not run against `hosts`, or undefined when it may. Checked before any
request is sent, so a refused key sends nothing.
*/
export function refusal(state: State, hosts: readonly string[], feature?: Feature): string | undefined {
	if (state.readOnly) {
		return state.triage.isReplay ? 'read-only: a replay never changes anything; nothing was sent' : 'read-only: maxtop runs in read-only mode; nothing was sent (W switches to read-write)';
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
