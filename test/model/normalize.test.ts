import {test} from 'node:test';
import assert from 'node:assert/strict';
import {normalizeSession, normalizeSessionList} from '../../source/model/normalize.js';

const now = Date.UTC(2024, 0, 5, 8, 0, 0);
const host = 'mx1:8989';

test('2.2 session: only the five early attributes, age from asctime', () => {
	const session = normalizeSession({
		id: '9',
		type: 'sessions',
		relationships: {services: {links: {self: 'x'}, data: [{id: 'RW-Split-Router', type: 'services'}]}},
		attributes: {
			state: 'Session ready for routing', user: 'maxuser', remote: '::ffff:127.0.0.1', connected: 'Fri Jan  5 07:00:00 2024', idle: 62.9,
		},
	}, host, now, {timezoneOffsetMinutes: 0});
	assert.deepEqual(session, {
		id: '9',
		host,
		services: ['RW-Split-Router'],
		servers: [],
		filters: [],
		state: 'Session ready for routing',
		user: 'maxuser',
		remote: '::ffff:127.0.0.1',
		connectedMs: Date.UTC(2024, 0, 5, 7, 0, 0),
		ageSeconds: 3600,
		idleSeconds: 62.9,
	});
});

test('2.3–2.4 connections: connection id inside protocol_diagnostics', () => {
	const session = normalizeSession({
		id: '12',
		attributes: {connections: [{id: 'server1', server: 'server1', protocol_diagnostics: {connection_id: 77}}, {id: 'server2', server: 'server2', cipher: 'TLS_AES'}]},
	}, host, now);
	assert.deepEqual(session?.servers, ['server1', 'server2']);
	assert.deepEqual(session?.connections, [{server: 'server1', connectionId: 77}, {server: 'server2', cipher: 'TLS_AES'}]);
});

test('22.08: connection_buffers is a number; 24.02: an object, flattened with dotted keys', () => {
	const old = normalizeSession({id: '1', attributes: {memory: {connection_buffers: 1626, last_queries: 674, total: 2300}}}, host, now);
	assert.equal(old?.memoryBytes, 2300);
	assert.deepEqual(old?.memory, {connection_buffers: 1626, last_queries: 674, total: 2300});

	const modern = normalizeSession({
		id: '2', attributes: {
			memory: {
				total: 68_618,
				connection_buffers: {total: 66_852, client: {total: 66_190, readq: 65_536}, backends: {server1: {total: 662, misc: 662}}},
			},
		},
	}, host, now);
	assert.equal(modern?.memoryBytes, 68_618);
	assert.deepEqual(modern?.memory, {
		total: 68_618,
		connection_buffers: 66_852,
		'connection_buffers.client': 66_190,
		'connection_buffers.client.readq': 65_536,
		'connection_buffers.backends.server1': 662,
		'connection_buffers.backends.server1.misc': 662,
	});
});

test('seconds_alive wins over connected; absent both means no age', () => {
	const withAlive = normalizeSession({id: '1', attributes: {seconds_alive: 5.21, connected: 'Fri, 05 Jan 2024 07:24:06 GMT'}}, host, now);
	assert.equal(withAlive?.ageSeconds, 5.21);
	assert.equal(withAlive?.connectedMs, Date.UTC(2024, 0, 5, 7, 24, 6));
	const fromConnected = normalizeSession({id: '1', attributes: {connected: 'Fri, 05 Jan 2024 07:24:06 GMT'}}, host, now);
	assert.equal(fromConnected?.ageSeconds, 2154);
	const neither = normalizeSession({id: '1', attributes: {connected: 'garbage'}}, host, now);
	assert.equal('ageSeconds' in neither!, false);
	assert.equal('connectedMs' in neither!, false);
	const skewed = normalizeSession({id: '1', attributes: {connected: 'Fri, 05 Jan 2024 09:00:00 GMT'}}, host, now);
	assert.equal(skewed?.ageSeconds, 0);
});

test('sparse fieldsets: missing attributes or relationships still give a session', () => {
	assert.deepEqual(normalizeSession({id: '5', type: 'sessions', links: {}}, host, now), {
		id: '5', host, services: [], servers: [], filters: [],
	});
	const onlyRelationships = normalizeSession({id: '5', relationships: {services: {data: [{id: 'svc'}]}, filters: {data: [{id: 'f1'}, {id: 'f2'}]}}}, host, now);
	assert.deepEqual(onlyRelationships?.services, ['svc']);
	assert.deepEqual(onlyRelationships?.filters, ['f1', 'f2']);
});

