/**
The list poll's fast path: reads the table fields of a `GET /v1/sessions` body straight from its
bytes, with no object tree and no decoded copy of the body. At 50,000 sessions (~60 MB compact)
`JSON.parse` alone costs 250–300 ms here and leaves ~300 MB of short-lived objects; this scan
costs a fraction of that. It gives exactly what `normalizeSessionList(JSON.parse(body), …,
{detail: false})` gives, or undefined when it is unsure (then the caller takes that path).
*/
import {parseConnected, type TimeOptions} from '../model/time.js';
import {cutText, isSensible} from '../model/bounds.js';
import {noteCut} from '../model/normalize.js';
import {
	type BoundedField,
	logLevels,
	type LogLevels,
	type Session,
} from '../model/session.js';
import {
	JsonScanner,
	names,
	scanBail,
	StringTable,
} from './fast-json-scan.js';
import {
	holeAge,
	holeIdle,
	holeIo,
	holeMemoryBlock,
	holePort,
	holeSticky,
	holeThread,
	holeValue,
	recordAgeFromClock,
	recordWhole,
	SessionReplay,
} from './session-replay.js';

const key = names(
	'data', 'id', 'type', 'attributes', 'relationships', 'services', 'filters', 'state', 'user', 'remote', 'port', 'connected', 'seconds_alive', 'idle', 'memory', 'total', 'io_activity', 'thread', 'client', 'cipher', 'connection_attributes', '_client_name', 'program_name', 'parameters', 'connections', 'server', 'queries', 'log',
);
const levelNames = logLevels.map(level => new TextEncoder().encode(level));

const emptyList = Object.freeze([]) as unknown as string[];
const maxSharedLists = 10_000;
const openObject = 0x7B;
// Where a streamed list is: before the top object, among its members, among data's elements,
// after the top object, or read to the end.
const phaseStart = 0;
const phaseMembers = 1;
const phaseElements = 2;
const phaseEnd = 3;
const phaseDone = 4;
// A step of a streamed list waiting for more than this (a value that never ends, in a body that
// is not JSON) makes the stream give up rather than hold the rest of the body.
const maxPendingBytes = 64 * 1024 * 1024;
// Bytes a streamed list takes in at once (undici's chunks are 64 KB).
const maxSlice = 128 * 1024;
const minimumRetryBytes = 4096;
/**
Thrown inside a streamed read when the body is of a shape only a whole read can answer.
*/
const streamGiveUp = new Error('maxtop: the streamed list needs a whole read');
const openArray = 0x5B;
const quote = 0x22;

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The three letters of a month name as one number.
const monthCodes = new Map(monthNames.map((name, index) => [(name.codePointAt(0)! << 16) | (name.codePointAt(1)! << 8) | name.codePointAt(2)!, index]));
const rfc1123Length = 29;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(bytes: Uint8Array, at: number, count: number): number {
	let value = 0;
	for (let index = at; index < at + count; index++) {
		const code = bytes[index]! - 0x30;
		if (code < 0 || code > 9) {
			return -1;
		}

		value = (value * 10) + code;
	}

	return value;
}

function isLetter(code: number | undefined, upper: boolean): boolean {
	return code !== undefined && (upper ? code >= 0x41 && code <= 0x5A : code >= 0x61 && code <= 0x7A);
}

/**
The `connected` of 23.02+ (`"Fri, 05 Jan 2024 07:24:06 GMT"`, quotes included at `position`)
read from its bytes, or undefined for anything else, which the string path then reads: every
session has its own, and making and caching 50,000 strings per refresh cost ~18 ms. It only
answers for a valid date, so it equals `parseRfc1123` where it answers.
*/
function rfc1123Ms(bytes: Uint8Array, position: number): number | undefined {
	const at = position + 1;
	if (bytes[position] !== quote || bytes[at + rfc1123Length] !== quote
		|| !isLetter(bytes[at], true) || !isLetter(bytes[at + 1], false) || !isLetter(bytes[at + 2], false)
		|| bytes[at + 3] !== 0x2C || bytes[at + 4] !== 0x20 || bytes[at + 7] !== 0x20 || bytes[at + 11] !== 0x20
		|| bytes[at + 16] !== 0x20 || bytes[at + 19] !== 0x3A || bytes[at + 22] !== 0x3A
		|| bytes[at + 25] !== 0x20 || bytes[at + 26] !== 0x47 || bytes[at + 27] !== 0x4D || bytes[at + 28] !== 0x54) {
		return undefined;
	}

	const month = monthCodes.get((bytes[at + 8]! << 16) | (bytes[at + 9]! << 8) | bytes[at + 10]!);
	const day = digits(bytes, at + 5, 2);
	const year = digits(bytes, at + 12, 4);
	const hour = digits(bytes, at + 17, 2);
	const minute = digits(bytes, at + 20, 2);
	const second = digits(bytes, at + 23, 2);
	// Years below 100 mean 19xx to Date.UTC: the string path decides those, and every oddity.
	if (month === undefined || year < 100 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
		return undefined;
	}

	const daysInMonth = month === 1 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : monthDays[month]!;
	return day > daysInMonth ? undefined : Date.UTC(year, month, day, hour, minute, second, 0);
}

