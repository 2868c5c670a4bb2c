export {createPoller} from './create-poller.js';
export type * from './types.js';
