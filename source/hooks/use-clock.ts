import {useEffect, useReducer} from 'react';

/**
The current time from the injected clock, re-read every `intervalMs` so countdowns and
"updated Ns ago" move between polls (and while paused). One timer for the whole screen.
*/
export function useClock(now: () => number, intervalMs = 1000): number {
	const [, tick] = useReducer((count: number) => count + 1, 0);
	useEffect(() => {
		const timer = setInterval(tick, intervalMs);
		// Ink's stdin keeps a real session alive; a stray clock must not keep a test process running.
		timer.unref();
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs]);
	return now();
}
