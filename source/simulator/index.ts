import {TokenIssuer} from './auth.js';
import type {SimState, SimUser} from './http-types.js';
import {RequestLog} from './request-log.js';
import {SimulatorServer} from './server.js';
import type {
	FaultSpec,
	SimulatedSession,
	Simulator,
	SimulatorOptions,
} from './types.js';
import {World} from './world.js';
import {ModificationClock} from './conditional.js';

export {parseFaultSpec} from './fault-spec.js';
export {requestCostMs, type CostInput, type CostRoute} from './cost-model.js';

const defaultUsers: SimUser[] = [{name: 'admin', password: 'mariadb', account: 'admin'}];

/** Start a MaxScale REST API simulator on 127.0.0.1 (HTTPS when `tls` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const version = options.version ?? '24.02';
	const threads = Math.max(1, Math.trunc(options.threads ?? 2));
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
		throw new Error(`the simulator only listens on loopback, not ${host}`);
	}

	const world = new World({
		seed: options.seed ?? 1,
		sessions: Math.max(0, Math.trunc(options.sessions ?? 25)),
		churnPerSecond: Math.max(0, options.churnPerSecond ?? 0),
		threads,
		startMs: options.startMs ?? Date.now(),
	});
	let faults: FaultSpec[] = [...(options.faults ?? [])];
	const isManualClock = options.manualClock ?? false;
	let lastWallMs = Date.now();
	const sync = (): void => {
		if (isManualClock) {
			return;
		}

		const wall = Date.now();
		world.advance(wall - lastWallMs);
		lastWallMs = wall;
	};

	const log = new RequestLog();
	const state: SimState = {
		version,
		world,
		users: (options.users ?? defaultUsers).map(user => ({...user})),
		tokens: new TokenIssuer(version),
		port: () => server.port,
		secure: Boolean(options.tls),
		adminSecureGui: options.adminSecureGui ?? true,
		threads,
		faults: () => faults,
		modified: new ModificationClock(() => world.startedMs),
	};
	const server = new SimulatorServer({
		host, tls: options.tls, costModel: options.costModel ?? false, costScale: options.costScale ?? 1, log, sync,
	}, state);
	await server.listen(options.port ?? 0);
	const isDown = (list: readonly FaultSpec[]): boolean => list.some(fault => fault.kind === 'down');
	await server.setDown(isDown(faults));

	const timer = isManualClock ? undefined : setInterval(sync, 1000);
	timer?.unref();
	const scheme = options.tls ? 'https' : 'http';
	return {
		url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${server.port}`,
		port: server.port,
		version,
		requests: log.entries,
		countByMethod: () => log.countByMethod(),
		clearRequests() {
			log.clear();
		},
		sessions: (): SimulatedSession[] => [...world.sessions.values()],
		addSessions: (count, template) => world.addSessions(count, template),
		removeSession: id => world.remove(id),
		setFaults(next) {
			faults = [...next];
			void server.setDown(isDown(faults));
		},
		advance(ms) {
			world.advance(ms);
		},
		now: () => world.now,
		async close() {
			clearInterval(timer);
			await server.close();
		},
	};
}