test('wrong JSON types are dropped, never kept or crashed on', () => {
	const session = normalizeSession({
		id: '7',
		attributes: {
			state: 5,
			user: ['x'],
			remote: null,
			port: '3306',
			idle: NaN,
			seconds_alive: 'long',
			memory: {total: '1 MB', connection_buffers: 'x'},
			io_activity: true,
			thread: {},
			client: {cipher: 1, connection_attributes: {_client_name: 42, program_name: 'mysql', _pid: 12}},
			parameters: {log_info: 'yes', log_error: true},
			connections: [null, 'server1', {server: 3}, {server: 'ok', connection_id: 'x'}],
			queries: [null, {statement: 1, received: 'never', responses: [{server: 's', duration: 'slow'}, 7]}],
			log: ['line', 3, null],
		},
		relationships: {services: {data: [{id: 1}, null, {id: 'svc'}]}, filters: {data: 'f'}},
	}, host, now);
	assert.deepEqual(session, {
		id: '7',
		host,
		services: ['svc'],
		servers: ['ok'],
		filters: [],
		appName: 'mysql',
		logLevels: {log_error: true},
		connections: [{server: 'ok'}],
		connectionAttributes: {program_name: 'mysql'},
		memory: {},
		queries: [{responses: [{server: 's'}]}],
		log: ['line'],
	});
	for (const value of Object.values(session)) {
		assert.notEqual(value, undefined);
	}
});

test('not a session: undefined', () => {
	for (const wire of [null, 'x', [], {}, {id: ''}, {id: {}}, {id: '1', type: 'services'}]) {
		assert.equal(normalizeSession(wire, host, now), undefined);
	}

	assert.equal(normalizeSession({id: 12}, host, now)?.id, '12');
});

test('idle is never longer than the age: clamped to seconds_alive, or to the age from connected', () => {
	const idle = (attributes: Record<string, unknown>) => {
		const session = normalizeSession({id: '1', attributes}, host, now, {timezoneOffsetMinutes: 0});
		return [session?.idleSeconds, session?.ageSeconds];
	};

	assert.deepEqual(idle({idle: 162.765, seconds_alive: 162.7}), [162.7, 162.7]);
	assert.deepEqual(idle({idle: 12.5, seconds_alive: 162.7}), [12.5, 162.7]);
	// 22.08: `connected` in whole seconds, the age from our clock.
	assert.deepEqual(idle({idle: 92.4, connected: 'Fri Jan  5 07:58:29 2024'}), [91, 91]);
	assert.deepEqual(idle({idle: 92.4}), [92.4, undefined]);
});

test('appName is program_name where the client sent one, else _client_name', () => {
	const app = (attributes: unknown) => normalizeSession({id: '1', attributes: {client: {connection_attributes: attributes}}}, host, now)?.appName;
	assert.equal(app({_client_name: 'pymysql', program_name: 'web-frontend'}), 'web-frontend');
	assert.equal(app({program_name: 'mysql', _client_name: 'libmariadb'}), 'mysql');
	assert.equal(app({_client_name: 'pymysql', program_name: ''}), 'pymysql');
	assert.equal(app({_client_name: 'pymysql', program_name: 7}), 'pymysql');
	assert.equal(app({program_name: 'report-cron'}), 'report-cron');
	assert.equal(app({_client_name: 'Node-MySQL-2'}), 'Node-MySQL-2');
	assert.equal(app({}), undefined);
});

test('appName from connection attributes; null attributes (handshake) leave it absent', () => {
	const named = normalizeSession({id: '1', attributes: {client: {cipher: '', connection_attributes: {_client_name: 'libmariadb'}}}}, host, now);
	assert.equal(named?.appName, 'libmariadb');
	assert.equal(named?.clientCipher, '');
	const pending = normalizeSession({id: '2', attributes: {state: 'Session created', client: {cipher: '', connection_attributes: null}}}, host, now);
	assert.equal('appName' in pending!, false);
	assert.equal('user' in pending!, false);
	assert.equal('connectionAttributes' in pending!, false);
});

test('queries and log in detail mode: times parsed, 22.08 trailing newlines removed', () => {
	const session = normalizeSession({
		id: '3', attributes: {
			queries: [
				{
					command: 'COM_QUERY', statement: 'SELECT 1', received: '2026-11-23T07:03:14.844', completed: '2026-11-23T07:03:14.900', responses: [{server: 'server1', duration: 0}],
				},
				{
					command: 'COM_QUERY', statement: 'SELECT SLEEP(86400)', received: '2026-11-23T07:03:14.844', responses: [],
				},
			],
			log: ['2026-11-23 07:03:14   info   : (26) Connected\n', 'no newline'],
			parameters: {
				log_info: true, log_notice: false, log_warning: false, log_error: false,
			},
		},
	}, host, now, {timezoneOffsetMinutes: 0});
	assert.deepEqual(session?.queries, [
		{
			statement: 'SELECT 1', command: 'COM_QUERY', receivedMs: Date.UTC(2026, 10, 23, 7, 3, 14, 844), completedMs: Date.UTC(2026, 10, 23, 7, 3, 14, 900), responses: [{server: 'server1', durationMs: 0}],
		},
		{
			statement: 'SELECT SLEEP(86400)', command: 'COM_QUERY', receivedMs: Date.UTC(2026, 10, 23, 7, 3, 14, 844), responses: [],
		},
	]);
	assert.deepEqual(session?.log, ['2026-11-23 07:03:14   info   : (26) Connected', 'no newline']);
	assert.deepEqual(session?.logLevels, {
		log_info: true, log_notice: false, log_warning: false, log_error: false,
	});
});

