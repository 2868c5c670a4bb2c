/**
The soak's judgement of a resident-memory series: warm-up or leak. A process that is warming up
(JIT, the collector sizing its heap, malloc arenas filling) climbs ever more slowly towards a
level; a leak keeps climbing at the same pace. So the samples after warm-up are cut in thirds and
a straight line is fitted to each: a leak is a last third still climbing faster than the noise
allows and at no less than half the pace of the first.
*/
export type SoakSample = {minute: number; rssMib: number};

export type SoakVerdict = {
	slopeAfterWarmupMibPerMin: number;
	slopeSecondHalfMibPerMin: number;
	slopeThirdsMibPerMin: number[];
	isLeak: boolean;
	verdict: string;
};

/**
A steady process still wanders by a few MiB as the collector runs; 0.1 MiB a minute kept up
would be 144 MiB a day.
*/
export const leakThresholdMibPerMin = 0.1;

/** Least-squares slope, MiB a minute. */
export function slope(points: readonly SoakSample[]): number {
	if (points.length < 2) {
		return NaN;
	}

	const meanX = points.reduce((sum, point) => sum + point.minute, 0) / points.length;
	const meanY = points.reduce((sum, point) => sum + point.rssMib, 0) / points.length;
	let covariance = 0;
	let variance = 0;
	for (const point of points) {
		covariance += (point.minute - meanX) * (point.rssMib - meanY);
		variance += (point.minute - meanX) ** 2;
	}

	return variance === 0 ? NaN : covariance / variance;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function judgeSoak(samples: readonly SoakSample[], minutes: number, warmupMinutes: number): SoakVerdict {
	const afterWarmup = samples.filter(sample => sample.minute > warmupMinutes);
	const secondHalf = samples.filter(sample => sample.minute > minutes / 2);
	const third = Math.floor(afterWarmup.length / 3);
	const thirds = [afterWarmup.slice(0, third), afterWarmup.slice(third, 2 * third), afterWarmup.slice(2 * third)];
	const slopes = thirds.map(points => slope(points));
	const result = {
		slopeAfterWarmupMibPerMin: round(slope(afterWarmup)),
		slopeSecondHalfMibPerMin: round(slope(secondHalf)),
		slopeThirdsMibPerMin: slopes.map(value => round(value)),
	};
	if (third < 3 || secondHalf.length < 4) {
		return {...result, isLeak: false, verdict: 'too short to judge (each third after warm-up needs 3 samples)'};
	}

	const [first, , last] = slopes as [number, number, number];
	const pace = `slope in thirds after warm-up ${result.slopeThirdsMibPerMin.join(', ')} MiB/min`;
	if (last > leakThresholdMibPerMin && last >= first / 2) {
		return {...result, isLeak: true, verdict: `a leak: still climbing at +${round(last)} MiB/min at the end, no slower than after warm-up (${pace})`};
	}

	if (result.slopeAfterWarmupMibPerMin <= leakThresholdMibPerMin) {
		return {...result, isLeak: false, verdict: `flat (${pace})`};
	}

	return {
		...result,
		isLeak: false,
		verdict: last > leakThresholdMibPerMin
			? `warm-up: climbing ever more slowly, +${round(last)} MiB/min at the end (${pace}); a longer run would settle it`
			: `warm-up: grew after the start, flat at the end (${pace})`,
	};
}
