// Copied from real 24.02.3 and 22.08.14 `GET /v1/services` (fixtures/maxscale-*/services.json).
export const readwritesplitParameters2402: Record<string, unknown> = {
	auth_all_servers: false,
	causal_reads: 'none',
	causal_reads_timeout: '10000ms',
	connection_keepalive: '300000ms',
	delayed_retry: false,
	delayed_retry_timeout: '10000ms',
	disable_sescmd_history: false,
	enable_root_user: false,
	force_connection_keepalive: false,
	idle_session_pool_time: '-1ms',
	lazy_connect: true,
	localhost_match_wildcard_host: true,
	log_auth_warnings: true,
	log_debug: false,
	log_info: false,
	log_notice: false,
	log_warning: false,
	master_accept_reads: false,
	master_failure_mode: 'fail_on_write',
	master_reconnection: true,
	max_connections: 0,
	max_replication_lag: '0ms',
	max_sescmd_history: 50,
	max_slave_connections: 255,
	multiplex_timeout: '60000ms',
	net_write_timeout: '0ms',
	optimistic_trx: false,
	password: '*****',
	prune_sescmd_history: true,
	rank: 'primary',
	retain_last_statements: -1,
	retry_failed_reads: true,
	reuse_prepared_statements: false,
	router: 'readwritesplit',
	session_trace: false,
	slave_connections: 255,
	slave_selection_criteria: 'least_current_operations',
	strict_multi_stmt: false,
	strict_sp_calls: false,
	strict_tmp_tables: true,
	strip_db_esc: true,
	transaction_replay: false,
	transaction_replay_attempts: 5,
	transaction_replay_checksum: 'full',
	transaction_replay_max_size: 1_048_576,
	transaction_replay_retry_on_deadlock: false,
	transaction_replay_retry_on_mismatch: false,
	transaction_replay_safe_commit: true,
	transaction_replay_timeout: '30000ms',
	type: 'service',
	use_sql_variables_in: 'all',
	user: 'maxuser',
	user_accounts_file: null,
	user_accounts_file_usage: 'add_when_load_ok',
	version_string: null,
	wait_timeout: '0ms',
};

export const readwritesplitParametersOnly2208: Record<string, unknown> = {
	connection_timeout: '0ms',
	max_slave_replication_lag: '0ms',
	session_track_trx_state: false,
};

export const readwritesplitParametersNewIn2302: readonly string[] = ['max_replication_lag', 'strict_tmp_tables', 'transaction_replay_safe_commit', 'wait_timeout'];

// readconnroute shares readwritesplit's common service parameters, with its own few.
const readconnrouteOwn: Record<string, unknown> = {master_accept_reads: true, router: 'readconnroute', router_options: 'master'};
const readconnrouteKeys = new Set(['auth_all_servers', 'connection_keepalive', 'disable_sescmd_history', 'enable_root_user', 'force_connection_keepalive', 'idle_session_pool_time', 'localhost_match_wildcard_host', 'log_auth_warnings', 'log_debug', 'log_info', 'log_notice', 'log_warning', 'max_connections', 'max_replication_lag', 'max_sescmd_history', 'multiplex_timeout', 'net_write_timeout', 'password', 'prune_sescmd_history', 'rank', 'retain_last_statements', 'session_trace', 'strip_db_esc', 'type', 'user', 'user_accounts_file', 'user_accounts_file_usage', 'version_string', 'wait_timeout']);
export const readconnrouteParameters2402: Record<string, unknown> = Object.fromEntries(Object.entries({...readwritesplitParameters2402, ...readconnrouteOwn})
	.filter(([key]) => readconnrouteKeys.has(key) || key in readconnrouteOwn)
	.sort(([a], [b]) => (a < b ? -1 : 1)));

export const readconnrouteParametersOnly2208: Record<string, unknown> = {
	connection_timeout: '0ms',
	session_track_trx_state: false,
};

export const readconnrouteParametersNewIn2302: readonly string[] = ['wait_timeout'];

export const listenerParametersNewIn2302: readonly string[] = ['connection_metadata', 'proxy_protocol_networks'];

// Alike but for who they are: the users of the 24.02.3 capture.
const serviceUser = (user: string, host: string, isSuper = false, plugin = 'mysql_native_password'): Record<string, unknown> => ({
	default_role: '', global_priv: isSuper, host, plugin, proxy_priv: false, ssl: false, super_priv: isSuper, user,
});

export const serviceUsers: ReadonlyArray<Record<string, unknown>> = [
	serviceUser('PUBLIC', '', false, ''),
	serviceUser('appuser', '127.0.0.1'),
	serviceUser('appuser', '%'),
	serviceUser('mariadb.sys', 'localhost'),
	serviceUser('maxuser', '127.0.0.1'),
	serviceUser('maxuser', 'localhost'),
	serviceUser('mysql', 'localhost', true),
	serviceUser('reporter', '%'),
	serviceUser('root', 'localhost', true),
];
