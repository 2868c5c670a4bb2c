/** `--fields` (2.5+): off by default, as a named fieldset costs MaxScale more than the full list; it only saves bytes. */
export const sparseListFields: readonly string[] = [
	'state',
	'user',
	'remote',
	'port',
	'connected',
	'seconds_alive',
	'idle',
	'memory',
	'io_activity',
	'thread',
	'connections',
	'client',
	'services',
	'filters',
];
