import type {ConnectionConfig} from '../api/types.js';
import type {FaultSpec, SimulatorVersion} from '../simulator/types.js';
import type {
	ColorMode,
	Grouping,
	SortKey,
	Theme,
} from '../model/types.js';
import type {formats} from './flags.js';

export type OutputFormat = typeof formats[number];

/** Everything a run needs, validated; built by `cli.tsx` from flags, env, ~/.maxctrl.cnf and preferences. */
export type Config = {
	mode: 'interactive' | 'once';
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
	groupBy?: Grouping;
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
	/** `-p ''`: ask for the password (no echo on a terminal) before connecting; it then goes into every host's connection. */
	passwordPrompt?: boolean;
	/** One-line warnings to show before starting (e.g. unusable preferences file). */
	warnings?: string[];
	demo?: DemoConfig;
};

/** `--demo` and `maxtop simulate`: the simulator to start. */
export type DemoConfig = {
	version: SimulatorVersion;
	sessions: number;
	churnPerSecond: number;
	port: number;
	seed?: number;
	costModel: boolean;
	faults: FaultSpec[];
	/** Paths of the PEM files (read when the simulator starts). */
	tls?: {key: string; cert: string};
	basicUser?: {name: string; password: string};
	/** MaxScale's `admin_secure_gui`: when true, `/v1/auth` refuses plain HTTP. */
	adminSecureGui?: boolean;
};
