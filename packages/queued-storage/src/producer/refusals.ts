import type { Operation } from '../operation.js';
import { setNewest } from '../bounded.js';

/** Flushes whose refusals a storage instance remembers (a warm runtime serves many invocations). */
const MAX_REMEMBERED = 10_000;

/**
 * How often the same writes (keys and values, not stamps: a retried trigger stamps afresh) were
 * refused for a spent quota by this instance. A retried trigger comes back with the same writes; the
 * platform retries a product trigger at most 4 times, so a flush refused three times before stops failing
 * fast and waits in place for the quota (up to its deadline) rather than risk its last attempt.
 */
export interface RefusalMemory {
  count(ops: readonly Operation[]): number;
  refused(ops: readonly Operation[]): void;
  settled(ops: readonly Operation[]): void;
}

const fingerprint = (ops: readonly Operation[]): string =>
  JSON.stringify(ops.map((op) => ['d' in op ? null : op.v, op.k])).slice(0, 4096);

export function createRefusalMemory(): RefusalMemory {
  const counts = new Map<string, number>();
  return {
    count: (ops) => counts.get(fingerprint(ops)) ?? 0,
    refused(ops) {
      const key = fingerprint(ops);
      const n = (counts.get(key) ?? 0) + 1;
      setNewest(counts, key, n, MAX_REMEMBERED);
    },
    settled(ops) {
      counts.delete(fingerprint(ops));
    },
  };
}
