// A scan, not /\/+$/: that regex is quadratic on a long run of `/` followed by anything else.
export function trimTrailingSlashes(path: string): string {
	let end = path.length;
	while (end > 0 && path[end - 1] === '/') {
		end--;
	}

	return path.slice(0, end);
}

/**
The resource a path names, as MaxScale's watcher keys it: no `/v1` prefix, no trailing slash.
*/
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
