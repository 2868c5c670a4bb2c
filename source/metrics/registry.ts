import {
	collectDefaultMetrics,
	Counter,
	Gauge,
	Histogram,
	Registry,
	type RegistryContentType,
} from 'prom-client';
import type {Session} from '../model/session.js';
import {
	families,
	histogramValues,
	histograms,
	isServed,
	type Family,
} from './families.js';
import type {HostView} from './host-view.js';

export type MetricsRegistry = {
	registry: Registry<RegistryContentType>;
	/**
	Called with each list: the histograms are the one thing not computed at scrape time.
	*/
	observeSessions(host: string, sessions: readonly Session[]): void;
	forgetSessions(host: string): void;
};

/**
One registry in one exposition format. prom-client renames a counter for OpenMetrics in place
(`_total` dropped from the family name), so the two formats cannot share metric objects: each
gets its own, fed from the same views.
*/
export function createMetricsRegistry(format: 'text' | 'openmetrics', views: () => Iterable<HostView>): MetricsRegistry {
	const registry = new Registry<RegistryContentType>();
	registry.setContentType(format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE);
	for (const family of families) {
		register(family, registry, views);
	}

	const byField = histograms.map(family => ({
		field: family.field,
		histogram: new Histogram({
			name: family.name, help: family.help, labelNames: ['host'], buckets: family.buckets, registers: [registry],
		}),
	}));
	collectDefaultMetrics({register: registry});
	// Gauges named like counters: `promtool check metrics` refuses them.
	for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
		registry.removeSingleMetric(name);
	}

	return {
		registry,
		observeSessions(host, sessions) {
			for (const {field, histogram} of byField) {
				histogram.remove({host});
				for (const value of histogramValues(sessions, field)) {
					histogram.observe({host}, value);
				}
			}
		},
		forgetSessions(host) {
			for (const {histogram} of byField) {
				histogram.remove({host});
			}
		},
	};
}

// Every scrape starts from nothing, so a user who left the top N or a host that went down leaves no stale series.
function register(family: Family, registry: Registry<RegistryContentType>, views: () => Iterable<HostView>): void {
	const fill = (set: (labels: Record<string, string>, value: number) => void) => {
		for (const view of views()) {
			for (const sample of isServed(family, view) ? family.samples(view) : []) {
				set(sample.labels, sample.value);
			}
		}
	};

	const common = {
		name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [],
	};
	registry.registerMetric(family.type === 'counter'
		? new Counter({
			...common,
			collect() {
				this.reset();
				fill((labels, value) => {
					this.inc(labels, value);
				});
			},
		})
		: new Gauge({
			...common,
			collect() {
				this.reset();
				fill((labels, value) => {
					this.set(labels, value);
				});
			},
		}));
}
