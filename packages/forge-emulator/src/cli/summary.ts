import type { EmulatorMetrics, InspectResult } from '../types.js';

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
  const reasons = new Map<string, number>();
  for (const d of s.inspect.dropped) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
  if (reasons.size > 0) lines.push(`dropped by reason: ${[...reasons].map(([r, n]) => `${r}=${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
