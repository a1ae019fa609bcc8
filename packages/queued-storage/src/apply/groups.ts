import { jsonBytes, packBySize } from '../pack.js';
import type { Operation } from '../operation.js';

/** An operation with its index in the caller's list (reports name operations by index). */
export interface Indexed {
  i: number;
  op: Operation;
}

/** KVS batch and transaction calls take <= 4 MB; stay well below. */
export const MAX_CALL_BYTES = 3 * 1024 * 1024;

/** Splits operations into groups of <= `maxItems` and <= MAX_CALL_BYTES of JSON. */
export function groupOperations(items: readonly Indexed[], maxItems: number): Indexed[][] {
  const { bins, oversized } = packBySize(
    items.map((item) => ({ item, bytes: jsonBytes(item.op) })),
    { maxBytes: MAX_CALL_BYTES, maxItems },
  );
  // A single value is <= 240 KiB, so nothing is oversized; keep any anyway, one per group.
  return [...bins, ...oversized.map((item) => [item])];
}

export const indexesOf = (items: readonly Indexed[]): number[] => items.map((x) => x.i);
