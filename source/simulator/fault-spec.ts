import {faultKinds as kinds, type FaultKind, type FaultSpec} from './types.js';

const isKind = (text: string): text is FaultKind => (kinds as readonly string[]).includes(text);

/**
Parse `maxtop simulate --fault` text: `KIND[:ARG][:PATH,PATH…]`, e.g. `latency:500`,
`http-503`, `http-503:/v1/sessions`, `latency:200:/v1/sessions`. Paths start with `/`.
*/
export function parseFaultSpec(text: string): FaultSpec {
	const parts = text.trim().split(':');
	const kind = parts.shift() ?? '';
	if (!isKind(kind)) {
		throw new Error(`unknown fault "${kind}" (one of: ${kinds.join(', ')})`);
	}

	const spec: FaultSpec = {kind};
	if (kind === 'latency') {
		const ms = parts.shift();
		if (ms === undefined || !/^\d+$/.test(ms)) {
			throw new Error(`fault "latency" needs milliseconds, e.g. latency:500 (got "${text}")`);
		}

		spec.latencyMs = Number(ms);
	}

	const rest = parts.join(':');
	if (rest !== '') {
		const paths = rest.split(',').map(path => path.trim()).filter(Boolean);
		if (paths.length === 0 || paths.some(path => !path.startsWith('/'))) {
			throw new Error(`fault paths must start with "/", e.g. ${kind}:/v1/sessions (got "${text}")`);
		}

		spec.paths = paths;
	}

	return spec;
}

/**
The first fault of `kind` that applies to `path`, if any.
*/
export function findFault(faults: readonly FaultSpec[], kind: FaultKind, path: string): FaultSpec | undefined {
	return faults.find(fault => fault.kind === kind && (!fault.paths || fault.paths.length === 0 || fault.paths.some(part => path.includes(part))));
}
