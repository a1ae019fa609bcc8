import type { Finding } from '../model/check.js';
import type { DroppedWrite } from './runHistory.js';
import { markerOf } from './step.js';

/**
 * Library gaps this suite has found and reported, each with a regression test under test/gaps/.
 * A finding is attributed to a gap only on hard evidence; everything else fails the suite.
 * Set QS_STRICT=1 to fail on known gaps too.
 */
export const KNOWN_GAPS = {
  /**
   * G1: the platform drops an event the library could neither apply, re-drive nor dead-letter.
   * Last-retry form fixed in queued-storage ce060ff; retention form of seed 20261128 (a re-driven
   * event's first delivery planned its retry past a short retention window) fixed in 04b9d39. Still
   * seen in the soak (e.g. seed 40000068: 10-minute retention, push quota 1/min, no retry cap), so
   * still excused unless QS_STRICT=1.
   * Evidence: the finding's newest write sits in an event the platform dropped.
   */
  G1_LAST_RETRY_DROP: 'G1: write dropped by the platform (retry cap or retention) before it was applied or dead-lettered',
} as const;

export function droppedByPlatform(finding: Finding, dropped: readonly DroppedWrite[]): boolean {
  return dropped.some(
    (d) =>
      d.installation === finding.installation &&
      d.key === finding.key &&
      finding.expected.some((v) => (v === undefined ? d.del : markerOf(v) === d.marker)),
  );
}

export const strict = (): boolean => process.env.QS_STRICT === '1';
