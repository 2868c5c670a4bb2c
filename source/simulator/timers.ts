/**
Sleeps that `close()` can cancel, so a closed simulator leaves no timer behind.
*/
export class Sleeper {
	private readonly pending = new Map<NodeJS.Timeout, () => void>();

	async sleep(ms: number): Promise<void> {
		if (ms <= 0) {
			return;
		}

		await new Promise<void>(resolve => {
			const timer = setTimeout(() => {
				this.pending.delete(timer);
				resolve();
			}, ms);
			this.pending.set(timer, resolve);
		});
	}

	cancelAll(): void {
		for (const [timer, resolve] of this.pending) {
			clearTimeout(timer);
			resolve();
		}

		this.pending.clear();
	}
}

/**
Runs tasks one at a time, like MaxScale's single admin thread.
*/
export class SerialQueue {
	private tail: Promise<void> = Promise.resolve();

	async run(task: () => Promise<void>): Promise<void> {
		const next = this.tail.then(task);
		this.tail = next.catch(() => undefined);
		return next;
	}
}
