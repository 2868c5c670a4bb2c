import {readFileSync} from 'node:fs';

type Dashboard = {panels: Array<{targets?: Array<{expr: string}>}>};

export const dashboardPath = new URL('../../docs/grafana-dashboard.json', import.meta.url);

/**
Every query of the dashboard, as Grafana sends it once its variables are filled in: all jobs,
all hosts, and `window` for `$__rate_interval`.
*/
export function dashboardQueries(dashboard: Dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard, window = '1m'): string[] {
	return dashboard.panels.flatMap(panel => panel.targets ?? []).map(target => target.expr
		.replaceAll('$__rate_interval', () => window)
		.replaceAll('$host', '.*')
		.replaceAll('$job', '.*'));
}
