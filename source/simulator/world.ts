import {createRandom, type Random} from './prng.js';
import {SessionFactory, readConnService, rwSplitService} from './session-factory.js';
import type {SimulatedSession} from './types.js';

export type ServiceCounters = {
	totalConnections: number;
	maxConnections: number;
	/** Sessions that ended. */
	closed: number;
	/** `avg_session_lifetime`: exponential average, α = 0.04, starting at 0 (24.02.3 statistics.hh). */
	avgLifetimeSeconds: number;
	maxLifetimeSeconds: number;
	routedPackets: number;
	/** Started sessions now open, kept as they come and go (only for the high-water mark). */
	live: number;
};

export type WorkerCounters = {accepts: number; hangups: number; reads: number; writes: number};

export type WorldOptions = {
	seed: number;
	sessions: number;
	churnPerSecond: number;
	threads: number;
	startMs: number;
};

const stepMs = 100;
const stormShare = 0.8;

/** The simulated MaxScale's state: sessions, clock, churn, kills and counters. No I/O. */
export class World {
	readonly sessions = new Map<string, SimulatedSession>();
	readonly services = new Map<string, ServiceCounters>();
	readonly workers: WorkerCounters[];
	readonly startedMs: number;
	churnPerSecond: number;
	private nowMs: number;
	private churnCarry = 0;
	private readonly random: Random;
	private readonly factory: SessionFactory;

	constructor(options: WorldOptions) {
		this.random = createRandom(options.seed);
		this.factory = new SessionFactory(this.random, options.threads);
		this.nowMs = options.startMs;
		this.startedMs = options.startMs - 3_600_000;
		this.churnPerSecond = options.churnPerSecond;
		this.workers = Array.from({length: options.threads}, () => ({
			accepts: 0, hangups: 0, reads: 0, writes: 0,
		}));
		for (const name of [rwSplitService, readConnService]) {
			this.counters(name);
		}

		const handshakes = options.sessions >= 20 ? 1 : 0;
		for (let index = 0; index < options.sessions - handshakes; index++) {
			this.add(this.factory.create('initial', this.nowMs));
		}

		for (let index = 0; index < handshakes; index++) {
			this.add(this.factory.handshake(this.nowMs));
		}
	}

	get now(): number {
		return this.nowMs;
	}

	addSessions(count: number, template: Partial<SimulatedSession> = {}): SimulatedSession[] {
		const added: SimulatedSession[] = [];
		for (let index = 0; index < count; index++) {
			const session = {...this.factory.create('initial', this.nowMs), ...template};
			if (template.id !== undefined && count > 1) {
				session.id = `${template.id}${index}`;
			}

			if (template.appName !== undefined && template.connectionAttributes === undefined) {
				session.connectionAttributes = {...session.connectionAttributes, program_name: template.appName};
			}

			if (template.servers !== undefined && template.connectionIds === undefined) {
				session.connectionIds = template.servers.map(() => this.factory.backendConnectionId());
			}

			this.add(session);
			added.push(session);
		}

		return added;
	}

	remove(id: string): boolean {
		const session = this.sessions.get(id);
		if (!session) {
			return false;
		}

		this.sessions.delete(id);
		this.workers[session.thread % this.workers.length]!.hangups++;
		if (session.user !== undefined) {
			const counters = this.counters(session.service);
			const lifetime = Math.max(0, (this.nowMs - session.connectedMs) / 1000);
			counters.closed++;
			counters.live = Math.max(0, counters.live - 1);
			counters.avgLifetimeSeconds += 0.04 * (lifetime - counters.avgLifetimeSeconds);
			counters.maxLifetimeSeconds = Math.max(counters.maxLifetimeSeconds, Math.trunc(lifetime));
		}

		return true;
	}

	/** A restart lands at the session's next query: new backend connections, counted again (§11.4). */
	restart(session: SimulatedSession): void {
		session.restartPending = false;
		session.connectionIds = session.servers.map(() => this.factory.backendConnectionId());
		this.counters(session.service).totalConnections++;
	}

	/** Ttl kills land N+1 to N+2 s later (measured on 24.02.3 and 22.08.14). */
	scheduleKill(session: SimulatedSession, ttlSeconds: number): void {
		session.killAtMs = this.nowMs + ((ttlSeconds + 1) * 1000) + this.random.int(0, 999);
	}

