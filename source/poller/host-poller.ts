import {errorLine, isApiError} from '../api/errors.js';
import {isNewerSessionId, type Session} from '../model/session.js';
import {hasFeature} from '../model/version.js';
import {
	effectiveIntervalMs,
	intervalReason,
	recordRequest,
	type Pace,
} from '../model/pacing.js';
import type {HostStatus} from '../model/types.js';
import {countersLoop} from './counters-loop.js';
import {PacedLoop} from './paced-loop.js';
import type {HostLoopOptions} from './types.js';

type HostPollerOptions = Omit<HostLoopOptions, 'gate'> & {requestedIntervalMs: number; fields?: readonly string[]};

/** A zero or nonsense interval would turn a fast-failing host into a retry storm. */
const minimumIntervalMs = 100;

function sanitizeInterval(ms: number, fallbackMs: number): number {
	return Number.isFinite(ms) ? Math.max(minimumIntervalMs, ms) : fallbackMs;
}

/** After a refused login, one probe this often: MaxScale logs every failed admin login, and sites lock accounts on repeated ones. */
const authRetryMs = 60_000;

const authRefusedText = `access denied (401): check the password; retrying every ${authRetryMs / 1000} s (Ctrl-R: now)`;

/** A 401 to a read: the credentials themselves are refused (a read-only account's 401 only comes on writes). */
function isAuthRefused(error: unknown): boolean {
	return isApiError(error) && error.kind === 'http' && error.status === 401;
}

/** One MaxScale's list and counters loops, each paced on its own; nothing here waits on another host. */
export class HostPoller {
	readonly #options: HostPollerOptions;
	readonly #list: PacedLoop;
	readonly #counters: PacedLoop;
	#requestedIntervalMs: number;
	#listPace: Pace = {};
	// Bumped when a list poll starts and when it ends, to spot requests that queued behind one.
	#listEpoch = 0;
	#lastListEndMs: number | undefined;
	#needsProbe = true;
	// A restart the probe found, told with the next list.
	#restart: {startedMs?: number} | undefined;
	#lastList: {oldestId: string | undefined; size: number} | undefined;
	#isFirstRound = true;
	#account: 'pending' | 'known' | undefined;
	// Set by a 401 to any read, cleared by the next success: until then only the list loop's probe goes out.
	#isAuthRefused = false;
	#status: HostStatus;
	readonly host: string;

