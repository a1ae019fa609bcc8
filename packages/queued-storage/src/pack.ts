import { PUSH_MAX_BYTES, PUSH_MAX_EVENTS, utf8Bytes } from './limits.js';

/** Greedy packing of items into bins bounded by bytes and count. Pure. */
export interface Sized<T> {
  item: T;
  bytes: number;
}

export interface PackLimits {
  /** Bytes available for the items of one bin (separators included, envelope excluded). */
  maxBytes: number;
  maxItems: number;
}

export interface Packed<T> {
  bins: T[][];
  /** Items that cannot fit in any bin on their own. */
  oversized: T[];
}

/**
 * Next-fit packing in input order: a bin holds items joined by one separator byte (`,` in JSON).
 * Every bin respects both limits; no item is dropped (oversized ones are returned apart).
 */
export function packBySize<T>(items: Iterable<Sized<T>>, limits: PackLimits): Packed<T> {
  if (!(limits.maxItems >= 1) || !(limits.maxBytes >= 1)) throw new TypeError('[queued-storage] pack limits must be >= 1');
  const bins: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const { item, bytes } of items) {
    if (bytes > limits.maxBytes) {
      oversized.push(item);
      continue;
    }
    const added = current.length === 0 ? bytes : bytes + 1;
    if (current.length >= limits.maxItems || currentBytes + added > limits.maxBytes) {
      bins.push(current);
      current = [];
      currentBytes = 0;
    }
    currentBytes += current.length === 0 ? bytes : bytes + 1;
    current.push(item);
  }
  if (current.length > 0) bins.push(current);
  return { bins, oversized };
}

export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value));
}

/** Splits push events into pushes of <= 50 events and <= 200 KB of JSON (the array brackets counted). */
export function packPushes<E>(events: readonly E[], maxBytes = PUSH_MAX_BYTES): E[][] {
  const { bins, oversized } = packBySize(
    events.map((item) => ({ item, bytes: jsonBytes(item) })),
    { maxBytes: maxBytes - 2, maxItems: PUSH_MAX_EVENTS },
  );
  if (oversized.length > 0) throw new RangeError('[queued-storage] an event is larger than one push may be');
  return bins;
}
