/*
ETag, Last-Modified and the If-* headers as MaxScale answers them (API reference §4; the 24.02.3
captures and exchanges). From 2.5 the ETag is the SHA-1 of the full response, computed after the
work is done; Last-Modified moves only when a REST write touches the resource or one below it.
*/
import {createHash} from 'node:crypto';
import {httpDate} from './dates.js';
import {isLegacy, type RecordedRequest, type SimulatorVersion} from './types.js';

// What a precondition reads. Not http-types' SimRequest: http-types imports ModificationClock from here.
type SimRequest = Pick<RecordedRequest, 'headers' | 'path'>;

// A scan, not /\/+$/: that regex is quadratic on a long run of `/` followed by anything else.
export function trimTrailingSlashes(path: string): string {
	let end = path.length;
	while (end > 0 && path[end - 1] === '/') {
		end--;
	}

	return path.slice(0, end);
}

/** The resource a path names, as MaxScale's watcher keys it: no `/v1` prefix, no trailing slash. */
function resourceKey(path: string): string {
	const trimmed = trimTrailingSlashes(path);
	return trimmed === '/v1' || trimmed.startsWith('/v1/') ? trimmed.slice(3) || '/' : trimmed || '/';
}

/**
When each resource was last changed through the REST API (default: when MaxScale started).
A write to `/sessions/5` moves `/sessions/5`, `/sessions` and `/`.
*/
export class ModificationClock {
	private readonly changed = new Map<string, number>();
	private readonly counters = new Map<string, number>();
	private readonly startedMs: () => number;

	constructor(startedMs: () => number) {
		this.startedMs = startedMs;
	}

	touch(path: string, nowMs: number): void {
		let key = resourceKey(path);
		for (;;) {
			this.changed.set(key, nowMs);
			this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
			if (key === '/') {
				return;
			}

			key = key.slice(0, key.lastIndexOf('/')) || '/';
		}
	}

	lastModifiedMs(path: string): number {
		return this.changed.get(resourceKey(path)) ?? this.startedMs();
	}

	/** 2.2–2.4's ETag: a per-resource count of REST writes (sessions could not be written there). */
	count(path: string): number {
		return this.counters.get(resourceKey(path)) ?? 0;
	}
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export type Validators = {etag: string; lastModifiedMs: number};

export function validatorsOf(version: SimulatorVersion, clock: ModificationClock, path: string, sentText: string): Validators {
	const etag = isLegacy(version) ? `"${clock.count(path)}"` : `"${sha1(sentText)}"`;
	return {etag, lastModifiedMs: clock.lastModifiedMs(path)};
}

export const validatorHeaders = (validators: Validators): Record<string, string> => ({
	ETag: validators.etag, 'Last-Modified': httpDate(validators.lastModifiedMs),
});

const header = (request: SimRequest, name: string): string | undefined => {
	const value = request.headers[name];
	return typeof value === 'string' ? value : undefined;
};

/** HTTP dates compare to the second; anything unparsable is no date. */
function dateHeader(request: SimRequest, name: string): number | undefined {
	const ms = Date.parse(header(request, name) ?? '');
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000) * 1000;
}

/** If-Match and If-Unmodified-Since, which both fail with 412. */
function preconditionFails(request: SimRequest, etag: string, lastModifiedMs: number): boolean {
	const ifMatch = header(request, 'if-match');
	if (ifMatch !== undefined && ifMatch !== etag && ifMatch !== '*') {
		return true;
	}

	const since = dateHeader(request, 'if-unmodified-since');
	return header(request, 'if-unmodified-since') !== undefined && (since === undefined || Math.floor(lastModifiedMs / 1000) * 1000 > since);
}

/**
What a read's preconditions decide:
- `normal`: answer as asked, with ETag and Last-Modified;
- `304` / `412`: an empty answer;
- `whole`: 2.5+ only. An If-None-Match or If-Modified-Since was sent and did not hold, and the
  server answers the full resource, ignoring `fields`, `filter` and `page`, without validators.
*/
export type ReadVerdict = 'normal' | '304' | '412' | 'whole';

export function judgeRead(request: SimRequest, version: SimulatorVersion, validators: Validators): ReadVerdict {
	if (preconditionFails(request, validators.etag, validators.lastModifiedMs)) {
		return '412';
	}

	const ifNoneMatch = header(request, 'if-none-match');
	const since = dateHeader(request, 'if-modified-since');
	const isUnchanged = ifNoneMatch === undefined ? since !== undefined && Math.floor(validators.lastModifiedMs / 1000) * 1000 <= since : ifNoneMatch === validators.etag;
	if (isUnchanged) {
		return '304';
	}

	// 2.4.19's captures are silent on conditional requests: 2.4 follows 2.2.
	const isAsked = ifNoneMatch !== undefined || header(request, 'if-modified-since') !== undefined;
	return isAsked && !isLegacy(version) ? 'whole' : 'normal';
}

/**
A write's preconditions in 2.5+: checked after the change was made, against the SHA-1 of the
write's own empty answer, so a PATCH with the resource's ETag still gets 412 (and is applied).
*/
export function writePreconditionFails(request: SimRequest, clock: ModificationClock): boolean {
	return preconditionFails(request, `"${sha1('')}"`, clock.lastModifiedMs(request.path));
}
