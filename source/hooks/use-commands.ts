import {useEffect, useRef, type Dispatch} from 'react';
import {isApiError} from '../api/errors.js';
import type {MaxScaleClient} from '../api/types.js';
import type {Poller} from '../poller/types.js';
import type {Action} from '../state/actions.js';
import type {Command} from '../state/types.js';

type Context = {
	clients: ReadonlyMap<string, MaxScaleClient>;
	poller: Poller;
	dispatch: Dispatch<Action>;
	now: () => number;
};

function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n').map(line => line.trim()).filter(Boolean).join(' ') || 'unknown error';
}

/**
`kill of session 12 failed: …`, unless the request got no answer: then it did not simply fail, and
the error says what may still happen (short, so an 80-column status line keeps "watch the row").
*/
function failureText(what: string, sessionId: string, error: unknown): string {
	return isApiError(error) && error.isOutcomeUnknown ? `session ${sessionId}: ${messageOf(error)}` : `${what} of session ${sessionId} failed: ${messageOf(error)}`;
}

/**
A write that got no answer may land: the list shows soonest whether it did.
*/
function refreshIfUnanswered(context: Context, host: string, error: unknown): void {
	if (isApiError(error) && error.isOutcomeUnknown) {
		context.poller.refreshNow(host);
	}
}

function clientFor(context: Context, host: string): MaxScaleClient {
	const client = context.clients.get(host);
	if (!client) {
		throw new Error(`no connection configured for ${host}`);
	}

	return client;
}

function onOff(value: boolean | undefined): string {
	return value === undefined ? 'not reported' : (value ? 'on' : 'off');
}

async function run(command: Command, context: Context): Promise<void> {
	const {dispatch} = context;
	switch (command.kind) {
		case 'getLogLevels': {
			try {
				const session = await clientFor(context, command.host).getSession(command.sessionId);
				dispatch({
					type: 'logLevelsLoaded', host: command.host, id: command.sessionId, levels: session.logLevels ?? {},
				});
			} catch (error) {
				dispatch({
					type: 'logLevelsLoaded', host: command.host, id: command.sessionId, error: messageOf(error),
				});
			}

			return;
		}

		case 'setLogLevel': {
			const {host, sessionId, level, value} = command;
			const client = clientFor(context, host);
			try {
				await client.setLogLevels(sessionId, {[level]: value});
			} catch (error) {
				dispatch({
					type: 'logLevelsLoaded', host, id: sessionId, error: messageOf(error),
				});
				const text = isApiError(error) && error.isOutcomeUnknown ? `${level} ${value ? 'on' : 'off'}: ${messageOf(error)}` : `${level} not changed: ${messageOf(error)}`;
				dispatch({type: 'commandDone', text, error: true});
				return;
			}

			try {
				// Re-read: MaxScale accepts unknown or unsupported levels silently (log_debug outside debug builds).
				const session = await client.getSession(sessionId);
				const reported = session.logLevels?.[level];
				dispatch({
					type: 'logLevelsLoaded', host, id: sessionId, levels: session.logLevels ?? {},
				});
				dispatch({
					type: 'commandDone',
					text: `session ${sessionId}: ${level} ${value ? 'on' : 'off'} sent; the server reports ${onOff(reported)}`,
					error: reported !== value,
				});
			} catch (error) {
				dispatch({
					type: 'logLevelsLoaded', host, id: sessionId, error: messageOf(error),
				});
				dispatch({type: 'commandDone', text: `${level} sent, but re-reading session ${sessionId} failed: ${messageOf(error)}`, error: true});
			}

			return;
		}

		case 'pollNow': {
			context.poller.refreshNow();
			return;
		}

		case 'restart': {
			try {
				await clientFor(context, command.host).restartSession(command.sessionId);
				dispatch({type: 'commandDone', text: `session ${command.sessionId} restarts at its next query`, error: false});
				context.poller.refreshNow(command.host);
			} catch (error) {
				dispatch({type: 'commandDone', text: failureText('restart', command.sessionId, error), error: true});
				refreshIfUnanswered(context, command.host, error);
			}

			return;
		}

		case 'restartAll': {
			const failures: string[] = [];
			let isUnanswered = false;
			for (const host of command.hosts) {
				try {
					await clientFor(context, host).restartAllSessions();
					context.poller.refreshNow(host);
				} catch (error) {
					isUnanswered ||= isApiError(error) && error.isOutcomeUnknown;
					failures.push(command.hosts.length === 1 ? messageOf(error) : `${host}: ${messageOf(error)}`);
				}
			}

			dispatch(failures.length === 0
				? {type: 'commandDone', text: 'all sessions restart at their next query', error: false}
				: {type: 'commandDone', text: `restart all ${isUnanswered ? 'not confirmed' : 'failed'}: ${failures.join('; ')}`, error: true});
			return;
		}

		case 'kill': {
			const {host, sessionId, graceSeconds} = command;
			try {
				await clientFor(context, host).killSession(sessionId, {graceSeconds});
				dispatch({
					type: 'killSent', host, id: sessionId, graceSeconds, sentMs: context.now(),
				});
				context.poller.refreshNow(host);
			} catch (error) {
				dispatch({type: 'commandDone', text: failureText('kill', sessionId, error), error: true});
				refreshIfUnanswered(context, host, error);
			}
		}
	}
}

/**
Runs what the reducer queued: every request exactly once, every outcome back as an action.
*/
export function useCommands(outbox: readonly Command[], context: Context): void {
	const started = useRef(new Set<number>());
	const {clients, poller, dispatch, now} = context;
	useEffect(() => {
		const fresh = outbox.filter(command => !started.current.has(command.id));
		if (fresh.length === 0) {
			return;
		}

		for (const command of fresh) {
			started.current.add(command.id);
			void run(command, {
				clients, poller, dispatch, now,
			}).catch((error: unknown) => {
				dispatch({type: 'commandDone', text: messageOf(error), error: true});
			});
		}

		dispatch({type: 'commandsTaken', ids: fresh.map(command => command.id)});
	}, [outbox, clients, poller, dispatch, now]);
}
