/*
A stable sort of indices by numeric keys without a comparator: an LSD radix sort over the IEEE 754 bits. Sorting
50,000 sessions by comparator is mostly calls back into JavaScript; this reads each key's bytes a few times.
*/

const probe = Uint16Array.of(1);
const isLittleEndian = new Uint8Array(probe.buffer, probe.byteOffset, probe.byteLength)[0] === 1;
const signBit = 0x80_00_00_00;
const digitCount = 8;
const bucketCount = 256;

function isInt32(keys: Float64Array, indices: Uint32Array): boolean {
	const count = indices.length;
	for (let position = 0; position < count; position++) {
		const key = keys[indices[position]!]!;
		if (Math.trunc(key) !== key || key < -signBit || key >= signBit) {
			return false;
		}
	}

	return true;
}

/** `indices` (into `keys`) stably ordered by key, ascending. No NaN keys; -0 sorts before 0 (add 0 to a key). */
export function radixOrder(keys: Float64Array, indices: Uint32Array): Uint32Array {
	const count = indices.length;
	let order = Uint32Array.from(indices);
	if (count < 2) {
		return order;
	}

	// Byte counts, ids and ranks are small integers: four bytes to sort by, not eight.
	const isSmall = isInt32(keys, indices);
	let high = new Uint32Array(isSmall ? 0 : count);
	let low = new Uint32Array(count);
	const digits = isSmall ? 4 : digitCount;
	if (isSmall) {
		for (let position = 0; position < count; position++) {
			low[position] = keys[order[position]!]! ^ signBit;
		}
	} else {
		const words = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
		const highAt = isLittleEndian ? 1 : 0;
		for (let position = 0; position < count; position++) {
			const index = order[position]!;
			const upper = words[(2 * index) + highAt]!;
			const lower = words[(2 * index) + 1 - highAt]!;
			// Unsigned order of the bits is numeric order once negatives are inverted and positives get the sign bit.
			high[position] = upper >= signBit ? ~upper : upper | signBit;
			low[position] = upper >= signBit ? ~lower : lower;
		}
	}

	const histograms = new Uint32Array(digitCount * bucketCount);
	for (let position = 0; position < count; position++) {
		const lower = low[position]!;
		histograms[lower & 0xFF]!++;
		histograms[bucketCount + ((lower >>> 8) & 0xFF)]!++;
		histograms[(2 * bucketCount) + ((lower >>> 16) & 0xFF)]!++;
		histograms[(3 * bucketCount) + (lower >>> 24)]!++;
		if (isSmall) {
			continue;
		}

		const upper = high[position]!;
		histograms[(4 * bucketCount) + (upper & 0xFF)]!++;
		histograms[(5 * bucketCount) + ((upper >>> 8) & 0xFF)]!++;
		histograms[(6 * bucketCount) + ((upper >>> 16) & 0xFF)]!++;
		histograms[(7 * bucketCount) + (upper >>> 24)]!++;
	}

	let nextOrder = new Uint32Array(count);
	let nextHigh = new Uint32Array(high.length);
	let nextLow = new Uint32Array(count);
	for (let digit = 0; digit < digits; digit++) {
		const base = digit * bucketCount;
		const shift = (digit % 4) * 8;
		const source = digit < 4 ? low : high;
		// A byte every key shares (the exponent of similar numbers, the zero tail of integers) moves nothing.
		if (histograms[base + ((source[0]! >>> shift) & 0xFF)] === count) {
			continue;
		}

		let start = 0;
		for (let bucket = base; bucket < base + bucketCount; bucket++) {
			const size = histograms[bucket]!;
			histograms[bucket] = start;
			start += size;
		}

		for (let position = 0; position < count; position++) {
			const target = histograms[base + ((source[position]! >>> shift) & 0xFF)]!++;
			nextOrder[target] = order[position]!;
			nextLow[target] = low[position]!;
			if (!isSmall) {
				nextHigh[target] = high[position]!;
			}
		}

		[order, nextOrder] = [nextOrder, order];
		[high, nextHigh] = [nextHigh, high];
		[low, nextLow] = [nextLow, low];
	}

	return order;
}
