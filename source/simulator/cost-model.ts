/**
How long a real MaxScale takes to answer, from the measurements in real-maxscale.md
(24.02.3, 2 routing threads; the 22.08.14 figures are of the same order).
*/
export type CostRoute = 'sessions' | 'session' | 'maxscale' | 'threads' | 'thread' | 'services' | 'service' | 'other';

export type CostInput = {
	route: CostRoute;
	/** Sessions the server holds. */
	sessions: number;
	/** Paths named in `fields[...]` (0 = none). */
	fieldCount: number;
	pretty: boolean;
};

/** Milliseconds of server time for one request, before `costScale`. */
export function requestCostMs({route, sessions, fieldCount, pretty}: CostInput): number {
	switch (route) {
		case 'sessions': {
			// The full JSON of every session is built first (≈0.1 ms each at 10k, compact); each named
			// field then deep-copies it again, so a 10-field set is 1.4–1.8× slower, not faster.
			const base = 0.5 + (0.1 * sessions);
			const fieldFactor = fieldCount > 0 ? 1 + (0.07 * Math.min(fieldCount, 12)) : 1;
			return base * fieldFactor * (pretty ? 1.2 : 1);
		}

		case 'session':
		case 'maxscale':
		case 'other': {
			return 1;
		}

		case 'threads':
		case 'thread': {
			// 22.08.2+: each worker walks its sessions to sum memory: 1.0 ms at 14, 2.8 at 1,014, 4.5 at 5,014.
			return 1 + (0.05 * Math.sqrt(sessions));
		}

		case 'services':
		case 'service': {
			// 63 ms at 10,000 sessions (broadcasts to workers busy with their sessions), ~2 ms when idle.
			const all = 2 + (0.0061 * sessions);
			return route === 'services' ? all : all / 2;
		}
	}
}
