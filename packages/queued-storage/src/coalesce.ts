import { compareStamps } from './hlc.js';
import type { Operation } from './operation.js';

/**
 * Keeps one operation per key: the one with the greatest stamp (last write wins). Ties keep the later
 * one in input order. Output keeps first-seen key order, so packing stays deterministic.
 */
export function coalesce<T extends Operation>(ops: Iterable<T>): T[] {
  const byKey = new Map<string, T>();
  for (const op of ops) {
    const current = byKey.get(op.k);
    if (current === undefined || compareStamps(op.s, current.s) >= 0) byKey.set(op.k, op);
  }
  return [...byKey.values()];
}
