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
	histograms,
	isServed,
	type Family,
} from './families.js';
import type {HostView} from './host-view.js';

type AnyRegistry = Registry<RegistryContentType>;

export type Metrics = {
	text: AnyRegistry;
	openMetrics: AnyRegistry;
	/** Called with each list: the histograms are the one thing not computed at scrape time. */
	observeSessions(host: string, sessions: readonly Session[]): void;
	forgetSessions(host: string): void;
};

/**
A registry per exposition format, each with its own counters and gauges, as prom-client renames a
counter for OpenMetrics in place (`_total` dropped from the family name). Histograms are shared.
*/
export function createMetrics(views: () => Iterable<HostView>): Metrics {
	const text = new Registry<RegistryContentType>();
	const openMetrics = new Registry<RegistryContentType>();
	openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
	for (const registry of [text, openMetrics]) {
		for (const family of families) {
			registry.registerMetric(metric(family, views));
		}
	}

	const byField = histograms.map(family => ({
		field: family.field,
		histogram: new Histogram({
			name: family.name, help: family.help, labelNames: ['host'], buckets: family.buckets, registers: [text, openMetrics],
		}),
	}));
	for (const registry of [text, openMetrics]) {
		collectDefaultMetrics({register: registry});
		// Gauges named like counters: `promtool check metrics` refuses them.
		for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
			registry.removeSingleMetric(name);
		}
	}

	return {
		text,
		openMetrics,
		observeSessions(host, sessions) {
			for (const {field, histogram} of byField) {
				histogram.remove({host});
				const child = histogram.labels({host});
				for (const session of sessions) {
					const value = session[field];
					if (value !== undefined) {
						child.observe(value);
					}
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
function metric(family: Family, views: () => Iterable<HostView>): Counter | Gauge {
	const fill = (set: (labels: Record<string, string>, value: number) => void) => {
		for (const view of views()) {
			for (const sample of isServed(family, view) ? family.samples(view) : []) {
				set(sample.labels, sample.value);
			}
		}
	};

	const options = {
		name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [],
	};
	return family.type === 'counter'
		? new Counter({
			...options,
			collect() {
				this.reset();
				fill((labels, value) => {
					this.inc(labels, value);
				});
			},
		})
		: new Gauge({
			...options,
			collect() {
				this.reset();
				fill((labels, value) => {
					this.set(labels, value);
				});
			},
		});
}
