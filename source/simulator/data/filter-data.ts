// Copied from real 24.02.3 and 22.08.14 `GET /v1/filters` (fixtures/maxscale-*/filters.json).
export const qlaFilterParameters2402: Record<string, unknown> = {
	append: true,
	duration_unit: 'ms',
	exclude: null,
	filebase: '/var/log/maxscale/qla',
	flush: true,
	log_data: 'date,user,query',
	log_type: 'unified',
	match: null,
	module: 'qlafilter',
	newline_replacement: ' ',
	options: '',
	separator: ',',
	source: null,
	source_exclude: null,
	source_match: null,
	use_canonical_form: false,
	user: null,
	user_exclude: null,
	user_match: null,
};

export const qlaFilterParametersNewIn2302: readonly string[] = ['source_exclude', 'source_match', 'user_exclude', 'user_match'];

export const cacheFilterParameters: Record<string, unknown> = {
	cache_in_transactions: 'all_transactions',
	cached_data: 'thread_specific',
	clear_cache_on_parse_errors: true,
	debug: 0,
	enabled: true,
	hard_ttl: '60000ms',
	invalidate: 'never',
	max_count: 0,
	max_resultset_rows: 0,
	max_resultset_size: 0,
	max_size: 0,
	module: 'cache',
	rules: null,
	selects: 'assume_cacheable',
	soft_ttl: '30000ms',
	storage: 'storage_inmemory',
	storage_options: null,
	timeout: '5000ms',
	users: 'mixed',
};

const zeros = (names: string): Record<string, number> => Object.fromEntries(names.split(' ').map(name => [name, 0]));

export const cacheThreadDiagnostics: Record<string, unknown> = {
	storage: {lru: zeros('cleared deletes evictions hits invalidations items misses size updates'), real_storage: zeros('deletes hits items misses size updates')},
};
