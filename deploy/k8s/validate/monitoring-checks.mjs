// Checks of the monitoring component (deploy/k8s/monitoring) in rendered manifests:
//  - every PrometheusRule alert has a PromQL expression that parses (the Prometheus project's own grammar,
//    @prometheus-io/lezer-promql), a severity and a summary, and names only meters of meters.txt;
//  - every Grafana dashboard ConfigMap (label grafana_dashboard) holds well-formed JSON whose every panel has queries
//    that parse and name only meters of meters.txt;
//  - a PodMonitor scrapes the services' management port.
// meters.txt lists what the services expose (their MetricsTest asserts it on /q/metrics) and Prometheus's own up.
// Usage: node monitoring-checks.mjs <meters.txt> <manifest.yaml>...   (exit 1 on any problem)
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { parser } from '@prometheus-io/lezer-promql';

const [metersFile, ...files] = process.argv.slice(2);
const meters = new Set(readFileSync(metersFile, 'utf8').split('\n').map(l => l.replace(/#.*/, '').trim()).filter(Boolean)
  .map(l => l.split(/\s+/)[0]));
const problems = [];

/** The metric names a PromQL expression selects; a syntax error is a problem. */
function check(where, expr) {
  if (typeof expr !== 'string' || !expr.trim()) { problems.push(`${where}: no expression`); return; }
  const tree = parser.parse(expr);
  const names = [];
  let error = false;
  tree.iterate({
    enter: n => {
      if (n.type.isError) error = true;
      if (n.name === 'VectorSelector') {
        const id = n.node.getChild('Identifier');
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  if (error) problems.push(`${where}: PromQL does not parse: ${expr}`);
  if (!names.length) problems.push(`${where}: selects no meter: ${expr}`);
  for (const name of names.filter(n => !meters.has(n))) problems.push(`${where}: ${name} is not a meter of meters.txt (no service exposes it)`);
}

for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
  const rules = docs.filter(d => d.kind === 'PrometheusRule');
  const dashboards = docs.filter(d => d.kind === 'ConfigMap' && d.metadata?.labels?.grafana_dashboard);
  if (!rules.length) problems.push(`${file}: no PrometheusRule`);
  if (!dashboards.length) problems.push(`${file}: no Grafana dashboard ConfigMap (label grafana_dashboard)`);
  const alerts = new Set();
  for (const r of rules) {
    for (const group of r.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        const where = `${file}: PrometheusRule/${r.metadata.name} ${rule.alert ?? rule.record}`;
        if (rule.alert) {
          if (alerts.has(rule.alert)) problems.push(`${where}: alert defined twice`);
          alerts.add(rule.alert);
          if (!['critical', 'warning', 'info'].includes(rule.labels?.severity)) problems.push(`${where}: labels.severity must be critical, warning or info`);
          if (!rule.annotations?.summary) problems.push(`${where}: annotations.summary is required`);
        }
        check(where, rule.expr);
      }
    }
  }
  for (const cm of dashboards) {
    for (const [key, text] of Object.entries(cm.data ?? {})) {
      const where = `${file}: ConfigMap/${cm.metadata.name} ${key}`;
      let dashboard;
      try { dashboard = JSON.parse(text); } catch (e) { problems.push(`${where}: not JSON: ${e.message}`); continue; }
      if (!dashboard.uid || !dashboard.title || !Array.isArray(dashboard.panels) || !dashboard.panels.length) {
        problems.push(`${where}: a dashboard needs uid, title and panels`);
        continue;
      }
      const panels = dashboard.panels.flatMap(p => p.type === 'row' ? (p.panels ?? []) : [p]);
      for (const p of panels) {
        if (!p.targets?.length) problems.push(`${where}: panel « ${p.title} » has no query`);
        for (const t of p.targets ?? []) check(`${where}: panel « ${p.title} » ${t.refId}`, t.expr);
      }
    }
  }
  const monitors = docs.filter(d => d.kind === 'PodMonitor');
  if (!monitors.some(m => m.spec?.selector?.matchLabels?.['app.kubernetes.io/component'] === 'service'
      && m.spec.podMetricsEndpoints?.some(e => e.port === 'management' && e.path === '/q/metrics'))) {
    problems.push(`${file}: no PodMonitor scraping the services' /q/metrics on their management port`);
  }
}

if (problems.length) {
  console.error(problems.map(p => `INVALID ${p}`).join('\n'));
  process.exit(1);
}
console.log(`monitoring valid in ${files.join(', ')} (${meters.size} meters)`);