// The attributes the table reads, in the order of the switch in readAttributes.
const attributeNames = [key.client, key.connected, key.connections, key.idle, key.io_activity, key.memory, key.parameters, key.port, key.remote, key.seconds_alive, key.state, key.thread, key.user];
// Candidates by a name's first byte: one comparison per member instead of a chain of thirteen.
const attributesByFirstByte: number[][] = Array.from({length: 256}, () => []);
for (const [index, name] of attributeNames.entries()) {
	attributesByFirstByte[name[0]!]!.push(index);
}

/**
Which of `attributeNames` the member just read names, or -1.
*/
function attributeIndex(scanner: JsonScanner): number {
	const candidates = attributesByFirstByte[scanner.bytes[scanner.keyStart]!]!;
	for (const index of candidates) {
		if (scanner.keyIs(attributeNames[index]!)) {
			return index;
		}
	}

	return -1;
}

/**
What one session's `attributes` held, reused from session to session.
*/
type Fields = {
	hasAttributes: boolean;
	state: string | undefined;
	user: string | undefined;
	remote: string | undefined;
	port: number | undefined;
	connected: number | undefined;
	secondsAlive: number | undefined;
	idle: number | undefined;
	memoryBytes: number | undefined;
	ioActivity: number | undefined;
	thread: number | undefined;
	appName: string | undefined;
	cipher: string | undefined;
	levels: Array<boolean | undefined> | undefined;
	servers: string[];
	/**
	Real lengths of the texts cut to what bounds.ts keeps, by label; undefined when none was.
	*/
	cuts: Record<string, number> | undefined;
};

// The order normalize.ts reads (and notes) the texts a list session has.
const cutOrder = ['id', 'services', 'servers', 'filters', 'state', 'user', 'client', 'app', 'client TLS'];

/**
`lengths` with its labels in normalize.ts's order, so both readers give the same object.
*/
function orderedCuts(lengths: Record<string, number>): Record<string, number> {
	const ordered: Record<string, number> = {};
	for (const label of cutOrder) {
		const length = lengths[label];
		if (length !== undefined) {
			ordered[label] = length;
		}
	}

	return ordered;
}

/**
A list body read as it arrives, through a window of a few hundred KB: a 60 MB body (50,000
sessions) is never held whole. Each session is read (or replayed) once all its bytes are there.
*/
export type SessionListStream = {
	/**
	A body begins; again after a retry, and then what the last attempt read is forgotten.
	*/
	begin(): void;
	write(chunk: Uint8Array): void;
	/**
	The body ended: its sessions, or undefined when the stream gave up (an answer of a shape the
	scanner leaves to JSON.parse, or not valid JSON): the caller reads the list again whole.
	*/
	end(): Session[] | undefined;
	/**
	The body was cut short: nothing of it is kept for the next replay.
	*/
	abandon(): void;
};

export type SessionListScanner = {
	/**
	The sessions of a list body, or undefined: take the JSON.parse path.
	*/
	scan(bytes: Uint8Array, host: string, nowMs: number): Session[] | undefined;
	/**
	The same for a body read as it arrives.
	*/
	stream(host: string, nowMs: number): SessionListStream;
	/**
	How many sessions of the last scan were replayed from the list before it (session-replay.ts).
	*/
	replayed(): number;
};

/**
Reads a number member and marks the hole the scanner recorded for it as setting `tag`.
*/
function readTagged(scanner: JsonScanner, tag: number): number | undefined {
	const start = scanner.position;
	const value = scanner.readNumber();
	const holes = scanner.recordHoles;
	if (holes !== undefined && holes.length >= 3 && holes.data[holes.length - 3] === start && holes.data[holes.length - 2] === scanner.position) {
		holes.data[holes.length - 1] = tag === holeIdle || tag === holeAge ? tag | holeSticky : tag;
	}

	return value;
}

