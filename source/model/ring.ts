/**
A fixed-capacity ring of the newest values. Pushing returns a new ring and never touches the old
one, so rings can live in React reducer state; the capacity is small (one value per poll).
*/
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