	constructor(options: HostPollerOptions) {
		this.host = options.host;
		this.#options = options;
		this.#requestedIntervalMs = sanitizeInterval(options.requestedIntervalMs, 2000);
		this.#status = {host: options.host, state: 'connecting', effectiveIntervalMs: this.#listIntervalMs()};
		this.#list = new PacedLoop({
			clock: options.clock,
			round: async () => this.#listRound(),
			intervalMs: () => this.#listIntervalMs(),
			earliestRefreshMs: () => this.#earliestListRefreshMs(),
		});
		this.#counters = countersLoop({...options, gate: this});
	}

	#listIntervalMs(): number {
		const pacedMs = effectiveIntervalMs(this.#listPace, this.#requestedIntervalMs, this.#options.maxServerShare);
		return this.#isAuthRefused ? Math.max(pacedMs, authRetryMs) : pacedMs;
	}

	get isAuthRefused(): boolean {
		return this.#isAuthRefused;
	}

	/** A refresh right after a slow poll would keep MaxScale busy back to back: leave it idle as long as that poll took. */
	#earliestListRefreshMs(): number {
		const nowMs = this.#options.clock.now();
		return this.#lastListEndMs === undefined ? nowMs : Math.max(nowMs, this.#lastListEndMs + (this.#listPace.lastDurationMs ?? 0));
	}

	/**
	The first round sends the version probe beside the list (one round trip less at start-up); later,
	after a failure, the cheap probe goes first, so a troubled MaxScale is not asked for its dearest answer.
	*/
	async #listRound(): Promise<void> {
		const {client, clock, fields} = this.#options;
		const {signal} = this.#list;
		const hasFields = fields !== undefined && fields.length > 0;
		const isProbedBeside = this.#isFirstRound && !hasFields;
		this.#isFirstRound = false;
		const probing = this.#needsProbe ? this.#probe() : undefined;
		if (probing && !isProbedBeside && !await probing) {
			return;
		}

		const startMs = clock.now();
		let sessions: Session[];
		let bytes: number;
		let reportedMs: number;
		this.#listEpoch++;
		try {
			const shouldSendFields = hasFields && hasFeature(this.#status.version, 'sparseFields');
			const listing = client.listSessions(shouldSendFields ? {signal, fields} : {signal});
			if (probing && isProbedBeside) {
				// Both settle first: the list may fail while the probe is out, and two lists must never overlap.
				const [isUp] = await Promise.all([probing, listing.catch(() => undefined)]);
				if (!isUp) {
					return;
				}
			}

			({sessions, bytes, durationMs: reportedMs} = await listing);
		} catch (error) {
			this.#fail(error);
			return;
		} finally {
			this.#listEpoch++;
		}

		if (this.#list.stopped) {
			return;
		}

		this.#isAuthRefused = false;
		if (this.#looksRestarted(sessions) && !this.#needsProbe) {
			// Confirmed (or not) by started_at before the list is told: a restart must not read as churn.
			this.#needsProbe = true;
			if (!await this.#probe() || this.#list.stopped) {
				return;
			}
		}

		const endMs = clock.now();
		const durationMs = Number.isFinite(reportedMs) && reportedMs >= 0 ? reportedMs : endMs - startMs;
		this.#listPace = recordRequest(this.#listPace, {startMs, durationMs});
		this.#lastListEndMs = endMs;
		this.#status = {
			...this.#status,
			state: 'ok',
			error: undefined,
			lastSuccessMs: endMs,
			lastListDurationMs: durationMs,
			lastListBytes: bytes,
		};
		this.#updatePacing();
		const restart = this.#restart;
		this.#restart = undefined;
		// Sessions carry their fleet key, whatever the client filled in.
		const own = sessions.map(session => session.host === this.host ? session : {...session, host: this.host});
		this.#options.listener.sessions({
			host: this.host, atMs: endMs, sessions: own, ...(restart && {restart}),
		});
		this.#emitStatus();
	}

	/** `GET /v1/maxscale` first, and again after every failure: MaxScale may come back restarted or upgraded. */
	async #probe(): Promise<boolean> {
		const {client} = this.#options;
		const {signal} = this.#list;
		try {
			const info = await client.getServerInfo({signal});
			const startedBeforeMs = this.#status.startedMs;
			if (startedBeforeMs !== undefined && info.startedMs !== undefined && info.startedMs !== startedBeforeMs) {
				this.#restart = {startedMs: info.startedMs};
			}

			this.#status = {
				...this.#status, version: info.version, versionText: info.versionText, startedMs: info.startedMs,
			};
			this.#needsProbe = false;
			if (this.#isAuthRefused) {
				this.#isAuthRefused = false;
				this.#updatePacing();
			}
		} catch (error) {
			this.#fail(error);
			return false;
		}

		if (this.#account === undefined) {
			// Beside the first list, not before it: the list does not need it.
			this.#account = 'pending';
			void this.#learnAccount(signal);
		}

		return !this.#list.stopped;
	}

	async #learnAccount(signal: AbortSignal): Promise<void> {
		try {
			const account = await this.#options.client.getAccount({signal});
			this.#account = 'known';
			if (account.account !== undefined && !this.#list.stopped) {
				this.#status = {...this.#status, readOnly: account.account === 'basic'};
				// Before the first list the next status (with the list) carries it.
				if (this.#status.lastSuccessMs !== undefined) {
					this.#emitStatus();
				}
			}
		} catch {
			// Not knowing the account only means write actions are offered and may answer 401/403.
			this.#account = undefined;
		}
	}

	/** A restart the polls did not see: every session gone, or all numbered below the last list's (MaxScale counts from 1 again). */
	#looksRestarted(sessions: readonly Session[]): boolean {
		let oldest: string | undefined;
		let newest: string | undefined;
		for (const {id} of sessions) {
			if (oldest === undefined || isNewerSessionId(oldest, id)) {
				oldest = id;
			}

			if (newest === undefined || isNewerSessionId(id, newest)) {
				newest = id;
			}
		}

		const last = this.#lastList;
		this.#lastList = {oldestId: oldest, size: sessions.length};
		return last !== undefined && last.size > 0 && (newest === undefined || (last.oldestId !== undefined && isNewerSessionId(last.oldestId, newest)));
	}

	#fail(error: unknown): void {
		if (this.#list.stopped) {
			return;
		}

		this.#needsProbe = true;
		this.#isAuthRefused ||= isAuthRefused(error);
		this.#updatePacing();
		// The last good snapshot is not touched: the UI keeps showing it, marked stale.
		const isDown = (isApiError(error) && error.kind === 'refused') || this.#status.lastSuccessMs === undefined;
		this.#status = {...this.#status, state: isDown ? 'down' : 'stale', error: this.#isAuthRefused ? authRefusedText : errorLine(error)};
		this.#emitStatus();
	}

	/** Outside the list loop only a refused login matters to the host's health; it holds every loop back. */
	noteFailure(error: unknown): void {
		if (this.#isAuthRefused || !isAuthRefused(error)) {
			return;
		}

		this.#fail(error);
		this.#list.reschedule();
	}

	#updatePacing(): void {
		const {maxServerShare} = this.#options;
		this.#status = {
			...this.#status,
			effectiveIntervalMs: this.#listIntervalMs(),
			intervalReason: this.#isAuthRefused ? 'access denied (401)' : intervalReason(this.#listPace, this.#requestedIntervalMs, maxServerShare),
			serverShare: this.#listPace.serverShare,
		};
	}

	#emitStatus(): void {
		if (!this.#list.stopped) {
			this.#options.listener.status(this.#status);
		}
	}

	start(): void {
		this.#emitStatus();
		this.#list.start();
		this.#counters.start();
	}

	stop(): void {
		this.#list.stop();
		this.#counters.stop();
	}

	setPaused(isPaused: boolean): void {
		this.#list.setPaused(isPaused);
		this.#counters.setPaused(isPaused);
	}

	setRequestedInterval(ms: number): void {
		this.#requestedIntervalMs = sanitizeInterval(ms, this.#requestedIntervalMs);
		this.#updatePacing();
		this.#emitStatus();
		this.#list.reschedule();
	}

	refreshNow(): void {
		this.#list.refresh();
	}

	/**
	Whether a list poll overlapped the request started now: MaxScale serves REST requests one at a
	time, so that request's time is mostly the list's and must not pace it.
	*/
	watchListOverlap(): () => boolean {
		const epoch = this.#listEpoch;
		const isRunningAtStart = this.#list.running;
		return () => isRunningAtStart || this.#listEpoch !== epoch;
	}
}
