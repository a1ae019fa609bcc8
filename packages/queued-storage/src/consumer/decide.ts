import { backoffDelayMs, toRetryAfterSeconds, type BackoffPolicy } from '../backoff.js';
import { MAX_DELAY_SECONDS } from '../limits.js';
import type { RandomSource } from '../random.js';

/** Pure decision: what to do with operations that failed with a retryable error. */
export interface RetryInput {
  now: number;
  /** When the operations were first queued (kept across re-drives). */
  firstQueuedAt: number;
  maxAgeMs: number;
  /** Platform retry count of this delivery (0 on the first delivery). */
  retryCount: number;
  /** Retries the platform grants an event (assume 4). */
  maxRetries: number;
  /** Time before the platform drops this event, when known. */
  retentionRemainingMs: number;
  retentionMarginMs: number;
  /** Failed attempts before this one, over all lives. */
  priorAttempts: number;
  previousDelayMs?: number | undefined;
  /** Platform retries kept in reserve for a failed re-drive push. Default 1. */
  reserveRetries?: number | undefined;
}

export type RetryDecision =
  | { action: 'retry'; retryAfterSeconds: number; delayMs: number }
  | { action: 'redrive'; delaySeconds: number; delayMs: number }
  | { action: 'dead-letter'; reason: 'max-age' };

/** Whether returning InvocationError now leads to another delivery (not a drop). */
export function platformWillRetry(input: RetryInput, policy: BackoffPolicy): boolean {
  return input.retryCount < input.maxRetries && input.retentionRemainingMs - input.retentionMarginMs >= policy.minMs;
}

/**
 * Re-drive early: when only `reserveRetries` platform retries would be left (retry cap or retention
 * window), push the event again now, so that if that push fails (push quota used up) the reserved
 * retries can try it again, the last one with the whole invocation's time (see fallback.ts).
 */
export function shouldRedrive(input: RetryInput, policy: BackoffPolicy): boolean {
  const nextIsLast = input.retryCount + Math.max(1, input.reserveRetries ?? 1) >= input.maxRetries;
  const windowClosing = input.retentionRemainingMs - 2 * input.retentionMarginMs < policy.minMs;
  return nextIsLast || windowClosing || !platformWillRetry(input, policy);
}

export function decideRetry(input: RetryInput, policy: BackoffPolicy, random: RandomSource): RetryDecision {
  if (input.now - input.firstQueuedAt >= input.maxAgeMs) return { action: 'dead-letter', reason: 'max-age' };
  const attempt = input.priorAttempts;
  if (!shouldRedrive(input, policy)) {
    const delayMs = backoffDelayMs(policy, {
      attempt,
      previousDelayMs: input.previousDelayMs,
      retentionRemainingMs: input.retentionRemainingMs,
      retentionMarginMs: input.retentionMarginMs,
    }, random);
    return { action: 'retry', retryAfterSeconds: toRetryAfterSeconds(delayMs), delayMs };
  }
  // The platform would drop the event after this attempt: push it again as a fresh event.
  const delayMs = backoffDelayMs(policy, { attempt, previousDelayMs: input.previousDelayMs }, random);
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  return { action: 'redrive', delaySeconds, delayMs };
}
