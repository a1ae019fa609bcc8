import { classifyWrites } from '../model/outcome.js';
import type { Sample } from '../model/timeline.js';
import type { Subject } from './subject.js';

const NO_DEAD_LETTERS: ReadonlySet<string> = new Set();

/**
 * One sample of a subject. Queue depth is per installation: events pushed and not yet delivered
 * or dropped. Pending writes (optional, O(keys)) compare KVS with the producer log.
 */
export function takeSample(subject: Subject, atMs: number, trackPending: boolean): Sample {
  const metrics = subject.installation.metrics();
  const queueDepth = Math.max(0, metrics.eventsPushed - metrics.eventsDelivered - metrics.eventsDropped);
  let pendingWrites = 0;
  if (trackPending) {
    const outcome = classifyWrites(subject.log, (key) => subject.installation.kvs.get(key), NO_DEAD_LETTERS);
    pendingWrites = outcome.requested - outcome.applied;
  }
  return {
    atMs,
    queueDepth,
    pendingWrites,
    retries: metrics.retries,
    kvsWriteUnits: metrics.kvsWriteUnits,
    kvsReadUnits: metrics.kvsReadUnits,
    rateLimited: metrics.rateLimited,
  };
}
