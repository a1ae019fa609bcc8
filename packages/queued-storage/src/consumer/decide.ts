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
  /**
   * Time the next deliveries could lose if they crash or time out: the function's timeout plus the
   * platform's own delay after each such failure (see failureReserveMs). A retry is only asked when
   * the window left after it still covers this; otherwise the event is re-driven now. Default 0
   * (the planner fills it in for `reserveRetries` failed deliveries, see plan.ts).
   */
  failureReserveMs?: number | undefined;
}

/** Quotas' and the platform's documented largest gap after a failed delivery. */
const PLATFORM_FAILURE_CAP_MS = 15 * 60_000;
const PLATFORM_FAILURE_BASE_MS = 60_000;

/**
 * The longest delay the platform may take after delivery number `retryCount + 1` crashes or times
 * out: its backoff is not published ("gaps up to ~15 min"); assumed to double from one minute per
 * retry, capped at 15 minutes (the emulator's curve is the same, with 50-100 % jitter below it).
 */
export function platformFailureDelayMs(retryCount: number): number {
  return Math.min(PLATFORM_FAILURE_CAP_MS, PLATFORM_FAILURE_BASE_MS * 2 ** Math.max(0, retryCount + 1));
}

/**
 * The failure reserve of a retry asked by a delivery with `retryCount`: the time the next `failures`
 * deliveries could lose if each crashes or times out (the function's time plus the platform's delay
 * after it, growing with the retry count). See planDelivery in plan.ts.
 */
export function failureReserveMs(invocationMs: number, retryCount: number, failures: number): number {
  let total = 0;
  for (let j = 0; j < failures; j++) total += invocationMs + platformFailureDelayMs(retryCount + j);
  return total;
}

/** Room for a retry's delay: the window left minus the margin and the failure reserve. */
export function retryRoomMs(input: RetryInput): number {
  return input.retentionRemainingMs - input.retentionMarginMs - (input.failureReserveMs ?? 0);
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
 * retries can try it again, the last one with the whole invocation's time (see plan.ts and execute.ts).
 */
export function shouldRedrive(input: RetryInput, policy: BackoffPolicy): boolean {
  const nextIsLast = input.retryCount + Math.max(1, input.reserveRetries ?? 1) >= input.maxRetries;
  const windowClosing = input.retentionRemainingMs - 2 * input.retentionMarginMs < policy.minMs;
  // If the next delivery crashed, would the platform's delay after it still end inside the window?
  const noRoomForFailure = retryRoomMs(input) < policy.minMs;
  return nextIsLast || windowClosing || noRoomForFailure || !platformWillRetry(input, policy);
}

export function decideRetry(input: RetryInput, policy: BackoffPolicy, random: RandomSource): RetryDecision {
  if (input.now - input.firstQueuedAt >= input.maxAgeMs) return { action: 'dead-letter', reason: 'max-age' };
  const attempt = input.priorAttempts;
  if (!shouldRedrive(input, policy)) {
    const delayMs = backoffDelayMs(policy, {
      attempt,
      previousDelayMs: input.previousDelayMs,
      retentionRemainingMs: input.retentionRemainingMs - (input.failureReserveMs ?? 0),
      retentionMarginMs: input.retentionMarginMs,
    }, random);
    return { action: 'retry', retryAfterSeconds: toRetryAfterSeconds(delayMs), delayMs };
  }
  // The platform would drop the event after this attempt: push it again as a fresh event.
  const delayMs = backoffDelayMs(policy, { attempt, previousDelayMs: input.previousDelayMs }, random);
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  return { action: 'redrive', delaySeconds, delayMs };
}
