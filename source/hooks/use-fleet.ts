import {useEffect, useRef, type Dispatch} from 'react';
import type {MaxScaleClient} from '../api/types.js';
import {isApiError} from '../api/errors.js';
import {onCleanup} from '../lifecycle.js';
import {sanitize} from '../model/sanitize.js';
import type {Poller} from '../poller/types.js';
import type {Action} from '../state/actions.js';
import type {FleetCommand, Lease} from '../state/fleet-types.js';

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

function clientFor(clients: ReadonlyMap<string, MaxScaleClient>, host: string): MaxScaleClient {
	const client = clients.get(host);
	if (!client) {
		throw new Error(`no connection configured for ${host}`);
	}

	return client;
}

function chainText(chain: readonly string[]): string {
	return chain.length === 0 ? 'no filters' : chain.map(name => sanitize(name)).join(' → ');
}

async function loadFilters(command: Extract<FleetCommand, {kind: 'loadFilters'}>, context: Context): Promise<void> {
	const {host, sessionId} = command;
	const client = clientFor(context.clients, host);
	try {
		const [filters, session] = await Promise.all([client.getFilters(), client.getSession(sessionId)]);
		context.dispatch({
			type: 'filtersLoaded', host, id: sessionId, available: filters.map(filter => filter.id), chain: session.filters,
		});
	} catch (error) {
		context.dispatch({
			type: 'filtersLoaded', host, id: sessionId, error: messageOf(error),
		});
	}
}

async function applyFilters(command: Extract<FleetCommand, {kind: 'applyFilters'}>, context: Context): Promise<void> {
	const {host, sessionId, filters} = command;
	const {dispatch} = context;
	const client = clientFor(context.clients, host);
	try {
		await client.setFilters(sessionId, filters);
	} catch (error) {
		dispatch({
			type: 'filtersLoaded', host, id: sessionId, error: messageOf(error),
		});
		// No answer is not "not changed": the error says the change may still be applied.
		const verdict = isApiError(error) && error.isOutcomeUnknown ? '' : ' not changed';
		dispatch({type: 'commandDone', text: `filter chain of session ${sessionId}${verdict}: ${messageOf(error)}`, error: true});
		return;
	}

	try {
		// Re-read: MaxScale answers 200 to a PATCH it did not apply (e.g. the documented shape).
		const session = await client.getSession(sessionId);
		const isSame = session.filters.length === filters.length && session.filters.every((name, index) => name === filters[index]);
		dispatch({
			type: 'filtersLoaded', host, id: sessionId, chain: session.filters,
		});
		dispatch({
			type: 'commandDone',
			text: `session ${sessionId}: filter chain sent; the server reports ${chainText(session.filters)}`,
			error: !isSame,
		});
		context.poller.refreshNow(host);
	} catch (error) {
		dispatch({
			type: 'filtersLoaded', host, id: sessionId, error: messageOf(error),
		});
		dispatch({type: 'commandDone', text: `filter chain sent, but re-reading session ${sessionId} failed: ${messageOf(error)}`, error: true});
	}
}

async function startLease(command: Extract<FleetCommand, {kind: 'lease'}>, context: Context): Promise<void> {
	const {host, sessionId, level, minutes} = command;
	const {dispatch} = context;
	const client = clientFor(context.clients, host);
	try {
		await client.setLogLevels(sessionId, {[level]: true});
		const untilMs = context.now() + (minutes * 60_000);
		dispatch({
			type: 'leaseStarted', host, id: sessionId, level, untilMs,
		});
		const session = await client.getSession(sessionId);
		dispatch({
			type: 'logLevelsLoaded', host, id: sessionId, levels: session.logLevels ?? {},
		});
		const reported = session.logLevels?.[level];
		dispatch({
			type: 'commandDone',
			text: reported === true
				? `session ${sessionId}: ${level} on for ${minutes} min; maxtop turns it off then, or when it quits`
				: `session ${sessionId}: ${level} on sent, but the server reports ${reported === undefined ? 'nothing' : 'off'}`,
			error: reported !== true,
		});
	} catch (error) {
		dispatch({
			type: 'logLevelsLoaded', host, id: sessionId, error: messageOf(error),
		});
		dispatch({type: 'commandDone', text: `${level} lease on session ${sessionId}: ${messageOf(error)}`, error: true});
	}
}

/**
Turns a leased level off. A session that is gone needs nothing turned off.
*/
export async function endLease(lease: Pick<Lease, 'host' | 'id' | 'level'>, clients: ReadonlyMap<string, MaxScaleClient>): Promise<{text: string; error: boolean}> {
	try {
		await clientFor(clients, lease.host).setLogLevels(lease.id, {[lease.level]: false});
		return {text: `lease over: ${lease.level} turned off on session ${lease.id} (${lease.host})`, error: false};
	} catch (error) {
		return isApiError(error) && error.status === 404 ? {text: `lease over: session ${lease.id} (${lease.host}) is gone`, error: false} : {text: `lease over, but turning ${lease.level} off on session ${lease.id} (${lease.host}) failed: ${messageOf(error)}`, error: true};
	}
}

async function run(command: FleetCommand, context: Context): Promise<void> {
	switch (command.kind) {
		case 'loadFilters': {
			return loadFilters(command, context);
		}

		case 'applyFilters': {
			return applyFilters(command, context);
		}

		case 'lease': {
			return startLease(command, context);
		}

		case 'leaseEnd': {
			const result = await endLease({host: command.host, id: command.sessionId, level: command.level}, context.clients);
			context.dispatch({type: 'commandDone', ...result});
		}
	}
}

/**
Runs the fleet requests the reducer queued, each once; ends leases whose time is up.
*/
export function useFleet(outbox: readonly FleetCommand[], leases: readonly Lease[], nowMs: number, context: Context): void {
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

		dispatch({type: 'fleetTaken', ids: fresh.map(command => command.id)});
	}, [outbox, clients, poller, dispatch, now]);

	// On a signal or a crash the exit guard runs this; a normal quit reverts in the app itself.
	useEffect(() => {
		if (leases.length === 0) {
			return undefined;
		}

		return onCleanup(async () => {
			const lines = await revertLeases(leases, clients, 1200);
			try {
				process.stderr.write(lines.map(line => `${line}\n`).join(''));
			} catch {}
		});
	}, [leases, clients]);

	const isDue = leases.some(lease => lease.untilMs <= nowMs);
	useEffect(() => {
		if (isDue) {
			dispatch({type: 'leaseTick', nowMs});
		}
	}, [isDue, nowMs, dispatch]);
}

/**
On quit: turns off every level still leased, at most `timeoutMs` in all; one line each to tell the operator.
*/
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
