import { utf8Bytes } from '../limits.js';
import { isDelete, type Operation } from '../operation.js';
import { jsonBytes } from '../pack.js';
import { packByUnits } from '../unit-pack.js';
import { VERSION_ATTRIBUTE, versionKey } from '../versions.js';

/** An operation with its index in the caller's list (reports name operations by index). */
export interface Indexed {
  i: number;
  op: Operation;
}

/** KVS batch and transaction calls take <= 4 MB; stay well below. */
export const MAX_CALL_BYTES = 3 * 1024 * 1024;

/** Per item: JSON field names and separators of the request (a margin over what is billed). */
const ITEM_OVERHEAD_BYTES = 16;

/**
 * Estimated billed bytes of one operation in a call: key + JSON value (a delete: its key), and in
 * ordered mode the version record set beside it (`__qs:<key>`, `{ v: stamp }`).
 */
export function billedBytes(op: Operation, ordered: boolean): number {
  const own = utf8Bytes(op.k) + (isDelete(op) ? 1 : jsonBytes(op.v)) + ITEM_OVERHEAD_BYTES;
  if (!ordered) return own;
  return own + utf8Bytes(versionKey(op.k)) + jsonBytes({ [VERSION_ATTRIBUTE]: op.s }) + ITEM_OVERHEAD_BYTES;
}

/**
 * Splits operations into calls of <= `maxItems` and <= MAX_CALL_BYTES, sized so that the 10 KB
 * quota units billed are minimal (see packByUnits).
 */
export function groupOperations(items: readonly Indexed[], maxItems: number, ordered: boolean): Indexed[][] {
  const { bins, oversized } = packByUnits(
    items.map((item) => ({ item, bytes: billedBytes(item.op, ordered) })),
    { maxBytes: MAX_CALL_BYTES, maxItems },
  );
  // A single value is <= 240 KiB, so nothing is oversized; keep any anyway, one per group.
  return [...bins, ...oversized.map((item) => [item])];
}

export const indexesOf = (items: readonly Indexed[]): number[] => items.map((x) => x.i);

/** KVS bills every request in whole 10 KB units. */
export const QUOTA_UNIT_BYTES = 10 * 1024;

/** Estimated 10 KB units one call writing `group` is billed (at least one). */
export function groupUnits(group: readonly Indexed[], ordered: boolean): number {
  const bytes = group.reduce((sum, x) => sum + billedBytes(x.op, ordered), 0);
  return Math.max(1, Math.ceil(bytes / QUOTA_UNIT_BYTES));
}

/** Estimated write units of applying `items` in the calls groupOperations makes. */
export function writeUnitsOf(items: readonly Indexed[], maxItems: number, ordered: boolean): number {
  return groupOperations(items, maxItems, ordered).reduce((sum, g) => sum + groupUnits(g, ordered), 0);
}
