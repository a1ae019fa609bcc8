import type { Random } from '../random.js';
import type { DroppedEvent, FaultOptions } from '../types.js';
import { droppedRecord } from './classify.js';
import type { Delivery } from './delivery.js';

/** Product-event triggers are retried at most 4 times. */
export const TRIGGER_MAX_RETRIES = 4;

/** What settling an attempt needs from the dispatcher and the platform. */
export interface SettleHost {
  readonly random: Random;
  readonly faults: FaultOptions;
  readonly maxRetries: number;
  readonly retentionMs: number;
  drop(d: DroppedEvent): void;
  /** Puts `d` back on the ready queue now. */
  requeue(d: Delivery): void;
  /** Parks `d` until clock time `at` as a retry. */
  retryAt(d: Delivery, at: number): void;
}

/** A successful attempt: job stats, delivered count, and maybe a seeded duplicate (faults.duplicateRate). */
export function succeed(host: SettleHost, d: Delivery): void {
  d.state = 'done';
  if (d.kind === 'consumer') d.inst.metrics.eventsDelivered++;
  if (!d.duplicate && d.job !== undefined) d.job.success++;
  if (!d.duplicate && host.random.chance(host.faults.duplicateRate ?? 0)) {
    host.requeue({ ...d, duplicate: true, state: 'ready' });
  }
}

/** A failed attempt: retried after `afterMs`, or dropped past the retry cap or the retention window. */
export function retry(host: SettleHost, d: Delivery, reason: string, data: unknown, afterMs: number, now: number): void {
  const cap = d.kind === 'trigger' ? Math.min(TRIGGER_MAX_RETRIES, host.maxRetries) : host.maxRetries;
  if (d.retryCount >= cap) {
    finishDropped(host, d, 'retry-cap', now);
    return;
  }
  if (now + afterMs >= d.enqueuedAt + host.retentionMs) {
    finishDropped(host, d, 'retention', now);
    return;
  }
  d.retryCount++;
  d.retryReason = reason;
  d.retryData = data;
  d.inst.metrics.retries++;
  host.retryAt(d, now + afterMs);
}

/** Gives up on `d` (duplicates leave no trace). */
export function finishDropped(host: SettleHost, d: Delivery, reason: DroppedEvent['reason'], now: number): void {
  d.state = 'done';
  if (d.duplicate) return;
  d.inst.metrics.eventsDropped++;
  if (d.job !== undefined) d.job.failed++;
  host.drop(droppedRecord(d, reason, now));
}