	advance(ms: number): void {
		const target = this.nowMs + Math.max(0, ms);
		const mortal: SimulatedSession[] = [];
		for (const session of this.sessions.values()) {
			if (session.killAtMs !== undefined || session.closeAtMs !== undefined) {
				mortal.push(session);
			}
		}

		while (this.nowMs < target) {
			const step = this.churnPerSecond > 0 || mortal.length > 0 ? Math.min(stepMs, target - this.nowMs) : target - this.nowMs;
			this.nowMs += step;
			this.churn(step, mortal);
			this.reap(mortal);
		}

		this.tickActivity();
	}

	private churn(step: number, mortal: SimulatedSession[]): void {
		this.churnCarry += (this.churnPerSecond * step) / 1000;
		while (this.churnCarry >= 1) {
			this.churnCarry--;
			if (this.random.chance(stormShare)) {
				const session = this.factory.create('storm', this.nowMs);
				this.add(session);
				mortal.push(session);
			} else {
				this.closeRandomSettled();
				this.add(this.factory.create('churn', this.nowMs));
			}
		}
	}

	private reap(mortal: SimulatedSession[]): void {
		let kept = 0;
		for (const session of mortal) {
			const isDue = (session.killAtMs !== undefined && session.killAtMs <= this.nowMs) || (session.closeAtMs !== undefined && session.closeAtMs <= this.nowMs);
			if (isDue) {
				this.remove(session.id);
			} else if (this.sessions.get(session.id) === session) {
				mortal[kept++] = session;
			}
		}

		mortal.length = kept;
	}

	/** A long-lived client leaves as a new one arrives, so the fleet stays about the same size. */
	private closeRandomSettled(): void {
		if (this.sessions.size === 0) {
			return;
		}

		let skip = this.random.int(0, this.sessions.size - 1);
		for (const session of this.sessions.values()) {
			if (skip-- <= 0 && session.closeAtMs === undefined && session.killAtMs === undefined && session.user !== undefined) {
				this.remove(session.id);
				return;
			}
		}
	}

	private tickActivity(): void {
		const now = this.nowMs;
		for (const session of this.sessions.values()) {
			if (session.activePeriodMs !== undefined && session.activePeriodMs > 0) {
				const since = now - session.lastActivityMs;
				if (since >= session.activePeriodMs) {
					const queries = Math.floor(since / session.activePeriodMs);
					session.lastActivityMs += queries * session.activePeriodMs;
					session.ioActivity = Math.min(120, Math.round((30_000 / session.activePeriodMs) * 2));
					this.counters(session.service).routedPackets += queries;
					const worker = this.workers[session.thread % this.workers.length]!;
					worker.reads += queries * 2;
					worker.writes += queries * 2;
					session.memoryBytes = Math.max(2000, session.memoryBytes + this.random.int(-2048, 2048));
					const last = session.queries.at(-1);
					if (last) {
						session.queries[session.queries.length - 1] = {statement: last.statement, receivedMs: session.lastActivityMs, completedMs: session.lastActivityMs + this.random.int(0, 15)};
					}

					if (session.restartPending) {
						this.restart(session);
					}
				}
			} else if (session.busy) {
				session.lastActivityMs = now;
			} else if (now - session.lastActivityMs > 30_000) {
				session.ioActivity = 0;
			}
		}
	}

	private add(session: SimulatedSession): void {
		this.sessions.set(session.id, session);
		this.workers[session.thread % this.workers.length]!.accepts++;
		if (session.user === undefined) {
			return;
		}

		const counters = this.counters(session.service);
		counters.totalConnections++;
		counters.live++;
		counters.maxConnections = Math.max(counters.maxConnections, counters.live);
	}

	private counters(service: string): ServiceCounters {
		let counters = this.services.get(service);
		if (!counters) {
			counters = {
				totalConnections: 0, maxConnections: 0, closed: 0, avgLifetimeSeconds: 0, maxLifetimeSeconds: 0, routedPackets: 0, live: 0,
			};
			this.services.set(service, counters);
		}

		return counters;
	}
}