/**
A changeable copy of a session `wholeSession` built, made the same way: a copy by spread got
another hidden class, and the reducer and table code then met two shapes of session (~6 ms more a
refresh at 10,000 sessions).
*/
function wholeCopy(old: Session): Session {
	const session: Session = {
		id: old.id,
		host: old.host,
		services: old.services,
		servers: old.servers,
		filters: old.filters,
		state: old.state,
		user: old.user,
		remote: old.remote,
		port: old.port,
		connectedMs: old.connectedMs,
		ageSeconds: old.ageSeconds,
		idleSeconds: old.idleSeconds,
		memoryBytes: old.memoryBytes,
		ioActivity: old.ioActivity,
		thread: old.thread,
	};
	if (old.appName !== undefined) {
		session.appName = old.appName;
	}

	session.clientCipher = old.clientCipher;
	session.logLevels = old.logLevels;
	return session;
}

/**
`value` when the session may show it (bounds.ts), else undefined.
*/
function sensible(field: BoundedField, value: number | undefined): number | undefined {
	return value !== undefined && isSensible(field, value) ? value : undefined;
}

/**
As `sensible`, and a number out of sense is noted in `session.unknown`, as normalize.ts does.
*/
function bounded(session: Session, field: BoundedField, value: number | undefined): number | undefined {
	if (value === undefined || isSensible(field, value)) {
		return value;
	}

	session.unknown = [...(session.unknown ?? []), field];
	return undefined;
}

function ageOf(secondsAlive: number | undefined, connected: number | undefined, nowMs: number): number | undefined {
	// Clock skew between MaxScale's host and ours must not make a session younger than new.
	return secondsAlive ?? (connected === undefined ? undefined : Math.max(0, (nowMs - connected) / 1000));
}

/**
Marks member `bit` of the object being read as seen; a repeated name is left to JSON.parse (the
last one wins there).
*/
function once(seen: number, bit: number): number {
	if ((seen & bit) !== 0) {
		throw scanBail;
	}

	return seen | bit;
}

