import type {RecordedRequest} from './types.js';

const limit = 10_000;

/** Every request seen, newest 10,000 kept (the array object stays the same so callers can hold it). */
export class RequestLog {
	readonly entries: RecordedRequest[] = [];

	record(entry: RecordedRequest): void {
		this.entries.push(entry);
		if (this.entries.length > limit) {
			this.entries.splice(0, this.entries.length - limit);
		}
	}

	countByMethod(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const entry of this.entries) {
			counts[entry.method] = (counts[entry.method] ?? 0) + 1;
		}

		return counts;
	}

	clear(): void {
		this.entries.length = 0;
	}
}
