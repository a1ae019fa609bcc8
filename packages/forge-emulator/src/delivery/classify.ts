import type { InvocationResult } from '../runtime/invoke.js';
import type { AttemptOutcome, DroppedEvent } from '../types.js';
import { isRetryRequest, platformBackoffMs, retryAfterMs } from './backoff.js';
import type { Delivery } from './delivery.js';

/** What the platform does after one attempt. */
export type AttemptVerdict =
  | { outcome: 'ok' }
  | { outcome: Exclude<AttemptOutcome, 'ok' | 'dropped'>; error?: string; reason: string; data: unknown; afterMs: number };

/**
 * Pure policy: an `InvocationError` result retries after its `retryAfter`; a thrown error or a timeout
 * retries after the platform backoff; anything else is success. `retryCount` is the delivery's count
 * before this attempt.
 */
export function classifyAttempt(r: InvocationResult, retryCount: number, previousData: unknown, random: () => number): AttemptVerdict {
  if (r.outcome === 'ok' && isRetryRequest(r.value)) {
    const o = r.value.retryOptions ?? {};
    return { outcome: 'retry', reason: o.retryReason ?? 'FUNCTION_RETRY_REQUEST', data: o.retryData, afterMs: retryAfterMs(o.retryAfter) };
  }
  if (r.outcome === 'ok') return { outcome: 'ok' };
  const timeout = r.outcome === 'timeout';
  return {
    outcome: r.outcome,
    error: timeout ? 'FUNCTION_TIME_OUT' : describe(r.error),
    reason: timeout ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
    data: previousData,
    afterMs: platformBackoffMs(retryCount + 1, random),
  };
}

export function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export function droppedRecord(d: Delivery, reason: DroppedEvent['reason'], now: number): DroppedEvent {
  return {
    installationId: d.inst.id, functionKey: d.functionKey, kind: d.kind, eventId: d.eventId,
    ...(d.jobId === undefined ? {} : { jobId: d.jobId }), ...(d.queueName === undefined ? {} : { queueName: d.queueName }),
    body: d.body, attempts: d.retryCount + 1, reason, atMs: now,
  };
}
