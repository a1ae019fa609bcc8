import type { DroppedEvent, EmulatorMetrics, InspectResult } from '../types.js';

export interface Summary {
  metrics: EmulatorMetrics;
  inspect: InspectResult;
  keys: number;
  events: number;
  wallMs: number;
}

/** Plain-text report of one CLI run. */
export function formatSummary(s: Summary): string {
  const m = s.metrics;
  const rows: Array<[string, string | number]> = [
    ['product events fired', s.events],
    ['clock time to drain', `${(m.virtualMs / 1000).toFixed(1)} s`],
    ['wall time', `${s.wallMs.toFixed(0)} ms`],
    ['invocations', m.invocations],
    ['GB-seconds', m.gbSeconds.toFixed(3)],
    ['pushes / events pushed', `${m.pushes} / ${m.eventsPushed}`],
    ['events delivered', m.eventsDelivered],
    ['retries', m.retries],
    ['events dropped', m.eventsDropped],
    ['KVS requests', m.kvsRequests],
    ['KVS read / write units', `${m.kvsReadUnits} / ${m.kvsWriteUnits}`],
    ['KVS bytes read / written', `${m.kvsBytesRead} / ${m.kvsBytesWritten}`],
    ['429 answers', m.rateLimited],
    ['keys stored', s.keys],
    ['left queued/delayed/retrying', `${s.inspect.queued}/${s.inspect.delayed}/${s.inspect.retrying}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`);
  lines.push(...formatDrops(s.inspect.dropped));
  return `${lines.join('\n')}\n`;
}

/** Drops shown beside their causes: per reason, then each distinct last error with its count. */
export const MAX_DROP_CAUSES = 10;

export function formatDrops(dropped: readonly DroppedEvent[]): string[] {
  if (dropped.length === 0) return [];
  const reasons = new Map<string, number>();
  const causes = new Map<string, { n: number; example: DroppedEvent }>();
  for (const d of dropped) {
    reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
    const where = d.queueName === undefined ? `${d.kind} ${d.functionKey}` : `${d.kind} ${d.functionKey} (queue ${d.queueName})`;
    const cause = `${where}, ${d.reason} after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: ${d.lastError ?? 'no error recorded'}`;
    const c = causes.get(cause);
    if (c === undefined) causes.set(cause, { n: 1, example: d });
    else c.n++;
  }
  const lines = [`dropped by reason: ${[...reasons].map(([r, n]) => `${r}=${n}`).join(', ')}`, 'dropped events and the errors behind them:'];
  const sorted = [...causes].sort((a, b) => b[1].n - a[1].n);
  for (const [cause, { n, example }] of sorted.slice(0, MAX_DROP_CAUSES)) lines.push(`  ${n} x ${cause} (e.g. event ${example.eventId})`);
  if (sorted.length > MAX_DROP_CAUSES) lines.push(`  ... ${sorted.length - MAX_DROP_CAUSES} more distinct causes (emulator.inspect().dropped has them all)`);
  return lines;
}
