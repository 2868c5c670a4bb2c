/**
What a MaxScale version can do, from the version matrix in the API reference (§0).
Features are gated by the version from `GET /v1/maxscale`, never by probing routes: a missing
route answers 404 just like a missing session.
*/
export type Version = {major: number; minor: number; patch: number; text: string};

export type Feature =
	| 'patchSession'
	| 'restartSession'
	| 'killSession'
	| 'sparseFields'
	| 'jwt'
	| 'threadSessions'
	| 'failedAuths'
	| 'rdns';

const requirements: Record<Feature, [number, number, number]> = {
	patchSession: [6, 0, 0],
	restartSession: [22, 8, 0],
	killSession: [22, 8, 0],
	sparseFields: [2, 5, 0],
	jwt: [2, 5, 0],
	threadSessions: [22, 8, 2],
	failedAuths: [6, 2, 0],
	rdns: [2, 4, 0],
};

export const featureNames: Record<Feature, string> = {
	patchSession: 'changing a session (log levels, filters)',
	restartSession: 'restarting sessions',
	killSession: 'killing sessions',
	sparseFields: 'sparse fieldsets',
	jwt: 'token authentication',
	threadSessions: 'per-thread session counts',
	failedAuths: 'failed login counters',
	rdns: 'reverse DNS',
};

export function parseVersion(text: string): Version | undefined {
	const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
	return match
		? {
			major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), text: text.trim(),
		}
		: undefined;
}

export function compareVersion(a: Version, b: [number, number, number]): number {
	return a.major - b[0] || a.minor - b[1] || a.patch - b[2];
}

export function hasFeature(version: Version | undefined, feature: Feature): boolean {
	// Unknown version: assume the newest behaviour, as the reference says for 25.x.
	return version ? compareVersion(version, requirements[feature]) >= 0 : true;
}

/** The version that first has a feature, for messages such as "needs MaxScale 22.08.0". */
export function requiredVersion(feature: Feature): string {
	const [major, minor, patch] = requirements[feature];
	// Calendar versions (21.06 on) write the month with two digits.
	return `${major}.${major >= 21 ? String(minor).padStart(2, '0') : minor}.${patch}`;
}
