export {createPoller} from './create-poller.js';
export {realClock} from './real-clock.js';
export type * from './types.js';
