/**
Turns a session of any MaxScale generation into the one `Session` shape, as session-fields.ts declares it.
Any attribute may be missing (by version, sparse fieldsets); a value of the wrong JSON type is dropped.
*/
import {parseConnected, parseIsoTimestamp, type TimeOptions} from './time.js';
import {cutText, isSensible} from './bounds.js';
import {
	type BoundedField,
	type Field,
	fields,
	type FieldType,
	type FieldValues,
	logLevels,
	type QueryInfo,
	type Session,
} from './session-fields.js';

export type NormalizeOptions = TimeOptions & {
	/** Also build the detail fields (connections, memory, attributes, queries, log); default true for one session, false for a list. */
	detail?: boolean;
	/** Values the sessions of one list share (a list repeats a few users, services and states): one copy each. */
	shared?: SharedValues;
};

export type SharedValues = {texts: Map<string, string>; lists: Map<string, readonly string[]>; times: Map<string, number>};

export const sharedValues = (): SharedValues => ({texts: new Map(), lists: new Map(), times: new Map()});

type Json = Partial<Record<string, unknown>>;

function object(value: unknown): Json | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

// The real lengths of the texts cut while one session is read (normalize is never re-entered).
let cutLengths: Record<string, number> | undefined;

/** A string value cut to what bounds.ts keeps; its real length (of a list, the longest) noted under `label`. */
function string(value: unknown, label: string): string | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	const cut = cutText(value);
	if (cut !== undefined) {
		cutLengths ??= {};
		cutLengths[label] = Math.max(cutLengths[label] ?? 0, value.length);
	}

	return cut ?? value;
}

const number = (value: unknown) => typeof value === 'number' && Number.isFinite(value) ? value : undefined;

type Draft = Record<string, unknown>;
type Build = {session: Draft; nowMs: number; options: NormalizeOptions};
type Wired = Pick<Field, 'key' | 'orElse' | 'atMost' | 'detail' | 'unique'> & {
	paths: ReadonlyArray<readonly string[]>;
	each: string | undefined;
	label: string;
	read: (value: unknown, field: Wired, build: Build) => unknown;
};

// Every compiled field has the same properties, absent ones undefined: the loop reads one object shape.
function compile(field: Field): Wired {
	const wires = typeof field.wire === 'string' ? [field.wire] : field.wire!;
	return {
		key: field.key,
		orElse: field.orElse,
		atMost: field.atMost,
		detail: field.detail,
		unique: field.unique,
		paths: wires.map(wire => wire.split('[].', 1)[0]!.split('.')),
		each: wires[0]!.split('[].', 2)[1],
		label: field.label ?? field.name ?? field.key,
		read: readers[field.type],
	};
}

/** Of several paths, the first that gives a non-empty text, else the last. */
function wireValue(resource: Json, paths: ReadonlyArray<readonly string[]>): unknown {
	let value: unknown;
	for (const steps of paths) {
		value = resource;
		for (let index = 0; index < steps.length && value !== undefined; index++) {
			value = object(value)?.[steps[index]!];
		}

		if (typeof value === 'string' && value !== '') {
			break;
		}
	}

	return value;
}

/** A number the session may show; out of sense (bounds.ts), noted in `session.unknown` instead, in field order. */
function bounded(value: unknown, field: Wired, build: Build): number | undefined {
	const {session} = build;
	const raw = typeof value === 'number' ? value : field.orElse?.(key => session[key], build.nowMs);
	if (raw === undefined || Number.isNaN(raw)) {
		return undefined;
	}

	const key = field.key as BoundedField;
	if (!isSensible(key, raw)) {
		session['unknown'] = [...(session['unknown'] as BoundedField[] | undefined ?? []), key];
		return undefined;
	}

	const limit = field.atMost === undefined ? undefined : session[field.atMost];
	return typeof limit === 'number' ? Math.min(raw, limit) : raw;
}

/** The copy of `value` the list already holds under `key`, else `value`, kept (frozen) as that copy. */
function share<T>(map: Map<string, T> | undefined, key: string, value: T): T {
	const known = map?.get(key);
	if (known !== undefined) {
		return known;
	}

	if (key.length <= 200) {
		map?.set(key, Object.freeze(value));
	}

	return value;
}

function names(value: unknown, field: Wired, build: Build): readonly string[] {
	const result: string[] = [];
	for (const item of Array.isArray(value) ? value : []) {
		const name = string(field.each === undefined ? item : object(item)?.[field.each], field.label);
		if (name !== undefined && !(field.unique && result.includes(name))) {
			result.push(name);
		}
	}

	return share(build.options.shared?.lists, result.join('\u{0}'), result);
}

// Sessions opened in the same second share their `connected` text: a list parses each text once.
function connectedMs(value: unknown, _field: Wired, {options}: Build): number | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}

	const parsed = options.shared?.times.get(value) ?? parseConnected(value, options);
	if (parsed !== undefined) {
		options.shared?.times.set(value, parsed);
	}

	return parsed;
}

function backendConnections(value: unknown): FieldValues['connections'] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	return value.flatMap(item => {
		const connection = object(item);
		const server = string(connection?.['server'], 'backend');
		if (!connection || server === undefined) {
			return [];
		}

		const connectionId = number(connection['connection_id']) ?? number(object(connection['protocol_diagnostics'])?.['connection_id']);
		const cipher = string(connection['cipher'], 'backend');
		return [{server, ...(connectionId !== undefined && {connectionId}), ...(cipher !== undefined && {cipher})}];
	});
}

