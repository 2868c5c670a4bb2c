/** A fixed-capacity ring of the newest values; a push returns a new ring, so rings can live in React reducer state. */
export type Ring<T> = {
	readonly capacity: number;
	/** Oldest first; never longer than `capacity`. */
	readonly items: readonly T[];
};

export function createRing<T>(capacity: number, items: readonly T[] = []): Ring<T> {
	const size = Math.max(0, Math.floor(capacity));
	return {capacity: size, items: size === 0 ? [] : items.slice(-size)};
}

export function pushRing<T>(ring: Ring<T>, value: T): Ring<T> {
	return ring.capacity === 0 ? ring : {capacity: ring.capacity, items: [...ring.items, value].slice(-ring.capacity)};
}

export function ringLast<T>(ring: Ring<T>): T | undefined {
	return ring.items.at(-1);
}
