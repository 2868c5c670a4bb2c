/**
Copies of `original` with one to three bytes replaced by JSON's structural characters, digits,
letters of its literals and a control character, at places a seeded generator picks: the same
bodies on every run.

@yields One corrupted copy per round.
*/
export function * corruptedCopies(original: Uint8Array, rounds: number, seed: number): Generator<Uint8Array> {
	let state = seed;
	const random = (limit: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state % limit;
	};

	const alphabet = Buffer.from('{}[]":,\\ 0123456789.eE-+truefalsn\u{1}x');
	for (let round = 0; round < rounds; round++) {
		const bytes = Buffer.from(original);
		const edits = 1 + random(3);
		for (let edit = 0; edit < edits; edit++) {
			bytes[random(bytes.length)] = alphabet[random(alphabet.length)]!;
		}

		yield bytes;
	}
}
