import { FORMAT_VERSION, type EventBody } from '../format.js';
import { EVENT_MAX_BYTES_LONG_CONSUMER, PUSH_MAX_BYTES } from '../limits.js';
import type { Operation } from '../operation.js';
import { jsonBytes, packBySize } from '../pack.js';
import type { PushEvent } from '../ports.js';
import { randomId, type RandomSource } from '../random.js';

/** Room kept free in every event for history a re-drive adds. */
const EVENT_MARGIN_BYTES = 1024;

/** The largest event (JSON of `{ body }`) the producer builds. */
export function maxEventBytes(longRunningConsumer: boolean): number {
  return (longRunningConsumer ? EVENT_MAX_BYTES_LONG_CONSUMER : PUSH_MAX_BYTES - 2) - EVENT_MARGIN_BYTES;
}

/** Event ids: time-ordered, fixed length (so envelope size is known before packing). */
export function newEventId(now: number, random: RandomSource): string {
  return `${Math.floor(now).toString(36).padStart(9, '0')}${randomId(random, 11)}`;
}

export interface EventLimits {
  maxEventBytes: number;
  maxOperationsPerEvent: number;
  delayInSeconds?: number | undefined;
}

export interface BuiltEvents {
  events: PushEvent[];
  /** Operations too large to travel in any event (only the direct path can write them). */
  oversized: Operation[];
}

/** Packs operations into as few event bodies as the size and count limits allow. */
export function buildEvents(ops: readonly Operation[], limits: EventLimits, now: number, random: RandomSource, firstQueuedAt = now, emptyEvent = false): BuiltEvents {
  const envelope = (body: EventBody): PushEvent =>
    limits.delayInSeconds ? { body: body as unknown as Record<string, unknown>, delayInSeconds: limits.delayInSeconds } : { body: body as unknown as Record<string, unknown> };
  const empty = envelope({ qs: FORMAT_VERSION, id: newEventId(now, random), at: firstQueuedAt, q: now, ops: [] });
  const { bins, oversized } = packBySize(
    ops.map((item) => ({ item, bytes: jsonBytes(item) })),
    { maxBytes: limits.maxEventBytes - jsonBytes(empty), maxItems: limits.maxOperationsPerEvent },
  );
  const events = (bins.length === 0 && emptyEvent ? [[]] : bins).map((binOps) => envelope({ qs: FORMAT_VERSION, id: newEventId(now, random), at: firstQueuedAt, q: now, ops: binOps }));
  return { events, oversized };
}
