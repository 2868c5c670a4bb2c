import {useInput, useStdin} from 'ink';
import type {Dispatch} from 'react';
import type {Action} from '../state/actions.js';

/** Every key goes to the reducer as is: it resolves the binding against the current screen, so bursts are never lost. */
export function useKeymap(dispatch: Dispatch<Action>, now: () => number = Date.now): void {
	const {isRawModeSupported} = useStdin();
	useInput((input, key) => {
		dispatch({
			type: 'key', input, key, atMs: now(),
		});
	}, {isActive: isRawModeSupported});
}
