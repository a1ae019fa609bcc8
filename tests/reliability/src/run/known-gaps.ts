import type { Finding } from '../model/check.js';
import { markerOf, type DroppedWrite } from './runHistory.js';

/**
 * Library gaps this suite has found and reported, each with a minimal failing test under test/gaps/.
 * A finding is attributed to a gap only on hard evidence; everything else fails the suite.
 * Set QS_STRICT=1 to fail on known gaps too.
 */
export const KNOWN_GAPS = {
  /**
   * G1: on an event's last platform retry the library applies (429), tries to re-drive (push 429,
   * quota exhausted) and to dead-letter (KVS 429), gives up, and the platform drops the event.
   * Evidence: the finding's newest write sits in an event the platform dropped.
   */
  G1_LAST_RETRY_DROP: 'G1: write dropped by the platform after the last retry could neither re-drive nor dead-letter',
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
