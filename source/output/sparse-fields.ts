/**
`--fields`: the session attributes and relationships the table needs, for `fields[sessions]=`
(2.5+). real-maxscale.md measured a named fieldset as 1.4–1.8× slower for MaxScale than the full
compact list, which is why this is off by default: it only saves bytes.
*/
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
