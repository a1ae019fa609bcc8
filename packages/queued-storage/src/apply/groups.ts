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
