import type {Session} from '../../source/model/session.js';

/**
Deterministic PRNG (mulberry32) so generated data is the same on every run.
*/
export function createRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

export const users = ['app', 'batch', 'report', 'admin', 'etl_loader', 'Batch'];
export const remotes = ['10.0.9.7', '10.0.9.70', '10.0.8.1', '::ffff:10.0.9.12', '192.168.1.5', 'fd00::5', '2001:db8::1', '127.0.0.1'];
export const services = ['RW-Split-Router', 'Read-Only', 'Analytics'];
export const servers = ['server1', 'server2', 'server3'];
export const apps = ['php', 'libmariadb', 'mysql', 'JDBC'];

/**
`count` varied sessions; some lack optional attributes, as handshake-pending or old-version sessions do.
*/
export function generateSessions(count: number, seed = 1, firstId = 1): Session[] {
	const random = createRandom(seed);
	const sessions: Session[] = [];
	for (let index = 0; index < count; index++) {
		const isPending = random() < 0.05;
		const serverCount = isPending ? 0 : 1 + Math.floor(random() * 2);
		const sessionServers = servers.slice(0, serverCount);
		sessions.push({
			id: String(firstId + index),
			host: random() < 0.5 ? 'mx1:8989' : 'mx2:8989',
			state: isPending ? 'Session created' : 'Session started',
			user: isPending ? undefined : pick(random, users),
			remote: pick(random, remotes),
			port: 40_000 + index,
			ageSeconds: random() < 0.9 ? Math.round(random() * 7200) : undefined,
			idleSeconds: random() < 0.9 ? Math.round(random() * 3600) : undefined,
			memoryBytes: random() < 0.9 ? Math.round(random() * 4 * 1024 * 1024) : undefined,
			ioActivity: random() < 0.8 ? Math.floor(random() * 500) : undefined,
			thread: random() < 0.8 ? Math.floor(random() * 4) : undefined,
			services: isPending ? [] : [pick(random, services)],
			servers: sessionServers,
			filters: [],
			appName: random() < 0.7 ? pick(random, apps) : undefined,
		});
	}

	return sessions;
}
