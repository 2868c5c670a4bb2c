/**
A JSON "shape" learnt from real samples: which types each path takes and which keys are always there.
*/
export type Shape = {types: Set<string>; samples: number; objects: number; keys: Map<string, {shape: Shape; count: number}>; items?: Shape};

/**
A number as written in the JSON text: a real (`1826.0`) or an integer (`1826`).
*/
export class JsonNumber {
	readonly kind: 'real' | 'integer';

	constructor(kind: 'real' | 'integer') {
		this.kind = kind;
	}
}

export const typeOf = (value: unknown): string => {
	if (value instanceof JsonNumber) {
		return value.kind;
	}

	return value === null ? 'null' : (Array.isArray(value) ? 'array' : typeof value);
};

const emptyShape = (): Shape => ({
	types: new Set(), samples: 0, objects: 0, keys: new Map(),
});

export function learn(shape: Shape, value: unknown): Shape {
	shape.types.add(typeOf(value));
	shape.samples++;
	if (Array.isArray(value)) {
		for (const item of value) {
			shape.items = learn(shape.items ?? emptyShape(), item);
		}
	} else if (typeof value === 'object' && value !== null && !(value instanceof JsonNumber)) {
		shape.objects++;
		for (const [key, child] of Object.entries(value)) {
			const entry = shape.keys.get(key) ?? {shape: emptyShape(), count: 0};
			entry.count++;
			learn(entry.shape, child);
			shape.keys.set(key, entry);
		}
	}

	return shape;
}

export const shapeOf = (...samples: unknown[]): Shape => samples.reduce<Shape>((shape, sample) => learn(shape, sample), emptyShape());

/**
Differences between a value and a learnt shape: a type never seen, a key the real server never
sent, or a key every real sample had but the value lacks. `freeForm` names object keys whose own
keys are data (connection attributes, per-server buffers).
*/
export function shapeErrors(shape: Shape, value: unknown, path = '$', freeForm: readonly string[] = []): string[] {
	const type = typeOf(value);
	if (!shape.types.has(type)) {
		return [`${path}: ${type}, real: ${[...shape.types].join('|')}`];
	}

	const errors: string[] = [];
	if (type === 'array' && shape.items) {
		for (const [index, item] of (value as unknown[]).entries()) {
			errors.push(...shapeErrors(shape.items, item, `${path}[${index}]`, freeForm));
		}
	} else if (type === 'object') {
		const object = value as Record<string, unknown>;
		const name = path.split('.').at(-1) ?? '';
		if (freeForm.includes(name)) {
			return errors;
		}

		for (const [key, entry] of shape.keys) {
			if (entry.count === shape.objects && !(key in object)) {
				errors.push(`${path}.${key}: missing`);
			}
		}

		for (const [key, child] of Object.entries(object)) {
			const entry = shape.keys.get(key);
			if (entry) {
				errors.push(...shapeErrors(entry.shape, child, `${path}.${key}`, freeForm));
			} else if (!(shape.types.has('object') && shape.keys.size === 0)) {
				errors.push(`${path}.${key}: not in the real responses`);
			}
		}
	}

	return errors;
}
