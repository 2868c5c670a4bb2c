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

type AnyRegistry = Registry<RegistryContentType>;

export type Metrics = {
	text: AnyRegistry;
	openMetrics: AnyRegistry;
	/**
	Called with each list: the histograms are the one thing not computed at scrape time.
	*/
	observeSessions(host: string, sessions: readonly Session[]): void;
	forgetSessions(host: string): void;
};

/**
A registry per exposition format. Gauges and histograms are shared; counters are not, as
prom-client renames a counter for OpenMetrics in place (`_total` dropped from the family name).
*/
export function createMetrics(views: () => Iterable<HostView>): Metrics {
	const text = new Registry<RegistryContentType>();
	const openMetrics = new Registry<RegistryContentType>();
	openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
	for (const family of families) {
		if (family.type === 'counter') {
			for (const registry of [text, openMetrics]) {
				registry.registerMetric(counter(family, views));
			}
		} else {
			const gauge = new Gauge({
				...common(family),
				collect() {
					this.reset();
					fill(family, views, (labels, value) => {
						this.set(labels, value);
					});
				},
			});
			text.registerMetric(gauge);
			openMetrics.registerMetric(gauge);
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
				for (const value of histogramValues(sessions, field)) {
					child.observe(value);
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

const common = (family: Family) => ({
	name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [],
});

// Every scrape starts from nothing, so a user who left the top N or a host that went down leaves no stale series.
function fill(family: Family, views: () => Iterable<HostView>, set: (labels: Record<string, string>, value: number) => void): void {
	for (const view of views()) {
		for (const sample of isServed(family, view) ? family.samples(view) : []) {
			set(sample.labels, sample.value);
		}
	}
}

function counter(family: Family, views: () => Iterable<HostView>): Counter {
	return new Counter({
		...common(family),
		collect() {
			this.reset();
			fill(family, views, (labels, value) => {
				this.inc(labels, value);
			});
		},
	});
}
