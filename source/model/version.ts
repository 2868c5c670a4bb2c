/**
What a MaxScale version can do (the API reference's matrix, §0), from `GET /v1/maxscale`; never by probing routes:
a missing route answers 404 just like a missing session.
*/
export type Version = {major: number; minor: number; patch: number; text: string};

/** Each feature: the first version that has it, and its name in messages. */
const features = {
	patchSession: [[6, 0, 0], 'changing a session (log levels, filters)'],
	restartSession: [[22, 8, 0], 'restarting sessions'],
	killSession: [[22, 8, 0], 'killing sessions'],
	sparseFields: [[2, 5, 0], 'sparse fieldsets'],
	jwt: [[2, 5, 0], 'token authentication'],
	threadSessions: [[22, 8, 2], 'per-thread session counts'],
	failedAuths: [[6, 2, 0], 'failed login counters'],
	rdns: [[2, 4, 0], 'reverse DNS'],
} as const satisfies Record<string, readonly [readonly [number, number, number], string]>;

export type Feature = keyof typeof features;

export const featureNames = Object.fromEntries(Object.entries(features).map(([feature, [, name]]) => [feature, name])) as Record<Feature, string>;

export function parseVersion(text: string): Version | undefined {
	const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
	return match
		? {
			major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), text: text.trim(),
		}
		: undefined;
}

export function compareVersion(a: Version, b: readonly [number, number, number]): number {
	return a.major - b[0] || a.minor - b[1] || a.patch - b[2];
}

export function hasFeature(version: Version | undefined, feature: Feature): boolean {
	// Unknown version: assume the newest behaviour, as the reference says for 25.x.
	return version ? compareVersion(version, features[feature][0]) >= 0 : true;
}

/** The version that first has a feature, for messages such as "needs MaxScale 22.08.0". */
export function requiredVersion(feature: Feature): string {
	const [major, minor, patch] = features[feature][0];
	// Calendar versions (21.06 on) write the month with two digits.
	return `${major}.${major >= 21 ? String(minor).padStart(2, '0') : minor}.${patch}`;
}