test('list mode skips the heavy detail fields unless asked', () => {
	const wire = {
		id: '1', attributes: {
			queries: [], log: [], connections: [{server: 's1', connection_id: 3}], client: {connection_attributes: {_client_name: 'a'}}, memory: {total: 1},
		},
	};
	const [lean] = normalizeSessionList({data: [wire]}, host, now);
	assert.deepEqual(lean, {
		id: '1', host, services: [], servers: ['s1'], filters: [], memoryBytes: 1, appName: 'a',
	});
	const [full] = normalizeSessionList({data: [wire]}, host, now, {detail: true});
	assert.deepEqual(full?.connections, [{server: 's1', connectionId: 3}]);
	assert.deepEqual(full?.connectionAttributes, {_client_name: 'a'});
});

test('list: bad bodies give no sessions, bad elements are skipped', () => {
	assert.deepEqual(normalizeSessionList(undefined, host, now), []);
	assert.deepEqual(normalizeSessionList({data: {}}, host, now), []);
	assert.deepEqual(normalizeSessionList({data: [null, {id: '4'}, {type: 'sessions'}]}, host, now).map(session => session.id), ['4']);
});

test('a generated list of 50,000 sessions keeps every id and shares parsed connected times', () => {
	const data = Array.from({length: 50_000}, (_, index) => ({
		id: String(index + 1),
		type: 'sessions',
		attributes: {
			user: `u${index % 7}`,
			connected: `Fri, 05 Jan 2024 07:${String(index % 60).padStart(2, '0')}:00 GMT`,
			idle: index / 10,
			memory: {total: index * 3, connection_buffers: {total: index}},
			connections: [{server: `server${index % 3}`, connection_id: index}],
		},
		relationships: {services: {data: [{id: 'svc', type: 'services'}]}},
	}));
	const sessions = normalizeSessionList({data}, host, now);
	assert.equal(sessions.length, 50_000);
	assert.equal(new Set(sessions.map(session => session.id)).size, 50_000);
	const last = sessions.at(-1)!;
	assert.equal(last.memoryBytes, 149_997);
	assert.equal(last.connectedMs, Date.UTC(2024, 0, 5, 7, 19, 0));
	assert.equal(last.ageSeconds, 2460);
	assert.deepEqual(last.servers, ['server1']);
});

test('the sessions of one list share one frozen copy of each text, name list and log-level set', () => {
	const wire = (id: number, user: string, services: string[]) => ({
		id: String(id),
		type: 'sessions',
		attributes: {
			user, state: 'Session started', remote: '10.0.0.9', parameters: {log_info: id === 3, log_notice: false},
		},
		relationships: {services: {data: services.map(service => ({id: service, type: 'services'}))}},
	});
	const [first, second, third] = normalizeSessionList({data: [wire(1, 'app', ['RW', 'RO']), wire(2, 'app', ['RW', 'RO']), wire(3, 'batch', ['RW'])]}, host, now);
	assert.ok(first && second && third);
	assert.equal(first.services, second.services);
	assert.ok(Object.isFrozen(first.services));
	assert.equal(first.logLevels, second.logLevels);
	assert.ok(Object.isFrozen(first.logLevels));
	assert.deepEqual([third.user, third.services, third.logLevels], ['batch', ['RW'], {log_info: true, log_notice: false}]);
	assert.notEqual(third.logLevels, first.logLevels);
	// Across two reads of a list nothing is shared: each list is its own.
	const [again] = normalizeSessionList({data: [wire(1, 'app', ['RW', 'RO'])]}, host, now);
	assert.notEqual(again!.services, first.services);
	assert.deepEqual(again, first);
});

test('a text that looks like the key of a shared name list or time is read as the text it is', () => {
	const text = '\u{0}services\u{0}RW';
	const connected = 'Fri, 05 Jan 2024 07:00:00 GMT';
	const sessions = normalizeSessionList({
		data: [
			{id: '1', type: 'sessions', relationships: {services: {data: [{id: 'RW', type: 'services'}]}}},
			{id: '2', type: 'sessions', attributes: {user: text}},
			{id: '3', type: 'sessions', attributes: {user: `\u{1}${connected}`, connected}},
			{id: '4', type: 'sessions', attributes: {connected, user: `\u{1}${connected}`}},
		],
	}, host, now, {});
	assert.deepEqual(sessions.map(session => [session.services, session.user]).slice(0, 2), [[['RW'], undefined], [[], text]]);
	assert.deepEqual(sessions.slice(2).map(session => [session.user, session.connectedMs]), [
		[`\u{1}${connected}`, Date.UTC(2024, 0, 5, 7, 0, 0)],
		[`\u{1}${connected}`, Date.UTC(2024, 0, 5, 7, 0, 0)],
	]);
});
