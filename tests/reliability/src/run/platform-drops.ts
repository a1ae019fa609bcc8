import type { Finding } from '../model/check.js';
import type { DroppedWrite, RunReport } from './runHistory.js';
import { markerOf } from './step.js';

/**
 * Diagnostics for lost writes: a finding whose newest write sat in an event the platform dropped
 * (retry cap or retention). Gap G1 of RELIABILITY.md was this; it is no longer excused (every lost
 * write fails), but the soak still counts these apart because they point at the consumer's
 * re-drive and dead-letter fallbacks.
 */
export function droppedByPlatform(finding: Finding, dropped: readonly DroppedWrite[]): boolean {
  return dropped.some(
    (d) =>
      d.installation === finding.installation &&
      d.key === finding.key &&
      finding.expected.some((v) => (v === undefined ? d.del : markerOf(v) === d.marker)),
  );
}

/** Lost writes whose newest write was inside an event the platform dropped, one line each. */
export function lostInDroppedEvents(report: RunReport): string[] {
  return report.beforeReplay.lost
    .filter((f) => droppedByPlatform(f, report.droppedWrites))
    .map((f) => `write dropped by the platform (retry cap or retention) before it was applied or dead-lettered: ${f.installation}/${f.key}`);
}
