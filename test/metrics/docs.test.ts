import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {families, histograms} from '../../source/metrics/families.js';
import {dashboardQueries} from './dashboard.js';
import {prometheusTool} from './prometheus-tools.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const rules = path.join(docs, 'prometheus-alerts.yml');
// Grafana's syntax for the datasource variable, which a template literal would read as its own.
const datasourceVariable = ['$', '{datasource}'].join('');

test('the alert rule example passes promtool check rules, and fires for the app whose churn tripled, not for a steady one', t => {
	const promtool = prometheusTool('promtool');
	const checked = spawnSync(promtool, ['check', 'rules', rules], {encoding: 'utf8'});
	assert.equal(checked.status, 0, checked.stdout + checked.stderr);

	const directory = mkdtempSync(path.join(tmpdir(), 'maxtop-rules-'));
	t.after(() => {
		rmSync(directory, {recursive: true, force: true});
	});
	const series = (app: string) => `maxscale_app_sessions_opened_total{host="mx1:8989",app="${app}",job="maxtop"}`;
	writeFileSync(path.join(directory, 'test.yml'), [
		`rule_files: [${JSON.stringify(rules)}]`,
		'evaluation_interval: 1m',
		'tests:',
		'  - interval: 1m',
		'    input_series:',
		// One session a second for 70 minutes, then four a second.
		`      - series: '${series('batch-loader')}'`,
		'        values: \'0+60x70 4200+240x20\'',
		`      - series: '${series('web-frontend')}'`,
		'        values: \'0+60x90\'',
		'    alert_rule_test:',
		'      - eval_time: 72m',
		'        alertname: MaxScaleAppChurnSpike',
		'        exp_alerts: []',
		'      - eval_time: 81m',
		'        alertname: MaxScaleAppChurnSpike',
		'        exp_alerts:',
		'          - exp_labels: {host: "mx1:8989", app: batch-loader, severity: warning}',
		'            exp_annotations:',
		'              summary: Session churn of batch-loader on MaxScale mx1:8989 tripled',
		'              description: In maxtop -h mx1:8989, c opens the churn panel (who opens sessions) and g groups the sessions by app.',
		'',
	].join('\n'));
	const tested = spawnSync(promtool, ['test', 'rules', path.join(directory, 'test.yml')], {encoding: 'utf8'});
	assert.equal(tested.status, 0, tested.stdout + tested.stderr);
});

test('the Grafana dashboard asks only for metrics maxtop serves, through its datasource and host variables', () => {
	const served = new Set([
		...families.map(family => family.name),
		...histograms.flatMap(family => ['_bucket', '_sum', '_count'].map(suffix => family.name + suffix)),
	]);
	const dashboard = JSON.parse(readFileSync(path.join(docs, 'grafana-dashboard.json'), 'utf8')) as {panels: Array<{id: number; datasource?: {uid: string}; gridPos: {x: number; w: number}; targets?: Array<{expr: string}>}>; templating: {list: Array<{name: string}>}};
	const queries = dashboardQueries(dashboard);
	assert.ok(queries.length > 20);
	const used = new Set(queries.flatMap(query => query.match(/maxscale_\w+/gv) ?? []));
	assert.deepEqual([...used].filter(name => !served.has(name)), []);
	// Every family appears somewhere but the start time.
	assert.deepEqual(families.map(family => family.name).filter(name => !used.has(name)), ['maxscale_start_time_seconds']);
	assert.deepEqual(dashboard.templating.list.map(variable => variable.name), ['datasource', 'job', 'host']);
	assert.equal(new Set(dashboard.panels.map(panel => panel.id)).size, dashboard.panels.length);
	for (const panel of dashboard.panels) {
		assert.ok(panel.gridPos.x + panel.gridPos.w <= 24);
		assert.ok(panel.datasource === undefined || panel.datasource.uid === datasourceVariable);
	}
});
