import type {Session} from '../../source/model/session.js';

const users = ['app', 'report', 'etl', 'admin', 'web', 'batch', 'ro_user', 'analytics'];
const services = ['RW-Split-Router', 'Read-Only-Service', 'Hint-Router'];
const servers = ['server1', 'server2', 'server3'];

/**
Deterministic pseudo-random numbers (mulberry32), so generated tables are the same every run.
*/
export function seededRandom(seed: number): () => number {
	let value = seed >>> 0;
	return () => {
		value = (value + 0x6D_2B_79_F5) >>> 0;
		let t = value;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
A 24.02-style session with every attribute; `overrides` wins.
*/
export function makeSession(overrides: Partial<Session> & {id: string}): Session {
	return {
		host: '127.0.0.1:8989',
		state: 'Session started',
		user: 'app',
		remote: '10.0.0.5',
		port: 40_000,
		connectedMs: Date.UTC(2024, 0, 5, 7, 24, 6),
		ageSeconds: 100,
		idleSeconds: 5,
		memoryBytes: 65_000,
		ioActivity: 3,
		thread: 0,
		services: ['RW-Split-Router'],
		servers: ['server1'],
		filters: [],
		...overrides,
	};
}

/**
`count` realistic sessions, ids from `firstId` up, values spread deterministically.
*/
export function generateSessions(count: number, options: {host?: string; seed?: number; firstId?: number} = {}): Session[] {
	const random = seededRandom(options.seed ?? 1);
	const host = options.host ?? '127.0.0.1:8989';
	const firstId = options.firstId ?? 1;
	const sessions: Session[] = [];
	for (let index = 0; index < count; index++) {
		const id = firstId + index;
		const server = servers[Math.floor(random() * servers.length)]!;
		sessions.push({
			id: String(id),
			host,
			state: 'Session started',
			user: users[Math.floor(random() * users.length)]!,
			remote: `10.${Math.floor(random() * 4)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
			port: 30_000 + Math.floor(random() * 30_000),
			connectedMs: Date.UTC(2024, 0, 5) - Math.floor(random() * 86_400_000),
			ageSeconds: Math.floor(random() * 86_400),
			idleSeconds: Math.floor(random() * 3600 * 10) / 10,
			memoryBytes: 20_000 + Math.floor(random() * 2_000_000),
			ioActivity: Math.floor(random() * 100),
			thread: Math.floor(random() * 2),
			services: [services[Math.floor(random() * services.length)]!],
			servers: [server],
			filters: [],
		});
	}

	return sessions;
}

/**
What a 2.2 server sends: no port, memory, I/O, thread, backend connections or age.
*/
export function legacySession(id: string, overrides: Partial<Session> = {}): Session {
	return {
		id,
		host: '127.0.0.1:8989',
		state: 'Session ready for routing',
		user: 'maxuser',
		remote: '127.0.0.1',
		connectedMs: Date.UTC(2018, 5, 1, 10, 0, 0),
		idleSeconds: 12,
		services: ['RW-Split-Router'],
		servers: [],
		filters: [],
		...overrides,
	};
}