export function createSessionListScanner(options: TimeOptions = {}): SessionListScanner {
	const table = new StringTable();
	const replay = new SessionReplay((session, isWhole) => isWhole ? wholeCopy(session) : {...session}, scanner => readMemoryTotal(scanner));
	// False while reading a session that a replay could not reproduce (a numeric id).
	let isReplayable = true;
	// Whether the last session built came from `wholeSession`.
	let isWhole = false;
	const connectedTable = new StringTable();
	// NaN: the text did not parse.
	let connectedCache = new Map<string, number>();
	const fields: Fields = {
		hasAttributes: false,
		state: undefined,
		user: undefined,
		remote: undefined,
		port: undefined,
		connected: undefined,
		secondsAlive: undefined,
		idle: undefined,
		memoryBytes: undefined,
		ioActivity: undefined,
		thread: undefined,
		appName: undefined,
		cipher: undefined,
		levels: undefined,
		servers: [],
		cuts: undefined,
	};

	/**
	`value` cut to what bounds.ts keeps, its real length noted under `label`, as normalize.ts does.
	*/
	function capped(value: string | undefined, label: string): string | undefined {
		const cut = value === undefined ? undefined : cutText(value);
		if (cut === undefined) {
			return value;
		}

		fields.cuts = noteCut(fields.cuts, label, value!.length);
		return cut;
	}

	function connectedMs(text: string | undefined): number | undefined {
		if (text === undefined) {
			return undefined;
		}

		// One lookup, not has() then get(): this runs for every session of every refresh.
		const cached = connectedCache.get(text);
		if (cached !== undefined) {
			return Number.isNaN(cached) ? undefined : cached;
		}

		if (connectedCache.size > 100_000) {
			connectedCache = new Map();
		}

		const parsed = parseConnected(text, options);
		connectedCache.set(text, parsed ?? NaN);
		return parsed;
	}

	// Tens of thousands of sessions share a handful of service lists, backend lists and log-level
	// sets: one frozen instance each instead of four small objects per session per refresh keeps
	// the old generation (and the collector's work) small. Nothing mutates a listed session.
	// Scratch arrays every session reuses: four fresh arrays per session per refresh were garbage
	// as soon as sharedList and sharedLevels had looked them up.
	const scratchServices: string[] = [];
	const scratchFilters: string[] = [];
	const scratchLevels: Array<boolean | undefined> = [undefined, undefined, undefined, undefined, undefined];
	let lists = new Map<string, string[]>();
	function sharedList(list: string[]): string[] {
		if (list.length === 0) {
			return emptyList;
		}

		const listKey = list.length === 1 ? list[0]! : list.join('\u{0}');
		let shared = lists.get(listKey);
		if (shared === undefined) {
			if (lists.size >= maxSharedLists) {
				lists = new Map();
			}

			// A copy: `list` is a scratch array the next session reuses.
			shared = Object.freeze([...list]) as string[];
			lists.set(listKey, shared);
		}

		return shared;
	}

	const levelSets = new Map<number, LogLevels>();
	function sharedLevels(levels: ReadonlyArray<boolean | undefined>): LogLevels {
		// Each level is absent, off or on: a base-3 number names the set.
		let levelSetKey = 0;
		for (const value of levels) {
			levelSetKey = (levelSetKey * 3) + (value === undefined ? 0 : (value ? 2 : 1));
		}

		let shared = levelSets.get(levelSetKey);
		if (shared === undefined) {
			const values: LogLevels = {};
			for (const [index, level] of logLevels.entries()) {
				const value = levels[index];
				if (value !== undefined) {
					values[level] = value;
				}
			}

			shared = Object.freeze(values);
			levelSets.set(levelSetKey, shared);
		}

		return shared;
	}

	function readIds(scanner: JsonScanner, into: string[], label: string): void {
		// `{"data": [{"id": …}, …]}`; anything else there gives no ids.
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return;
		}

		scanner.position++;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (!scanner.keyIs(key.data)) {
				scanner.skipValue();
				continue;
			}

			seen = once(seen, 1);
			if (scanner.bytes[scanner.position] !== openArray) {
				scanner.skipValue();
				continue;
			}

			scanner.position++;
			for (let isFirstItem = true; scanner.nextElement(isFirstItem); isFirstItem = false) {
				const id = capped(readMember(scanner, key.id, table), label);
				if (id !== undefined) {
					into.push(id);
				}
			}
		}
	}

	/**
	The string member `name` of the object at the position (undefined when it is not an object or
	has no such string).
	*/
	function readMember(scanner: JsonScanner, name: Uint8Array, strings: StringTable): string | undefined {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return undefined;
		}

		scanner.position++;
		let value: string | undefined;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(name)) {
				seen = once(seen, 1);
				value = scanner.readString(strings);
			} else {
				scanner.skipValue();
			}
		}

		return value;
	}

	function readRelationships(scanner: JsonScanner, services: string[], filters: string[]): void {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return;
		}

		scanner.position++;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(key.services)) {
				seen = once(seen, 1);
				readIds(scanner, services, 'services');
			} else if (scanner.keyIs(key.filters)) {
				seen = once(seen, 2);
				readIds(scanner, filters, 'filters');
			} else {
				scanner.skipValue();
			}
		}
	}

	function readClient(scanner: JsonScanner): void {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return;
		}

		scanner.position++;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(key.cipher)) {
				seen = once(seen, 1);
				fields.cipher = capped(scanner.readString(table), 'client TLS');
			} else if (scanner.keyIs(key.connection_attributes)) {
				seen = once(seen, 2);
				// Null while the client is still in its handshake.
				fields.appName = capped(readAppName(scanner), 'app');
			} else {
				scanner.skipValue();
			}
		}
	}

	/**
	`program_name` where the client sent one, else `_client_name`, as normalize.ts decides.
	*/
	function readAppName(scanner: JsonScanner): string | undefined {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return undefined;
		}

		scanner.position++;
		let program: string | undefined;
		let library: string | undefined;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(key.program_name)) {
				seen = once(seen, 1);
				program = scanner.readString(table);
			} else if (scanner.keyIs(key._client_name)) {
				seen = once(seen, 2);
				library = scanner.readString(table);
			} else {
				scanner.skipValue();
			}
		}

		return program === undefined || program === '' ? library : program;
	}

	function readLevels(scanner: JsonScanner): void {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return;
		}

		scanner.position++;
		const levels = scratchLevels;
		levels.fill(undefined);
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			let index = levelNames.length - 1;
			while (index >= 0 && !scanner.keyIs(levelNames[index]!)) {
				index--;
			}

			if (index === -1) {
				scanner.skipValue();
			} else {
				seen = once(seen, 1 << index);
				levels[index] = scanner.readBoolean();
			}
		}

		fields.levels = levels;
	}

	function readServers(scanner: JsonScanner): void {
		if (scanner.bytes[scanner.position] !== openArray) {
			scanner.skipValue();
			return;
		}

		scanner.position++;
		for (let isFirst = true; scanner.nextElement(isFirst); isFirst = false) {
			const server = capped(readMember(scanner, key.server, table), 'servers');
			if (server !== undefined && !fields.servers.includes(server)) {
				fields.servers.push(server);
			}
		}
	}

	function readMemoryTotal(scanner: JsonScanner): number | undefined {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return undefined;
		}

		const holes = scanner.recordHoles;
		const holeMark = holes?.length ?? 0;
		const start = scanner.position;
		scanner.position++;
		let total: number | undefined;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(key.total)) {
				seen = once(seen, 1);
				total = scanner.readNumber();
			} else {
				scanner.skipValue();
			}
		}

		if (holes !== undefined) {
			// One hole for the whole object; its hash is learned at the first replay.
			holes.length = holeMark;
			holes.push(start, scanner.position, holeMemoryBlock, NaN);
		}

		return total;
	}

	function readAttributes(scanner: JsonScanner): void {
		scanner.position++;
		fields.hasAttributes = true;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			const index = attributeIndex(scanner);
			if (index === -1) {
				const holes = scanner.recordHoles;
				if (holes !== undefined && (scanner.keyIs(key.queries) || scanner.keyIs(key.log))) {
					const holeMark = holes.length;
					const start = scanner.position;
					scanner.skipValue();
					holes.length = holeMark;
					holes.push(start, scanner.position, holeValue, NaN);
				} else {
					scanner.skipValue();
				}

				continue;
			}

			seen = once(seen, 1 << index);
			switch (index) {
				case 0: {
					readClient(scanner);
					break;
				}

				case 1: {
					const fast = rfc1123Ms(scanner.bytes, scanner.position);
					if (fast === undefined) {
						fields.connected = connectedMs(scanner.readString(connectedTable));
					} else {
						fields.connected = fast;
						scanner.position += rfc1123Length + 2;
					}

					break;
				}

				case 2: {
					readServers(scanner);
					break;
				}

				case 3: {
					fields.idle = readTagged(scanner, holeIdle);
					break;
				}

				case 4: {
					fields.ioActivity = readTagged(scanner, holeIo);
					break;
				}

				case 5: {
					fields.memoryBytes = readMemoryTotal(scanner);
					break;
				}

				case 6: {
					readLevels(scanner);
					break;
				}

				case 7: {
					fields.port = readTagged(scanner, holePort);
					break;
				}

				case 8: {
					fields.remote = capped(scanner.readString(table), 'client');
					break;
				}

				case 9: {
					fields.secondsAlive = readTagged(scanner, holeAge);
					break;
				}

				case 10: {
					fields.state = capped(scanner.readString(table), 'state');
					break;
				}

				case 11: {
					fields.thread = readTagged(scanner, holeThread);
					break;
				}

				default: {
					fields.user = capped(scanner.readString(table), 'user');
				}
			}
		}
	}

	function readId(scanner: JsonScanner): string | undefined {
		const {bytes, position} = scanner;
		if (bytes[position] !== quote) {
			// Its hole would change the id, which a replay keeps.
			isReplayable = false;
			const value = scanner.readNumber();
			return value !== undefined && Number.isSafeInteger(value) ? String(value) : undefined;
		}

		// Session ids are decimal; String() of the number is the same text when there is no
		// leading zero, and far cheaper than decoding it.
		let end = position + 1;
		let value = 0;
		while (bytes[end]! >= 0x30 && bytes[end]! <= 0x39) {
			value = (value * 10) + bytes[end]! - 0x30;
			end++;
		}

		const length = end - position - 1;
		if (bytes[end] === quote && length > 0 && length <= 15 && (length === 1 || bytes[position + 1] !== 0x30)) {
			scanner.position = end + 1;
			return String(value);
		}

		return scanner.readString(undefined);
	}

	function resetFields(): void {
		fields.hasAttributes = false;
		fields.state = undefined;
		fields.user = undefined;
		fields.remote = undefined;
		fields.port = undefined;
		fields.connected = undefined;
		fields.secondsAlive = undefined;
		fields.idle = undefined;
		fields.memoryBytes = undefined;
		fields.ioActivity = undefined;
		fields.thread = undefined;
		fields.appName = undefined;
		fields.cipher = undefined;
		fields.levels = undefined;
		fields.servers.length = 0;
		fields.cuts = undefined;
	}

	function readSession(scanner: JsonScanner, host: string, nowMs: number): Session | undefined {
		if (scanner.bytes[scanner.position] !== openObject) {
			scanner.skipValue();
			return undefined;
		}

		scanner.position++;
		resetFields();
		let id: string | undefined;
		let isSession = true;
		const services = scratchServices;
		const filters = scratchFilters;
		services.length = 0;
		filters.length = 0;
		let seen = 0;
		for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
			if (scanner.keyIs(key.attributes)) {
				seen = once(seen, 1);
				if (scanner.bytes[scanner.position] === openObject) {
					readAttributes(scanner);
				} else {
					scanner.skipValue();
				}
			} else if (scanner.keyIs(key.id)) {
				seen = once(seen, 2);
				id = capped(readId(scanner), 'id');
			} else if (scanner.keyIs(key.relationships)) {
				seen = once(seen, 4);
				readRelationships(scanner, services, filters);
			} else if (scanner.keyIs(key.type)) {
				seen = once(seen, 8);
				isSession = scanner.readString(table) === 'sessions';
			} else {
				scanner.skipValue();
			}
		}

		return id === undefined || id === '' || !isSession ? undefined : buildSession(id, host, services, filters, nowMs);
	}

	/**
	A 23.02+ session that sent every table field, built as one literal: adding up to fourteen
	properties one by one cost as much as reading the session's bytes (the same keys and order).
	*/
	function wholeSession(base: Session, connected: number | undefined, nowMs: number): Session | undefined {
		const {
			state, user, remote, cipher, levels, appName,
		} = fields;
		const port = sensible('port', fields.port);
		const idle = sensible('idleSeconds', fields.idle);
		const memoryBytes = sensible('memoryBytes', fields.memoryBytes);
		const ioActivity = sensible('ioActivity', fields.ioActivity);
		const thread = sensible('thread', fields.thread);
		const age = sensible('ageSeconds', ageOf(fields.secondsAlive, connected, nowMs));
		if (state === undefined || user === undefined || remote === undefined || port === undefined || connected === undefined || age === undefined
			|| idle === undefined || memoryBytes === undefined || ioActivity === undefined || thread === undefined || cipher === undefined || !levels) {
			return undefined;
		}

		const session: Session = {
			id: base.id,
			host: base.host,
			services: base.services,
			servers: base.servers,
			filters: base.filters,
			state,
			user,
			remote,
			port,
			connectedMs: connected,
			ageSeconds: age,
			idleSeconds: Math.min(idle, age),
			memoryBytes,
			ioActivity,
			thread,
		};
		if (appName !== undefined) {
			session.appName = appName;
		}

		session.clientCipher = cipher;
		session.logLevels = sharedLevels(levels);
		return session;
	}

	function buildSession(id: string, host: string, services: string[], filters: string[], nowMs: number): Session {
		// The same keys in the same order as normalize.ts: one object shape for every session.
		const session: Session = {
			id, host, services: sharedList(services), servers: sharedList(fields.servers), filters: sharedList(filters),
		};
		if (fields.hasAttributes) {
			const whole = fields.cuts === undefined ? wholeSession(session, fields.connected, nowMs) : undefined;
			isWhole = whole !== undefined;
			if (whole) {
				return whole;
			}

			addAttributes(session, nowMs);
		}

		if (fields.cuts !== undefined) {
			session.fullLengths = orderedCuts(fields.cuts);
		}

		return session;
	}

	function addAttributes(session: Session, nowMs: number): void {
		const {
			state, user, remote, appName, cipher, levels, connected,
		} = fields;
		if (state !== undefined) {
			session.state = state;
		}

		if (user !== undefined) {
			session.user = user;
		}

		if (remote !== undefined) {
			session.remote = remote;
		}

		const port = bounded(session, 'port', fields.port);
		if (port !== undefined) {
			session.port = port;
		}

		if (connected !== undefined) {
			session.connectedMs = connected;
		}

		const age = bounded(session, 'ageSeconds', ageOf(fields.secondsAlive, connected, nowMs));
		if (age !== undefined) {
			session.ageSeconds = age;
		}

		const idle = bounded(session, 'idleSeconds', fields.idle);
		if (idle !== undefined) {
			session.idleSeconds = age === undefined ? idle : Math.min(idle, age);
		}

		const memoryBytes = bounded(session, 'memoryBytes', fields.memoryBytes);
		if (memoryBytes !== undefined) {
			session.memoryBytes = memoryBytes;
		}

		const ioActivity = bounded(session, 'ioActivity', fields.ioActivity);
		if (ioActivity !== undefined) {
			session.ioActivity = ioActivity;
		}

		const thread = bounded(session, 'thread', fields.thread);
		if (thread !== undefined) {
			session.thread = thread;
		}

		if (appName !== undefined) {
			session.appName = appName;
		}

		if (cipher !== undefined) {
			session.clientCipher = cipher;
		}

		if (levels) {
			session.logLevels = sharedLevels(levels);
		}
	}

	/**
	The session at the position, replayed from the last list where its bytes allow, else read in
	full (and remembered for the next replay).
	*/
	function replayOrRead(scanner: JsonScanner, host: string, nowMs: number): Session | undefined {
		const holes = scanner.recordHoles;
		scanner.recordHoles = undefined;
		const replayed = replay.replay(scanner, nowMs);
		scanner.recordHoles = holes;
		if (replayed) {
			return replayed;
		}

		const start = scanner.position;
		const holeMark = replay.recordingHoles.length;
		isReplayable = true;
		isWhole = false;
		const session = readSession(scanner, host, nowMs);
		let flags: number | undefined;
		if (session && isReplayable && fields.secondsAlive === undefined) {
			flags = session.ageSeconds === undefined ? 0 : recordAgeFromClock;
		} else if (session && isReplayable && Number.isFinite(fields.secondsAlive)) {
			flags = 0;
		}

		if (flags !== undefined && isWhole) {
			flags |= recordWhole;
		}

		replay.recordRead(start, scanner.position, holeMark, session, flags);
		return session;
	}

	function scan(bytes: Uint8Array, host: string, nowMs: number): Session[] | undefined {
		const scanner = new JsonScanner(bytes);
		const sessions: Session[] = [];
		replay.begin(bytes, host);
		scanner.recordHoles = replay.recordingHoles;

		try {
			scanner.expect(openObject);
			let hasData = false;
			for (let isFirst = true; scanner.nextMember(isFirst); isFirst = false) {
				if (!scanner.keyIs(key.data)) {
					scanner.skipValue();
					continue;
				}

				if (hasData || scanner.bytes[scanner.position] !== openArray) {
					throw scanBail;
				}

				hasData = true;
				scanner.position++;
				for (let isFirstItem = true; scanner.nextElement(isFirstItem); isFirstItem = false) {
					const session = replayOrRead(scanner, host, nowMs);
					if (session) {
						sessions.push(session);
					}
				}
			}

			scanner.skipWhitespace();
			if (!hasData || scanner.position !== bytes.length) {
				replay.abandon();
				return undefined;
			}
		} catch (error) {
			replay.abandon();
			if (error === scanBail) {
				return undefined;
			}

			throw error;
		}

		replay.finish();
		return sessions;
	}

	// The window a streamed list is read through, and its scanner, kept from poll to poll (streams
	// never overlap: the poller never has two list polls to one host at once).
	let window = new Uint8Array(256 * 1024);
	let streamScanner: JsonScanner | undefined;

	function stream(host: string, nowMs: number): SessionListStream {
		// Made when a body begins: a small answer never streams, and is read by `scan`.
		let scanner!: JsonScanner;
		let length = 0;
		let consumed = 0;
		let phase = phaseStart;
		// Whether the next member or element is the first of its object or array.
		let isFirst = true;
		let sessions: Session[] = [];
		let hasData = false;
		let isGivenUp = false;
		let isEnded = false;
		// Bytes in the window before the step waiting for more is tried again.
		let retryAt = 0;

		function giveUp(): void {
			isGivenUp = true;
			sessions = [];
			replay.abandon();
		}

		/**
		Reads one member of the top object, one element of `data`, or the end; false when there is
		nothing more to read in the bytes there are.
		*/
		function step(isFinal: boolean): boolean {
			switch (phase) {
				case phaseStart: {
					scanner.expect(openObject);
					phase = phaseMembers;
					isFirst = true;
					return true;
				}

				case phaseMembers: {
					if (!scanner.nextMember(isFirst)) {
						phase = phaseEnd;
						return true;
					}

					if (scanner.keyIs(key.data)) {
						// A second `data` (JSON.parse keeps the last) or one that is no list: the whole body
						// is read again by the caller.
						if (scanner.position >= length) {
							throw scanBail;
						}

						if (hasData || scanner.bytes[scanner.position] !== openArray) {
							throw streamGiveUp;
						}

						hasData = true;
						scanner.position++;
						phase = phaseElements;
						isFirst = true;
						return true;
					}

					skipWhole(isFinal);
					isFirst = false;
					return true;
				}

				case phaseElements: {
					if (!scanner.nextElement(isFirst)) {
						phase = phaseMembers;
						isFirst = false;
						return true;
					}

					if (scanner.bytes[scanner.position] === openObject) {
						const session = replayOrRead(scanner, host, nowMs);
						if (session) {
							sessions.push(session);
						}
					} else {
						skipWhole(isFinal);
					}

					isFirst = false;
					return true;
				}

				case phaseEnd: {
					scanner.skipWhitespace();
					if (scanner.position < length) {
						throw streamGiveUp;
					}

					if (isFinal) {
						phase = phaseDone;
					}

					return false;
				}

				default: {
					return false;
				}
			}
		}

		/**
		Skips a value that sets nothing; one that ends where the bytes do may be a number cut short.
		*/
		function skipWhole(isFinal: boolean): void {
			scanner.skipValue();
			if (scanner.position >= length && !isFinal) {
				throw scanBail;
			}
		}

		/**
		Whether the step that gave up at `mark` had all its bytes: then it gave up for what they say,
		not for want of more.
		*/
		function isStepWhole(mark: number): boolean {
			scanner.position = mark;
			try {
				if (phase === phaseStart) {
					scanner.skipWhitespace();
					return scanner.position < length;
				}

				if (phase === phaseMembers ? scanner.nextMember(isFirst) : scanner.nextElement(isFirst)) {
					scanner.skipValue();
				}

				return scanner.position < length;
			} catch {
				return false;
			}
		}

		function pump(isFinal: boolean): void {
			const bytes = window.subarray(0, length);
			// The scanner reads one byte past the data: a NUL, which no JSON token goes on with, so a
			// step cut short fails there. Past the end of the array instead, every function that met
			// the cut was deoptimized ("out of bounds"): the first list of 50,000 took twice as long.
			window[length] = 0;
			scanner.bytes = window.subarray(0, length + 1);
			replay.use(bytes);
			scanner.position = consumed;
			const holes = replay.recordingHoles;
			for (;;) {
				const mark = scanner.position;
				const holeMark = holes.length;
				try {
					if (!step(isFinal)) {
						break;
					}
				} catch (error) {
					if (error !== scanBail && error !== streamGiveUp) {
						throw error;
					}

					const isDefinite = error === streamGiveUp || isFinal || isStepWhole(mark) || length - mark > maxPendingBytes;
					// After isStepWhole: its skipping records numbers too.
					holes.length = holeMark;
					if (isDefinite) {
						giveUp();
						return;
					}

					scanner.position = mark;
					// Tried again once the bytes waiting have doubled (4 KB at least): a large session that
					// arrives in small chunks is not read from its start again at every chunk.
					retryAt = length + Math.max(minimumRetryBytes, length - mark);
					break;
				}
			}

			consumed = scanner.position;
		}

		function take(chunk: Uint8Array): void {
			if (isGivenUp || isEnded) {
				return;
			}

			// One byte more than the data, for the NUL after it.
			if (length + chunk.byteLength + 1 > window.length) {
				// What was read is let go: only the step waiting for more bytes is kept.
				window.copyWithin(0, consumed, length);
				length -= consumed;
				retryAt -= consumed;
				consumed = 0;
				if (length + chunk.byteLength + 1 > window.length) {
					const grown = new Uint8Array(Math.max(window.length * 2, length + chunk.byteLength + 1));
					grown.set(window.subarray(0, length));
					window = grown;
				}
			}

			window.set(chunk, length);
			length += chunk.byteLength;
			if (length >= retryAt) {
				pump(false);
			}
		}

		// Nothing touches the replay before a body begins: a small answer goes to `scan` instead.
		let isBegun = false;
		return {
			begin() {
				if (isBegun) {
					// A retry after a failure that began a body: start over.
					replay.abandon();
				}

				isBegun = true;
				streamScanner ??= new JsonScanner(window);
				scanner = streamScanner;
				replay.begin(window.subarray(0, 0), host);
				scanner.recordHoles = replay.recordingHoles;
				length = 0;
				consumed = 0;
				retryAt = 0;
				phase = phaseStart;
				isFirst = true;
				hasData = false;
				sessions = [];
				isGivenUp = false;
			},
			write(bytes) {
				if (!isBegun) {
					return;
				}

				// A large first piece (what a body without Content-Length had sent before it was known to
				// be large) is taken in window-sized slices: the window never grows to hold it.
				for (let offset = 0; offset < bytes.byteLength; offset += maxSlice) {
					take(bytes.subarray(offset, offset + maxSlice));
				}
			},
			end() {
				if (isEnded) {
					return isGivenUp ? undefined : sessions;
				}

				isEnded = true;
				if (!isBegun) {
					return undefined;
				}

				if (!isGivenUp) {
					pump(true);
				}

				if (isGivenUp || phase !== phaseDone || !hasData) {
					if (!isGivenUp) {
						giveUp();
					}

					return undefined;
				}

				replay.finish();
				return sessions;
			},
			abandon() {
				if (isBegun && !isEnded) {
					giveUp();
				}

				isEnded = true;
			},
		};
	}

	return {
		scan,
		stream,
		replayed: () => replay.replayed,
	};
}
