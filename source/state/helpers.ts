import type {Command, State} from './types.js';

type NewCommand = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

export function enqueue(state: State, command: NewCommand): State {
	const id = state.nextCommandId;
	return {...state, outbox: [...state.outbox, {...command, id}], nextCommandId: id + 1};
}

export function setStatus(state: State, text: string, isError: boolean): State {
	return {...state, status: {text, error: isError}};
}
