import type { InvocationResult } from '../runtime/invoke.js';
import type { AttemptOutcome, DroppedEvent } from '../types.js';
import { isRetryRequest, platformBackoffMs, retryAfterMs } from './backoff.js';
import type { Delivery } from './delivery.js';

/** `retryData` limit of an `InvocationError` (page limits-async-events). */
export const MAX_RETRY_DATA_BYTES = 4 * 1024;

/** What the platform does after one attempt. */
export type AttemptVerdict =
  | { outcome: 'ok' }
  | { outcome: Exclude<AttemptOutcome, 'ok' | 'dropped' | 'filtered'>; error?: string; reason: string; data: unknown; afterMs: number };

/**
 * Pure policy: an `InvocationError` result retries after its `retryAfter`; a thrown error or a timeout
 * retries after the platform backoff; anything else is success. `retryCount` is the delivery's count
 * before this attempt.
 */
export function classifyAttempt(r: InvocationResult, retryCount: number, previousData: unknown, random: () => number): AttemptVerdict {
  if (r.outcome === 'ok' && isRetryRequest(r.value)) {
    const o = r.value.retryOptions ?? {};
    const tooBig = retryDataError(o.retryData);
    if (tooBig !== undefined) return failed(tooBig, previousData, retryCount, random);
    return { outcome: 'retry', reason: o.retryReason ?? 'FUNCTION_RETRY_REQUEST', data: o.retryData, afterMs: retryAfterMs(o.retryAfter) };
  }
  if (r.outcome === 'ok') return { outcome: 'ok' };
  if (r.outcome === 'error') return failed(describe(r.error), previousData, retryCount, random);
  return { outcome: 'timeout', error: 'FUNCTION_TIME_OUT', reason: 'FUNCTION_TIME_OUT', data: previousData, afterMs: platformBackoffMs(retryCount + 1, random) };
}

/**
 * An `InvocationError` whose `retryData` is over 4 KB (JSON bytes) is not a valid retry request. What
 * Forge does then is not documented: the emulator treats the attempt as a failed invocation (a guess).
 */
function failed(error: string, previousData: unknown, retryCount: number, random: () => number): AttemptVerdict {
  return { outcome: 'error', error, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: previousData, afterMs: platformBackoffMs(retryCount + 1, random) };
}

/** `JSON.stringify` as it behaves: undefined for functions and undefined. */
const toJson = JSON.stringify as (value: unknown) => string | undefined;

/** The error message for `retryData` over {@link MAX_RETRY_DATA_BYTES}, or undefined when it fits. */
export function retryDataError(retryData: unknown): string | undefined {
  if (retryData === undefined) return undefined;
  let json: string | undefined;
  try {
    json = toJson(retryData);
  } catch (e) {
    return `RetryDataInvalid: InvocationError retryData cannot be serialised as JSON (${describe(e)}); the attempt counts as a failed invocation`;
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json);
  if (bytes <= MAX_RETRY_DATA_BYTES) return undefined;
  return `RetryDataTooLarge: InvocationError retryData is ${bytes} bytes of JSON, over the ${MAX_RETRY_DATA_BYTES / 1024} KB limit; the attempt counts as a failed invocation`;
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
