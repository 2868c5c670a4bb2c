import type {Dispatch} from 'react';
import {errorLine, isApiError} from '../api/errors.js';
import type {MaxScaleClient} from '../api/types.js';
import type {Session, SessionId} from '../model/session.js';
import type {Poller} from '../poller/types.js';
import type {Action} from '../state/actions.js';
import {chainText} from '../state/filter-chain.js';
import type {Command, Lease} from '../state/types.js';

export type RequestContext = {
	clients: ReadonlyMap<string, MaxScaleClient>;
	poller: Poller;
	dispatch: Dispatch<Action>;
	now: () => number;
};

type Request<K extends Command['kind']> = Extract<Command, {kind: K}>;

function isUnanswered(error: unknown): boolean {
	return isApiError(error) && error.isOutcomeUnknown;
}

function clientFor(clients: ReadonlyMap<string, MaxScaleClient>, host: string): MaxScaleClient {
	const client = clients.get(host);
	if (!client) {
		throw new Error(`no connection configured for ${host}`);
	}

	return client;
}

function levelsLoaded(host: string, id: SessionId, {session, error}: {session?: Session; error?: string}): Action {
	return {
		type: 'logLevelsLoaded', host, id, levels: session && (session.logLevels ?? {}), error,
	};
}

function done(context: RequestContext, text: string, isError: boolean): void {
	context.dispatch({type: 'commandDone', text, error: isError});
}

/**
`kill of session 12 failed: …`, unless the request got no answer: then it did not simply fail, and
the error says what may still happen (short, so an 80-column status line keeps "watch the row"),
and the list is polled at once: it shows soonest whether the write landed.
*/
function writeFailed(context: RequestContext, what: string, host: string, sessionId: string, error: unknown): void {
	done(context, isUnanswered(error) ? `session ${sessionId}: ${errorLine(error)}` : `${what} of session ${sessionId} failed: ${errorLine(error)}`, true);
	if (isUnanswered(error)) {
		context.poller.refreshNow(host);
	}
}

/**
A PATCH, then the session read back: MaxScale answers 200 to changes it did not apply (unknown log
levels outside debug builds, a filter list in the documented shape), so only the re-read tells.
`loaded` hands the panel what the server reports (or why it could not be read).
*/
async function patchAndReread(context: RequestContext, request: {host: string; sessionId: SessionId}, steps: {
	patch: (client: MaxScaleClient) => Promise<unknown>;
	loaded: (found: {session?: Session; error?: string}) => Action;
	unsent: (error: unknown) => string;
	sent: (session: Session) => {text: string; error: boolean};
	what: string;
}): Promise<Session | undefined> {
	const client = clientFor(context.clients, request.host);
	try {
		await steps.patch(client);
	} catch (error) {
		context.dispatch(steps.loaded({error: errorLine(error)}));
		done(context, steps.unsent(error), true);
		return undefined;
	}

	try {
		const session = await client.getSession(request.sessionId);
		context.dispatch(steps.loaded({session}));
		const result = steps.sent(session);
		done(context, result.text, result.error);
		return session;
	} catch (error) {
		context.dispatch(steps.loaded({error: errorLine(error)}));
		done(context, `${steps.what} sent, but re-reading session ${request.sessionId} failed: ${errorLine(error)}`, true);
		return undefined;
	}
}

export async function getLogLevels({host, sessionId}: Request<'getLogLevels'>, context: RequestContext): Promise<void> {
	try {
		const session = await clientFor(context.clients, host).getSession(sessionId);
		context.dispatch(levelsLoaded(host, sessionId, {session}));
	} catch (error) {
		context.dispatch(levelsLoaded(host, sessionId, {error: errorLine(error)}));
	}
}

function onOff(value: boolean | undefined): string {
	return value === undefined ? 'not reported' : (value ? 'on' : 'off');
}

export async function setLogLevel(request: Request<'setLogLevel'>, context: RequestContext): Promise<void> {
	const {host, sessionId, level, value} = request;
	await patchAndReread(context, request, {
		patch: async client => client.setLogLevels(sessionId, {[level]: value}),
		loaded: found => levelsLoaded(host, sessionId, found),
		unsent: error => (isUnanswered(error) ? `${level} ${value ? 'on' : 'off'}: ${errorLine(error)}` : `${level} not changed: ${errorLine(error)}`),
		sent: session => ({text: `session ${sessionId}: ${level} ${value ? 'on' : 'off'} sent; the server reports ${onOff(session.logLevels?.[level])}`, error: session.logLevels?.[level] !== value}),
		what: level,
	});
}

export async function restart({host, sessionId}: Request<'restart'>, context: RequestContext): Promise<void> {
	try {
		await clientFor(context.clients, host).restartSession(sessionId);
		done(context, `session ${sessionId} restarts at its next query`, false);
		context.poller.refreshNow(host);
	} catch (error) {
		writeFailed(context, 'restart', host, sessionId, error);
	}
}

