import type {ConnectionConfig} from '../api/types.js';
import type {FaultSpec, SimulatorVersion} from '../simulator/types.js';

export type SortKey = 'idle' | 'memory' | 'age' | 'id' | 'user' | 'client' | 'service' | 'state' | 'io' | 'thread' | 'host';
export type OutputFormat = 'table' | 'json' | 'tsv';
export type ColorMode = 'auto' | 'always' | 'never';
export type Theme = 'dark' | 'light' | 'mono';
export type GroupBy = 'none' | 'user' | 'client' | 'app' | 'service' | 'server' | 'thread' | 'host';

/** Everything a run needs, validated; built by `cli.tsx` from flags, env, ~/.maxctrl.cnf and preferences. */
export type Config = {
	mode: 'interactive' | 'once' | 'simulate';
	/** One per MaxScale; `host:port` keys the fleet. */
	hosts: Array<{host: string; connection: ConnectionConfig}>;
	/** Requested list interval, seconds. */
	intervalSeconds: number;
	/** Keep the list poll's share of a MaxScale's wall time at or under this, 0–1. */
	maxServerShare: number;
	sort: SortKey;
	sortDescending?: boolean;
	filter?: string;
	columns?: string[];
	groupBy?: GroupBy;
	readOnly: boolean;
	/** `--fields`: use a sparse fieldset for the list poll (2.5+). */
	sparseFields: boolean;
	/** Bulk actions: at most this many requests per second. */
	bulkRate: number;
	// Output (--once).
	format: OutputFormat;
	count?: number;
	record?: string;
	replay?: string;
	// Terminal.
	color: ColorMode;
	theme: Theme;
	ascii: boolean;
	utc: boolean;
	save: boolean;
	verbose: boolean;
	// Demo / simulate.
	demo?: {
		version: SimulatorVersion;
		sessions: number;
		churnPerSecond: number;
		port: number;
		seed?: number;
		costModel: boolean;
		faults: FaultSpec[];
		tls?: {key: string; cert: string};
		basicUser?: {name: string; password: string};
	};
};
