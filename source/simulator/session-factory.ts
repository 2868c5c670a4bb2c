import type {Random} from './prng.js';
import type {SimulatedSession} from './types.js';

export const rwSplitService = 'RW-Split-Router';
export const readConnService = 'Read-Connection-Router';
export const backendServers = ['server1', 'server2', 'server3'] as const;

/** The one client host, app and user most churn comes from, so an operator can find who storms. */
export const stormProfile = {user: 'batch', subnet: '10.0.9.', appName: 'batch-loader'} as const;

type ClientLibrary = {name: string; version: string; extra?: (random: Random) => Record<string, string>};

const libraries: Record<string, ClientLibrary> = {
	mysql2: {name: 'Node-MySQL-2', version: '3.24.6'},
	libmariadb: {
		name: 'libmariadb',
		version: '3.3.20',
		extra: random => ({
			_os: 'Linux', _pid: String(random.int(1000, 60_000)), _platform: 'x86_64', _server_host: '10.0.0.2',
		}),
	},
	java: {name: 'mysql-connector-java', version: '8.0.33', extra: () => ({_runtime_vendor: 'Eclipse Adoptium', _runtime_version: '17.0.9'})},
	mariadbJava: {name: 'MariaDB Connector/J', version: '3.4.1'},
	python: {name: 'mysql-connector-python', version: '8.4.0', extra: () => ({_os: 'Linux', _platform: 'x86_64'})},
	pymysql: {name: 'pymysql', version: '1.1.1', extra: random => ({_pid: String(random.int(1000, 60_000))})},
};

type Profile = {
	user: string;
	weight: number;
	subnets: readonly string[];
	service: string;
	library: keyof typeof libraries;
	/**
	What clients of this profile send as `program_name`: the application (the mariadb CLI sends
	`mysql`); where the list is shorter than `programShare` needs, some send none and are known
	only by their connector's `_client_name`, as on a real proxy.
	*/
	programs: readonly string[];
	/** The share of this profile's sessions that send a `program_name`, 0–1. */
	programShare: number;
};

const profiles: readonly Profile[] = [
	{
		user: 'appuser', weight: 40, subnets: ['10.0.1.', '10.0.3.'], service: rwSplitService, library: 'mysql2', programs: ['web-frontend', 'checkout-svc'], programShare: 0.7,
	},
	{
		user: 'reporter', weight: 18, subnets: ['10.0.2.'], service: readConnService, library: 'java', programs: ['report-cron', 'bi-export'], programShare: 0.6,
	},
	{
		user: 'etl', weight: 10, subnets: ['10.0.4.'], service: rwSplitService, library: 'python', programs: ['etl-sync'], programShare: 0.8,
	},
	{
		user: 'analytics', weight: 8, subnets: ['10.0.2.'], service: readConnService, library: 'mariadbJava', programs: [], programShare: 0,
	},
	{
		user: 'dba', weight: 4, subnets: ['192.0.2.'], service: rwSplitService, library: 'libmariadb', programs: ['mysql'], programShare: 1,
	},
	{
		user: 'web', weight: 14, subnets: ['10.0.1.', '10.0.5.'], service: rwSplitService, library: 'mysql2', programs: ['web-frontend'], programShare: 0.5,
	},
	{
		user: stormProfile.user, weight: 6, subnets: [stormProfile.subnet], service: rwSplitService, library: 'pymysql', programs: [stormProfile.appName], programShare: 1,
	},
];

const totalWeight = profiles.reduce((sum, profile) => sum + profile.weight, 0);

const statements = [
	'SELECT id, status FROM orders WHERE customer_id = ?',
	'UPDATE carts SET updated_at = NOW() WHERE id = ?',
	'SELECT SUM(amount) FROM payments WHERE day = CURDATE()',
	'INSERT INTO events (kind, payload) VALUES (?, ?)',
	'SELECT * FROM report_daily WHERE region = ? ORDER BY total DESC',
	'SELECT SLEEP(600)',
	'CALL refresh_materialized_totals()',
];

export type SessionKind = 'initial' | 'churn' | 'storm';

/** Makes sessions one after another from one PRNG, so a seed always gives the same fleet. */
export class SessionFactory {
	private nextSessionId: number;
	private nextConnectionId = 1000;
	private readonly random: Random;
	private readonly threads: number;

	constructor(random: Random, threads: number, firstId = 3) {
		this.random = random;
		this.threads = threads;
		this.nextSessionId = firstId;
	}

	backendConnectionId(): number {
		return this.nextConnectionId++;
	}

