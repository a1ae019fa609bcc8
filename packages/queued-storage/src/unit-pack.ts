import type { Packed, Sized } from './pack.js';

/** KVS quota unit: every request is billed its size rounded UP to this, at least one unit. */
export const KVS_UNIT_BYTES = 10 * 1024;

export const quotaUnitsOf = (bytes: number, unitBytes = KVS_UNIT_BYTES): number => Math.max(1, Math.ceil(bytes / unitBytes));

export interface UnitPackLimits {
  /** Most items per call (25 batch keys, or 12 keys = 25 operations per ordered transaction). */
  maxItems: number;
  /** Most bytes per call (the 4 MB request limit, with a margin). */
  maxBytes: number;
  /** Quota unit size. Default 10 KB. */
  unitBytes?: number;
}

/**
 * Groups items (in input order) into calls so that the quota units billed, the sum over calls of
 * ceil(bytes / unit), stay minimal: an item joins the open call only when that costs fewer extra
 * units than a call of its own would (e.g. ~1 KB items: 9 to a 10 KB unit, never a 10th that would
 * open a second unit; 25 KB items: two share 5 units instead of 3 + 3). Within the item and byte
 * limits. Pure; oversized items (> maxBytes) are returned apart.
 */
export function packByUnits<T>(items: Iterable<Sized<T>>, limits: UnitPackLimits): Packed<T> {
  if (!(limits.maxItems >= 1) || !(limits.maxBytes >= 1)) throw new TypeError('[queued-storage] pack limits must be >= 1');
  const unit = limits.unitBytes ?? KVS_UNIT_BYTES;
  const bins: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const { item, bytes: size } of items) {
    if (size > limits.maxBytes) {
      oversized.push(item);
      continue;
    }
    const fits = current.length > 0 && current.length < limits.maxItems && bytes + size <= limits.maxBytes;
    const extra = quotaUnitsOf(bytes + size, unit) - quotaUnitsOf(bytes, unit);
    if (!fits || extra >= quotaUnitsOf(size, unit)) {
      if (current.length > 0) bins.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) bins.push(current);
  return { bins, oversized };
}
