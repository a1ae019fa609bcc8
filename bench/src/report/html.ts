import type { RunResult } from '../model/result.js';
import { gauge, perMinute, type Sample } from '../model/timeline.js';
import { escapeHtml } from './escape.js';
import { svgChart, type Series } from './svgChart.js';
import { formatDuration, formatNumber } from './table.js';

export interface ReportApp {
  name: string;
  result: RunResult;
  samples: readonly Sample[];
}

export interface ReportInput {
  title: string;
  generatedAt: Date;
  parameters: Record<string, string>;
  apps: readonly ReportApp[];
  writeUnitsQuota: number;
}

const COLORS = ['#1f6feb', '#d97706', '#16a34a', '#9333ea'];

const SUMMARY_ROWS: ReadonlyArray<[string, (r: RunResult) => string]> = [
  ['writes requested', (r) => formatNumber(r.requested)],
  ['applied', (r) => formatNumber(r.applied)],
  ['dead-lettered', (r) => formatNumber(r.deadLettered)],
  ['lost', (r) => formatNumber(r.lost)],
  ['stale keys', (r) => formatNumber(r.staleKeys)],
  ['KVS requests', (r) => formatNumber(r.kvsRequests)],
  ['KVS 10 KB units (read + write)', (r) => `${formatNumber(r.kvsUnits)} (${formatNumber(r.kvsReadUnits)} + ${formatNumber(r.kvsWriteUnits)})`],
  ['pushes (events)', (r) => `${formatNumber(r.pushes)} (${formatNumber(r.eventsPushed)})`],
  ['invocations', (r) => formatNumber(r.invocations)],
  ['GB-seconds', (r) => formatNumber(r.gbSeconds, 2)],
  ['retries', (r) => formatNumber(r.retries)],
  ['429 answers', (r) => formatNumber(r.rateLimited)],
  ['virtual time to drain', (r) => formatDuration(r.drainMs)],
  ['lower bound (x)', (r) => `${formatDuration(r.lowerBoundMs)} (${formatNumber(r.drainRatio, 2)}x)`],
  ['peak write units / minute', (r) => `${formatNumber(r.peakWriteUnitsPerMinute)} of ${formatNumber(r.writeUnitsQuota)}`],
  ['wall time', (r) => formatDuration(r.wallMs)],
];

function summaryTable(apps: readonly ReportApp[]): string {
  const head = `<tr><th></th>${apps.map((app) => `<th>${escapeHtml(app.name)}</th>`).join('')}</tr>`;
  const rows = SUMMARY_ROWS.map(
    ([label, cell]) => `<tr><th>${escapeHtml(label)}</th>${apps.map((app) => `<td>${escapeHtml(cell(app.result))}</td>`).join('')}</tr>`,
  );
  return `<table class="summary">${head}${rows.join('')}</table>`;
}

function charts(input: ReportInput): string[] {
  const each = (build: (app: ReportApp) => Omit<Series, 'name' | 'color'>): Series[] =>
    input.apps.map((app, index) => ({ name: app.name, color: COLORS[index % COLORS.length] ?? '#000', ...build(app) }));
  const minutes = 'virtual time (minutes)';
  return [
    svgChart({ title: 'Queue depth (events queued, delayed, retrying, in flight)', xLabel: minutes, yLabel: 'events', series: each((app) => ({ points: gauge(app.samples, 'queueDepth') })) }),
    svgChart({
      title: 'KVS write units per minute against the quota',
      xLabel: 'minute',
      yLabel: '10 KB units',
      series: each((app) => ({ points: perMinute(app.samples, 'kvsWriteUnits'), style: 'bars' })),
      limits: [{ y: input.writeUnitsQuota, label: `quota ${formatNumber(input.writeUnitsQuota)}/min` }],
    }),
    svgChart({ title: 'Retries per minute', xLabel: 'minute', yLabel: 'retries', series: each((app) => ({ points: perMinute(app.samples, 'retries'), style: 'bars' })) }),
    svgChart({ title: 'Pending writes (requested, not yet in KVS)', xLabel: minutes, yLabel: 'writes', series: each((app) => ({ points: gauge(app.samples, 'pendingWrites') })) }),
  ];
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:960px}
table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
th:first-child{text-align:left}.params td{text-align:left}figure{margin:16px 0}svg.chart{background:#fafafa;border:1px solid #eee}`;

/** One self-contained HTML file: inline CSS and SVG, no scripts or network resources. */
export function renderHtmlReport(input: ReportInput): string {
  const params = Object.entries(input.parameters)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const notes = input.apps.flatMap((app) => app.result.notes.map((note) => `<li>${escapeHtml(`${app.name}: ${note}`)}</li>`));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(input.title)}</h1>
<p>Generated ${escapeHtml(input.generatedAt.toISOString())}. All times are on the emulator's virtual clock unless marked wall.</p>
<h2>Parameters</h2><table class="params">${params}</table>
<h2>Summary</h2>${summaryTable(input.apps)}
${notes.length > 0 ? `<h2>Notes</h2><ul>${notes.join('')}</ul>` : ''}
<h2>Charts</h2>${charts(input).map((chart) => `<figure>${chart}</figure>`).join('\n')}
</body></html>
`;
}
