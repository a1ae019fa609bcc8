import { InvocationError, InvocationErrorCode } from '@forge/events';
import { PushQuotaSpentError } from '../errors.js';
import { invocationKey } from '../runtime.js';

/** Product-event triggers are retried by the platform at most this many times (page "Product events"). */
export const TRIGGER_MAX_RETRIES = 4;
const MAX_RETRY_AFTER_SECONDS = 900;

/** What a trigger invocation knows about itself: retries left, and a write-unit slot booked for it. */
export interface TriggerAttempt {
  retriesLeft: number;
  bookedAt: number | undefined;
}

/** The handler `storage.trigger()` wraps: a Forge trigger function. */
export type TriggerHandler = (event: unknown, context: unknown) => unknown;

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Reads the attempt from a trigger event: `retryContext.retryCount` (absent on the first attempt) and
 * the slot this library put in `retryContext.retryData` when it asked for the retry. The product
 * events page documents the fields but not where they sit: without `retryContext` they are read
 * from the event itself.
 */
export function triggerAttempt(event: unknown): TriggerAttempt {
  const retry = field(event, 'retryContext') ?? event;
  const count = Math.max(0, Math.floor(finite(field(retry, 'retryCount')) ?? 0));
  const bookedAt = finite(field(field(field(retry, 'retryData'), 'queuedStorage'), 'slotAt'));
  return { retriesLeft: Math.max(0, TRIGGER_MAX_RETRIES - count), bookedAt };
}

/** The attempts of the trigger invocations running now, by invocation (one per storage instance). */
export type TriggerAttempts = Map<string, TriggerAttempt>;

/**
 * Wraps a trigger function: its flushes know the attempt (retries left, the booked slot), and a
 * PushQuotaSpentError becomes the platform retry it asks for (`InvocationError` with `retryAfter`
 * timed to the booked slot and the slot in `retryData`) instead of a thrown error, which the
 * platform would retry on its own schedule (30 s and more). Other errors pass through.
 */
export function wrapTrigger(handler: TriggerHandler, attempts: TriggerAttempts): (event: unknown, context: unknown) => Promise<unknown> {
  return async (event, context) => {
    const key = invocationKey();
    attempts.set(key, triggerAttempt(event));
    try {
      return await handler(event, context);
    } catch (error) {
      if (!(error instanceof PushQuotaSpentError) || attempts.get(key)?.retriesLeft === 0) throw error;
      return new InvocationError({
        retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(error.retryAfterMs / 1000))),
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        ...(error.slotAt === undefined ? {} : { retryData: { queuedStorage: { slotAt: error.slotAt } } }),
      });
    } finally {
      attempts.delete(key);
    }
  };
}