// An object contributes its own `total` under its key, its parts under dotted keys.
function flattenMemory(memory: Json, prefix: string, into: Record<string, number>): Record<string, number> {
	for (const [key, value] of Object.entries(memory)) {
		const nested = object(value);
		if (typeof value === 'number' && Number.isFinite(value)) {
			if (prefix === '' || key !== 'total') {
				into[prefix + key] = value;
			}
		} else if (nested) {
			const total = number(nested['total']);
			if (total !== undefined) {
				into[prefix + key] = total;
			}

			flattenMemory(nested, `${prefix}${key}.`, into);
		}
	}

	return into;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
	const source = object(value);
	if (!source) {
		return undefined;
	}

	const result: Record<string, string> = {};
	for (const [key, item] of Object.entries(source)) {
		const name = string(key, 'attribute name');
		const text = string(item, `attribute ${name}`);
		if (name !== undefined && text !== undefined) {
			result[name] = text;
		}
	}

	return result;
}

// A log-level set is one of a few dozen: each is made once, frozen, and shared by every session.
const levelSets = new Map<string, FieldValues['levels']>();

function parseLogLevels(value: unknown): FieldValues['levels'] | undefined {
	const source = object(value);
	if (!source) {
		return undefined;
	}

	let key = '';
	for (const level of logLevels) {
		key += typeof source[level] === 'boolean' ? String(source[level])[0] : '-';
	}

	return levelSets.get(key) ?? share(levelSets, key, Object.fromEntries(logLevels.filter(level => typeof source[level] === 'boolean').map(level => [level, source[level]])));
}

function parseQueries(value: unknown, options: TimeOptions): QueryInfo[] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const queries: QueryInfo[] = [];
	for (const item of value) {
		const query = object(item);
		if (!query) {
			continue;
		}

		const label = `statement ${queries.length + 1}`;
		const responses = (Array.isArray(query['responses']) ? query['responses'] : []).flatMap((entry: unknown) => {
			const server = string(object(entry)?.['server'], 'backend');
			const durationMs = number(object(entry)?.['duration']);
			return server === undefined ? [] : [durationMs === undefined ? {server} : {server, durationMs}];
		});
		const values = {
			statement: string(query['statement'], label),
			command: string(query['command'], label),
			receivedMs: parseIsoTimestamp(query['received'], options),
			completedMs: parseIsoTimestamp(query['completed'], options),
		};
		// An absent part stays absent, as everywhere in a session.
		queries.push({responses, ...Object.fromEntries(Object.entries(values).filter(([, part]) => part !== undefined))});
	}

	return queries;
}

function parseLog(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) {
		return undefined;
	}

	const lines: string[] = [];
	for (const item of value) {
		const line = string(item, `log line ${lines.length + 1}`);
		if (line !== undefined) {
			// 22.08 ends every session-trace line with "\n"; 24.02 does not.
			lines.push(line.endsWith('\n') ? line.slice(0, line.endsWith('\r\n') ? -2 : -1) : line);
		}
	}

	return lines;
}

function idOf(value: unknown): string | undefined {
	return typeof value === 'string' ? string(value, 'id') : (Number.isSafeInteger(value) ? String(value) : undefined);
}

const readers: {[Type in FieldType]: (value: unknown, field: Wired, build: Build) => FieldValues[Type] | undefined} = {
	id: idOf,
	host: () => undefined,
	text(value, field, build) {
		const text = string(value, field.label);
		return text === undefined ? text : share(build.options.shared?.texts, text, text);
	},
	names,
	time: connectedMs,
	seconds: bounded,
	bytes: bounded,
	count: bounded,
	uint16: bounded,
	levels: parseLogLevels,
	connections: backendConnections,
	attributes: stringRecord,
	memory: value => object(value) && flattenMemory(object(value)!, '', {}),
	queries: (value, _field, build) => parseQueries(value, build.options),
	log: parseLog,
};

const wired = fields.filter(field => field.wire !== undefined && field.type !== 'id').map(field => compile(field));
const listFields = wired.filter(field => field.detail === undefined);

/*
V8 keeps an object that gains over a dozen properties by computed name as a dictionary, at twice the memory:
one generated function copies each field out of the draft by name, so every session is a fast object.
*/
// eslint-disable-next-line no-new-func
const shape = new Function('draft', `const session = {id: draft.id, host: draft.host};
${[...wired.map(field => field.key), 'unknown', 'fullLengths'].map(key => `if (draft.${key} !== undefined) session.${key} = draft.${key};`).join('\n')}
return session;`) as (draft: Draft) => Session;

function normalize(wire: unknown, host: string, nowMs: number, options: NormalizeOptions, isDetail: boolean): Session | undefined {
	const resource = object(wire);
	cutLengths = undefined;
	const id = resource && idOf(resource['id']);
	if (!resource || id === undefined || id === '' || (resource['type'] !== undefined && resource['type'] !== 'sessions')) {
		return undefined;
	}

	const session: Draft = {id, host};
	const build: Build = {session, nowMs, options};
	for (const field of isDetail ? wired : listFields) {
		const value = field.read(wireValue(resource, field.paths), field, build);
		if (value !== undefined) {
			session[field.key] = value;
		}
	}

	session['fullLengths'] = cutLengths;
	return shape(session);
}

/** One session resource (`data` of `GET /v1/sessions/:id`, or one element of a list). */
export function normalizeSession(wire: unknown, host: string, nowMs: number, options: NormalizeOptions = {}): Session | undefined {
	return normalize(wire, host, nowMs, options, options.detail ?? true);
}

/** A `GET /v1/sessions` body; elements that are not sessions are skipped. */
export function normalizeSessionList(body: unknown, host: string, nowMs: number, options: NormalizeOptions = {}): Session[] {
	const data = object(body)?.['data'];
	if (!Array.isArray(data)) {
		return [];
	}

	const listOptions = {...options, shared: options.shared ?? sharedValues()};
	return data.flatMap(item => normalize(item, host, nowMs, listOptions, options.detail ?? false) ?? []);
}