	/** A session that is still in its handshake: no user, no backend, nothing sent yet. */
	handshake(nowMs: number): SimulatedSession {
		return {
			id: String(this.nextSessionId++),
			remote: `${stormProfile.subnet}${this.random.int(2, 250)}`,
			port: this.random.int(32_768, 60_999),
			service: rwSplitService,
			servers: [],
			connectionIds: [],
			connectedMs: nowMs - this.random.int(500, 90_000),
			lastActivityMs: nowMs,
			memoryBytes: 762,
			ioActivity: 1,
			thread: this.random.int(0, this.threads - 1),
			state: 'Session created',
			filters: [],
			logLevels: defaultLogLevels(),
			queries: [],
			log: [],
		};
	}

	create(kind: SessionKind, nowMs: number): SimulatedSession {
		const {random} = this;
		const profile = kind === 'storm' ? profiles.find(p => p.user === stormProfile.user)! : this.pickProfile(kind);
		const library = libraries[profile.library]!;
		// One draw for both whether and which, so a seed gives the same fleet as before programs varied.
		const programRoll = random.next();
		const programName = programRoll < profile.programShare ? profile.programs[Math.floor(programRoll / profile.programShare * profile.programs.length)] : undefined;
		const isLazyIdle = profile.service === rwSplitService && random.chance(0.15);
		const servers = isLazyIdle ? [] : this.pickServers(profile.service);
		const ageMs = kind === 'initial' ? Math.floor(5000 + (random.next() ** 3 * 8 * 3_600_000)) : 0;
		const connectedMs = nowMs - ageMs;
		const roll = random.next();
		const isBusy = kind !== 'storm' && !isLazyIdle && roll < 0.06;
		const isActive = kind !== 'storm' && !isBusy && !isLazyIdle && roll < 0.22;
		const idleMs = isBusy || isActive || ageMs === 0 ? 0 : Math.floor(random.next() ** 2 * ageMs);
		const isHog = random.chance(0.02);
		const memoryBytes = isHog ? random.int(2_000_000, 48_000_000) : random.int(10_000, 500_000);
		const session: SimulatedSession = {
			id: String(this.nextSessionId++),
			user: profile.user,
			remote: `${random.pick(profile.subnets)}${random.int(2, 250)}`,
			port: random.int(32_768, 60_999),
			service: profile.service,
			servers,
			connectionIds: servers.map(() => this.backendConnectionId()),
			appName: programName ?? library.name,
			connectedMs,
			lastActivityMs: connectedMs + (ageMs - idleMs),
			memoryBytes,
			ioActivity: isActive ? random.int(20, 90) : 0,
			thread: random.int(0, this.threads - 1),
			state: 'Session started',
			filters: [],
			logLevels: defaultLogLevels(),
			connectionAttributes: {
				_client_name: library.name,
				_client_version: library.version,
				...library.extra?.(random),
				...(programName !== undefined && {program_name: programName}),
			},
			queries: [],
			log: [],
		};
		if (isActive) {
			session.activePeriodMs = random.int(500, 1500);
		}

		if (isBusy || isActive) {
			const statement = isBusy ? random.pick(statements.slice(4)) : random.pick(statements.slice(0, 4));
			const receivedMs = isBusy ? nowMs - random.int(1000, Math.max(1000, Math.min(ageMs, 3_600_000))) : nowMs - random.int(0, 400);
			session.queries.push(isBusy ? {statement, receivedMs} : {statement, receivedMs, completedMs: receivedMs + random.int(0, 20)});
			session.busy = isBusy;
		}

		if (kind === 'storm') {
			// Most storm sessions live under a second: polls miss them, total_connections does not.
			session.closeAtMs = nowMs + (random.chance(0.55) ? random.int(80, 950) : random.int(1000, 3500));
		}

		return session;
	}

	private pickProfile(kind: SessionKind): Profile {
		let roll = this.random.next() * totalWeight;
		for (const profile of profiles) {
			roll -= profile.weight;
			if (roll < 0) {
				return profile.user === stormProfile.user && kind === 'churn' ? profiles[0]! : profile;
			}
		}

		return profiles[0]!;
	}

	private pickServers(service: string): string[] {
		if (service === readConnService) {
			return [this.random.pick(backendServers)];
		}

		return this.random.chance(0.5) ? ['server1'] : ['server1', this.random.pick(backendServers.slice(1))];
	}
}

export function defaultLogLevels(): Record<string, boolean> {
	return {
		log_error: false, log_info: false, log_notice: false, log_warning: false,
	};
}
