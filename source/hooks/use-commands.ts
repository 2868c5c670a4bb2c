import {useStdout} from 'ink';
import {useEffect, useRef} from 'react';
import {errorLine} from '../api/errors.js';
import {defaultBulkRate} from '../config/flags.js';
import {onCleanup} from '../lifecycle.js';
import type {Lease, QueuedCommand} from '../state/types.js';
import {realBulkClock, runBulk, type BulkClock} from './bulk-runner.js';
import {
	applyFilters,
	endLease,
	getLogLevels,
	kill,
	loadFilters,
	restart,
	restartAll,
	revertLeases,
	setLogLevel,
	startLease,
	type RequestContext,
} from './session-requests.js';

export type CommandContext = RequestContext & {
	/** Bulk actions: requests per second at most (`--bulk-rate`), and the clock that paces them. */
	bulkRate?: number;
	bulkClock?: BulkClock;
};

type RunContext = CommandContext & {
	/** Running bulk actions by command id, for Esc to stop. */
	bulks: Map<number, AbortController>;
	writeToTerminal: (text: string) => void;
};

/**
OSC 52 sets the terminal's clipboard, also over SSH. Inside tmux it is sent a second time
wrapped in tmux's DCS passthrough, since tmux's default `set-clipboard external` drops an
application's own OSC 52 (the wrapped copy needs `allow-passthrough on`, tmux 3.3+).
*/
export function osc52Sequence(text: string, isTmux: boolean): string {
	const payload = Buffer.from(text, 'utf8').toString('base64');
	const plain = `\u{1B}]52;c;${payload}\u{7}`;
	return isTmux ? plain + `\u{1B}Ptmux;\u{1B}${plain}\u{1B}\\` : plain;
}

async function runBulkCommand(command: Extract<QueuedCommand, {kind: 'bulk'}>, context: RunContext): Promise<void> {
	const {id, request} = command;
	const controller = new AbortController();
	context.bulks.set(id, controller);
	const {stopped} = await runBulk(request, {
		clientFor: host => context.clients.get(host),
		ratePerSecond: context.bulkRate ?? defaultBulkRate,
		clock: context.bulkClock ?? realBulkClock,
		signal: controller.signal,
		onItem(report) {
			context.dispatch({type: 'bulkItem', id, ...report});
		},
	});
	context.bulks.delete(id);
	context.dispatch({type: 'bulkFinished', id, stopped});
	for (const host of new Set(request.targets.map(target => target.host))) {
		context.poller.refreshNow(host);
	}
}

type Runner<K extends QueuedCommand['kind']> = (command: Extract<QueuedCommand, {kind: K}>, context: RunContext) => unknown;

const runners: {[K in QueuedCommand['kind']]: Runner<K>} = {
	getLogLevels,
	setLogLevel,
	restart,
	restartAll,
	kill,
	loadFilters,
	applyFilters,
	lease: startLease,
	bulk: runBulkCommand,
	pollNow(_command, context) {
		context.poller.refreshNow();
	},
	async leaseEnd(command, context) {
		const result = await endLease({host: command.host, id: command.sessionId, level: command.level}, context.clients);
		context.dispatch({type: 'commandDone', ...result});
	},
	bulkStop(command, context) {
		context.bulks.get(command.bulkId)?.abort();
	},
	copy(command, context) {
		// Straight to the terminal, not through Ink: the sequence draws nothing and moves no cursor.
		context.writeToTerminal(osc52Sequence(command.text, process.env['TMUX'] !== undefined));
	},
	replayStep(command, context) {
		context.poller.step?.(command.delta);
	},
};

async function run(command: QueuedCommand, context: RunContext): Promise<void> {
	// TypeScript cannot pair `runners[command.kind]` with the narrowed command by itself.
	const runner = runners[command.kind] as (command: QueuedCommand, context: RunContext) => unknown;
	await runner(command, context);
}

/**
The one runner of what the reducer queues: every command exactly once, every outcome back as an
action. It also turns leased log levels off when their time is up, or on a signal or a crash.
*/
export function useCommands(commands: readonly QueuedCommand[], leases: readonly Lease[], nowMs: number, context: CommandContext): void {
	const started = useRef(new Set<number>());
	const bulks = useRef(new Map<number, AbortController>());
	const {stdout} = useStdout();
	const {clients, poller, dispatch, now, bulkRate, bulkClock} = context;
	useEffect(() => {
		const fresh = commands.filter(command => !started.current.has(command.id));
		if (fresh.length === 0) {
			return;
		}

		const runContext: RunContext = {
			clients, poller, dispatch, now, bulkRate, bulkClock, bulks: bulks.current, writeToTerminal: text => stdout.write(text),
		};
		for (const command of fresh) {
			started.current.add(command.id);
			void run(command, runContext).catch((error: unknown) => {
				dispatch({type: 'commandDone', text: errorLine(error), error: true});
			});
		}

		dispatch({type: 'commandsTaken', ids: fresh.map(command => command.id)});
	}, [commands, clients, poller, dispatch, now, bulkRate, bulkClock, stdout]);

	useEffect(() => () => {
		for (const controller of bulks.current.values()) {
			controller.abort();
		}
	}, []);

	// A normal quit reverts leases in the app itself; on a signal or a crash the exit guard runs this.
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
