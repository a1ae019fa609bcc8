import type { RunResult } from '../model/result.js';
import type { TargetCheck } from '../targets.js';
import { type Column, formatDuration, formatNumber, formatTable } from './table.js';

const RESULT_COLUMNS: ReadonlyArray<Column<RunResult>> = [
  { header: 'scenario', cell: (r) => r.scenario, align: 'left' },
  { header: 'window', cell: (r) => r.window, align: 'left' },
  { header: 'strategy', cell: (r) => r.strategy, align: 'left' },
  { header: 'drain', cell: (r) => formatDuration(r.drainMs) },
  { header: 'LB', cell: (r) => formatDuration(r.lowerBoundMs) },
  { header: 'xLB', cell: (r) => formatNumber(r.drainRatio, 2) },
  { header: 'kvs req', cell: (r) => formatNumber(r.kvsRequests) },
  { header: '429/w', cell: (r) => formatNumber(r.rateLimited / Math.max(1, r.applied), 3) },
  { header: 'units', cell: (r) => formatNumber(r.kvsUnits) },
  { header: 'max u/min', cell: (r) => formatNumber(r.peakWriteUnitsPerMinute) },
  { header: 'pushes', cell: (r) => formatNumber(r.pushes) },
  { header: 'invoc', cell: (r) => formatNumber(r.invocations) },
  { header: 'GB-s', cell: (r) => formatNumber(r.gbSeconds, 1) },
  { header: 'retries', cell: (r) => formatNumber(r.retries) },
  { header: 'writes', cell: (r) => formatNumber(r.requested) },
  { header: 'lost', cell: (r) => formatNumber(r.lost) },
  { header: 'stale', cell: (r) => formatNumber(r.staleKeys) },
  { header: 'DL', cell: (r) => formatNumber(r.deadLettered) },
  { header: 'wall', cell: (r) => formatDuration(r.wallMs) },
  { header: 'RSS MB', cell: (r) => formatNumber(r.peakRssMb) },
];

const TARGET_COLUMNS: ReadonlyArray<Column<TargetCheck>> = [
  { header: 'scenario', cell: (t) => t.scenario, align: 'left' },
  { header: 'window', cell: (t) => t.window, align: 'left' },
  { header: 'target (library)', cell: (t) => t.target, align: 'left' },
  { header: 'value', cell: (t) => formatNumber(t.value, Number.isInteger(t.value) ? 0 : 3) },
  { header: 'limit', cell: (t) => formatNumber(t.limit, Number.isInteger(t.limit) ? 0 : 3) },
  { header: 'result', cell: (t) => (t.pass ? 'PASS' : 'MISS'), align: 'left' },
];

export function formatResults(results: readonly RunResult[]): string {
  return formatTable(RESULT_COLUMNS, results);
}

/** Call kinds in a stable order (KVS reads, KVS writes, pushes, invocations); unknown ones after. */
const CALL_ORDER = ['get', 'query', 'batchGet', 'set', 'delete', 'batchSet', 'batchDelete', 'transaction', 'secret', 'entity', 'push', 'invocation'];

/** The kinds refused in any of `results`, in CALL_ORDER. */
export function refusedCalls(results: readonly RunResult[]): string[] {
  const seen = new Set(results.flatMap((r) => Object.keys(r.rateLimitedByCall)));
  return [...CALL_ORDER.filter((c) => seen.has(c)), ...[...seen].filter((c) => !CALL_ORDER.includes(c)).sort()];
}

/** Wasted calls per applied write, one column per call kind that was refused anywhere. */
export function formatRateLimitedByCall(results: readonly RunResult[]): string {
  const columns: Array<Column<RunResult>> = [
    { header: 'scenario', cell: (r) => r.scenario, align: 'left' },
    { header: 'window', cell: (r) => r.window, align: 'left' },
    { header: 'strategy', cell: (r) => r.strategy, align: 'left' },
    ...refusedCalls(results).map((call): Column<RunResult> => ({ header: call, cell: (r) => formatNumber((r.rateLimitedByCall[call] ?? 0) / Math.max(1, r.applied), 3) })),
  ];
  return formatTable(columns, results);
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return formatTable(TARGET_COLUMNS, checks);
}