export async function restartAll({hosts}: Request<'restartAll'>, context: RequestContext): Promise<void> {
	const failures: string[] = [];
	let isUnknown = false;
	for (const host of hosts) {
		try {
			await clientFor(context.clients, host).restartAllSessions();
			context.poller.refreshNow(host);
		} catch (error) {
			isUnknown ||= isUnanswered(error);
			failures.push(hosts.length === 1 ? errorLine(error) : `${host}: ${errorLine(error)}`);
		}
	}

	if (failures.length === 0) {
		done(context, 'all sessions restart at their next query', false);
	} else {
		done(context, `restart all ${isUnknown ? 'not confirmed' : 'failed'}: ${failures.join('; ')}`, true);
	}
}

export async function kill({host, sessionId, graceSeconds}: Request<'kill'>, context: RequestContext): Promise<void> {
	try {
		await clientFor(context.clients, host).killSession(sessionId, {graceSeconds});
		context.dispatch({
			type: 'killSent', host, id: sessionId, graceSeconds, sentMs: context.now(),
		});
		context.poller.refreshNow(host);
	} catch (error) {
		writeFailed(context, 'kill', host, sessionId, error);
	}
}

export async function loadFilters({host, sessionId}: Request<'loadFilters'>, context: RequestContext): Promise<void> {
	const client = clientFor(context.clients, host);
	try {
		const [filters, session] = await Promise.all([client.getFilters(), client.getSession(sessionId)]);
		context.dispatch({
			type: 'filtersLoaded', host, id: sessionId, available: filters.map(filter => filter.id), chain: session.filters,
		});
	} catch (error) {
		context.dispatch({
			type: 'filtersLoaded', host, id: sessionId, error: errorLine(error),
		});
	}
}

export async function applyFilters(request: Request<'applyFilters'>, context: RequestContext): Promise<void> {
	const {host, sessionId, filters} = request;
	const session = await patchAndReread(context, request, {
		patch: async client => client.setFilters(sessionId, filters),
		loaded: ({session, error}) => ({
			type: 'filtersLoaded', host, id: sessionId, chain: session?.filters, error,
		}),
		// No answer is not "not changed": the error says the change may still be applied.
		unsent: error => `filter chain of session ${sessionId}${isUnanswered(error) ? '' : ' not changed'}: ${errorLine(error)}`,
		sent: ({filters: reported}) => ({
			text: `session ${sessionId}: filter chain sent; the server reports ${chainText(reported)}`,
			error: reported.length !== filters.length || reported.some((name, index) => name !== filters[index]),
		}),
		what: 'filter chain',
	});
	if (session) {
		context.poller.refreshNow(host);
	}
}

export async function startLease({host, sessionId, level, minutes}: Request<'lease'>, context: RequestContext): Promise<void> {
	const {dispatch} = context;
	const client = clientFor(context.clients, host);
	try {
		await client.setLogLevels(sessionId, {[level]: true});
		dispatch({
			type: 'leaseStarted', host, id: sessionId, level, untilMs: context.now() + (minutes * 60_000),
		});
		const session = await client.getSession(sessionId);
		dispatch(levelsLoaded(host, sessionId, {session}));
		const reported = session.logLevels?.[level];
		done(context, reported === true
			? `session ${sessionId}: ${level} on for ${minutes} min; maxtop turns it off then, or when it quits`
			: `session ${sessionId}: ${level} on sent, but the server reports ${reported === undefined ? 'nothing' : 'off'}`, reported !== true);
	} catch (error) {
		dispatch(levelsLoaded(host, sessionId, {error: errorLine(error)}));
		done(context, `${level} lease on session ${sessionId}: ${errorLine(error)}`, true);
	}
}

/** Turns a leased level off. A session that is gone needs nothing turned off. */
export async function endLease(lease: Pick<Lease, 'host' | 'id' | 'level'>, clients: ReadonlyMap<string, MaxScaleClient>): Promise<{text: string; error: boolean}> {
	try {
		await clientFor(clients, lease.host).setLogLevels(lease.id, {[lease.level]: false});
		return {text: `lease over: ${lease.level} turned off on session ${lease.id} (${lease.host})`, error: false};
	} catch (error) {
		return isApiError(error) && error.status === 404 ? {text: `lease over: session ${lease.id} (${lease.host}) is gone`, error: false} : {text: `lease over, but turning ${lease.level} off on session ${lease.id} (${lease.host}) failed: ${errorLine(error)}`, error: true};
	}
}

/** On quit: turns off every level still leased, at most `timeoutMs` in all; one line each to tell the operator. */
export async function revertLeases(leases: readonly Lease[], clients: ReadonlyMap<string, MaxScaleClient>, timeoutMs = 5000): Promise<string[]> {
	if (leases.length === 0) {
		return [];
	}

	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>(resolve => {
		timer = setTimeout(() => {
			resolve('timeout');
		}, timeoutMs);
	});
	const results = await Promise.race([Promise.all(leases.map(async lease => endLease(lease, clients))), timeout]);
	clearTimeout(timer);
	return results === 'timeout' ? [`maxtop: gave up after ${timeoutMs / 1000}s turning off leased log levels: ${leases.map(lease => `${lease.level} on session ${lease.id} (${lease.host})`).join(', ')}`] : results.map(result => `maxtop: ${result.text}`);
}
