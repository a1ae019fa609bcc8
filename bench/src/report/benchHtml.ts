import type { RunResult } from '../model/result.js';
import type { Point } from '../model/timeline.js';
import type { TargetCheck } from '../targets.js';
import { escapeHtml } from './escape.js';
import { svgChart, type Series } from './svgChart.js';
import { formatDuration, formatNumber } from './table.js';

/** What `pnpm bench` writes to results.json, as far as the report reads it. */
export interface BenchReportInput {
  generatedAt: string;
  command: string;
  results: readonly RunResult[];
  checks: readonly TargetCheck[];
  /** The printed tables (results, 429s by call kind, targets), shown as text. */
  text: string;
}

const STRATEGIES: ReadonlyArray<{ strategy: string; name: string; color: string }> = [
  { strategy: 'baseline', name: "guide's handler", color: '#d97706' },
  { strategy: 'library', name: 'queued-storage', color: '#1f6feb' },
];

const SUMMARY: ReadonlyArray<[string, (r: RunResult) => string]> = [
  ['drain (x lower bound)', (r) => `${formatDuration(r.drainMs)} (${formatNumber(r.drainRatio, 2)}x)`],
  ['writes applied / lost / dead-lettered', (r) => `${formatNumber(r.applied)} / ${formatNumber(r.lost)} / ${formatNumber(r.deadLettered)}`],
  ['KVS units per applied write', (r) => formatNumber(r.kvsUnits / Math.max(1, r.applied), 3)],
  ['429s per applied write', (r) => formatNumber(r.rateLimited / Math.max(1, r.applied), 3)],
  ['GB-seconds', (r) => formatNumber(r.gbSeconds, 1)],
];

function section(scenario: string, window: string, runs: ReadonlyArray<{ name: string; color: string; result: RunResult }>): string {
  const series = (points: (r: RunResult) => Point[], style?: 'bars'): Series[] =>
    runs.map((run) => ({ name: run.name, color: run.color, points: points(run.result), ...(style === undefined ? {} : { style }) }));
  const quota = Math.max(0, ...runs.map((run) => run.result.writeUnitsQuota));
  const label = `${scenario}, ${window} windows`;
  const charts = [
    svgChart({
      title: `${label}: drain (writes pending at each minute's end)`,
      xLabel: 'virtual time (minutes)',
      yLabel: 'writes pending',
      series: series((r) => [{ x: 0, y: 0 }, ...r.minutes.map((m, i) => ({ x: i + 1, y: m.pendingWrites }))]),
    }),
    svgChart({
      title: `${label}: KVS write units per minute against the quota`,
      xLabel: 'minute',
      yLabel: '10 KB units',
      series: series((r) => r.minutes.map((m, i) => ({ x: i, y: m.writeUnits })), 'bars'),
      limits: [{ y: quota, label: `quota ${formatNumber(quota)}/min` }],
    }),
    svgChart({
      title: `${label}: 429s per minute`,
      xLabel: 'minute',
      yLabel: '429 answers',
      series: series((r) => r.minutes.map((m, i) => ({ x: i, y: m.rateLimited })), 'bars'),
    }),
  ];
  const head = `<tr><th></th>${runs.map((run) => `<th>${escapeHtml(run.name)}</th>`).join('')}</tr>`;
  const rows = SUMMARY.map(([name, cell]) => `<tr><th>${escapeHtml(name)}</th>${runs.map((run) => `<td>${escapeHtml(cell(run.result))}</td>`).join('')}</tr>`).join('');
  return `<section class="scenario" data-scenario="${escapeHtml(scenario)}" data-window="${escapeHtml(window)}"><h2>${escapeHtml(label)}</h2>
<table class="summary">${head}${rows}</table>
${charts.map((chart) => `<figure>${chart}</figure>`).join('\n')}</section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
th:first-child{text-align:left}figure{margin:12px 0}svg.chart{background:#fafafa;border:1px solid #eee}
pre{font-size:11px;overflow-x:auto;background:#f6f6f6;padding:8px}`;

/**
 * The benchmark as one self-contained HTML file (inline CSS and SVG, no scripts, no network): per
 * scenario and window model, the guide's handler against the library: drain over time, write units
 * per minute against the quota, 429s per minute; then the printed tables.
 */
export function renderBenchHtml(input: BenchReportInput): string {
  const keys = [...new Set(input.results.map((r) => `${r.scenario}\u0000${r.window}`))];
  const sections = keys.map((key) => {
    const [scenario = '', window = ''] = key.split('\u0000');
    const runs = STRATEGIES.flatMap(({ strategy, name, color }) => {
      const result = input.results.find((r) => r.scenario === scenario && r.window === window && r.strategy === strategy);
      return result === undefined ? [] : [{ name, color, result }];
    });
    return section(scenario, window, runs);
  });
  const met = input.checks.filter((c) => c.pass).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Benchmark: the guide's handler against queued-storage</title><style>${STYLE}</style></head>
<body><h1>Benchmark: the guide's handler against queued-storage</h1>
<p>${escapeHtml(input.command)}, generated ${escapeHtml(input.generatedAt)}. Times are on the emulator's virtual clock. Targets met: ${met}/${input.checks.length}.</p>
${sections.join('\n')}
<h2>Tables</h2><pre>${escapeHtml(input.text)}</pre>
</body></html>
`;
}
