import { backoffDelayMs, toRetryAfterSeconds, type BackoffPolicy } from '../backoff.js';
import { MAX_DELAY_SECONDS } from '../limits.js';
import type { RandomSource } from '../random.js';
import { decideRetry, failureReserveMs, platformFailureDelayMs, platformWillRetry, retryRoomMs, type RetryDecision, type RetryInput } from './decide.js';

/**
 * The consumer's one decision: from what a delivery left outstanding (after the apply pass), the
 * retention window and the options, the steps that settle it. Pure (randomness is an argument);
 * the same planner serves readable events and bodies it cannot read (see execute.ts for the shell).
 */
export interface DeliveryFacts extends Omit<RetryInput, 'maxAgeMs' | 'maxRetries' | 'retentionMarginMs' | 'reserveRetries'> {
  /** Readable operations not settled yet that failed with a retryable error (or were not tried). */
  pending: number;
  /** Operations refused for good (4xx, KVS rules) whose dead letter is not stored yet. */
  failed: number;
  /** Operations, or a whole body, the consumer cannot read, not dead-lettered yet. */
  unreadable: number;
  /** The retryable failure was a rate limit (429): wait past the quota window. */
  rateLimited: boolean;
  /** After a rate limit: when the pacer says the units are free (replaces the exponential rate-limit backoff). */
  pacedDelayMs?: number | undefined;
  /**
   * The pacer saw write calls accepted lately (the last three windows): the quota refills at its
   * rate. When false (a storm, or nothing known) the rate-limit backoff is the floor.
   */
  quotaFlowing?: boolean | undefined;
  /** The retention window a fresh life (a re-driven event) gets: learned from retries, or assumed. */
  windowMs: number;
  /** The time one delivery may run (the function's timeout): what a crash or timeout costs besides the platform's delay. */
  invocationMs: number;
  /**
   * The push quota refused a re-drive of this installation within the retention window: every
   * extra life costs another event its push, so retries keep room for one failed delivery, not
   * `reserveRetries` (push-refusals.ts).
   */
  pushesScarce?: boolean | undefined;
}

export interface PlanOptions {
  maxAgeMs: number;
  maxRetries: number;
  reserveRetries: number;
  retentionMarginMs: number;
  backoff: BackoffPolicy;
  rateLimitBackoff: BackoffPolicy;
}

export type Step =
  /** Store a dead letter: of the permanent failures and unreadable input, or of everything still outstanding. */
  | { kind: 'dead-letter'; covers: 'failed' | 'outstanding'; reason: 'permanent' | 'max-age' | 'redrive-failed' }
  /** Apply the pending operations again, without reading versions first (KVS write quota only). */
  | { kind: 'apply' }
  /** Push everything outstanding again as a fresh event (a new life), delivered after `delaySeconds`. */
  | { kind: 'redrive'; delaySeconds: number }
  /**
   * Return InvocationError: the platform delivers the event again after `delayMs`. With `latestAt`
   * (the last resort, when every other way out was refused) the delay is moved, when the step is
   * taken, so the next delivery starts just before a quota window reopens (see alignToWindow).
   */
  | { kind: 'retry'; delayMs: number; latestAt?: number };

export interface Plan {
  /** Run in order until nothing is outstanding; a `redrive` or `retry` that succeeds ends the run. */
  steps: Step[];
  /**
   * No platform retry is left after this delivery: repeat the steps before the final `retry` (with
   * pauses) until the invocation's time runs low; the `retry` is the very last resort.
   */
  repeat: boolean;
  /** The backoff delay chosen (kept in retryData / history: decorrelated jitter grows from it). */
  delayMs: number;
}

/**
 * Failed deliveries (crash or timeout, each with the platform's delay after it, which doubles per
 * retry) a retry keeps room for in the retention window, besides one more delivery that can
 * re-drive the event; when it cannot, the event is re-driven now. `reserveRetries` (default 2):
 * with a 10-minute window that ends a life after its second delivery (30 s + 4 min + 30 s + 8 min
 * is more than what is left), so short-window events re-drive every few minutes. Two things keep
 * that affordable: a duplicate of a re-driven life pushes no second successor (lives.ts), and while
 * the push quota refuses re-drives one failed delivery is kept (longer lives, fewer pushes: a
 * refused re-drive risks the event as surely as a crash does).
 */
export function failedDeliveriesKept(facts: Pick<DeliveryFacts, 'pushesScarce'>, o: Pick<PlanOptions, 'reserveRetries'>): number {
  return facts.pushesScarce === true ? 1 : o.reserveRetries;
}

/** Quotas (push events, KVS units) are per minute. */
export const QUOTA_WINDOW_MS = 60_000;
/** A delivery aligned to a quota window starts this long (plus up to a second) before the window reopens. */
export const WINDOW_LEAD_MS = 2_000;
/** Aligned retries land on one of this many consecutive windows. */
export const WINDOW_SPREAD = 3;

/**
 * A retry delay (whole seconds) moved later, by less than a window, so that the next delivery starts
 * WINDOW_LEAD_MS before a whole quota window: a fixed per-minute window (push events, KVS units)
 * reopens inside that delivery, whatever the function's timeout, so a delivery whose every way out
 * depends on a used-up quota meets a fresh one. `spread` more windows (drawn at random by the
 * caller) keep events that fail together from all meeting the same window, where only the first
 * push fits. Never later than `latestAt` (retention); when no aligned start fits between `minMs`
 * and `latestAt`, the delay is kept.
 */
export function alignToWindow(nowMs: number, delayMs: number, latestAt: number, spread = 0, minMs = 1_000): number {
  const target = nowMs + delayMs;
  let start = (Math.ceil((target + WINDOW_LEAD_MS) / QUOTA_WINDOW_MS) + spread) * QUOTA_WINDOW_MS - WINDOW_LEAD_MS;
  while (start > latestAt && start - QUOTA_WINDOW_MS >= nowMs + minMs) start -= QUOTA_WINDOW_MS;
  const aligned = Math.floor((start - nowMs) / 1_000) * 1_000;
  return aligned >= minMs && start <= latestAt ? aligned : delayMs;
}

/** The next whole quota window after `nowMs`. */
export function nextWindowAt(nowMs: number): number {
  return Math.ceil((nowMs + 1) / QUOTA_WINDOW_MS) * QUOTA_WINDOW_MS;
}

/**
 * The end of a step's time slice: `sliceMs` from now, or, when a quota window reopens within the
 * lead of an aligned delivery, `sliceMs` past that window's start (the step's retries then meet it).
 */
export function sliceEnd(nowMs: number, sliceMs: number): number {
  const boundary = Math.ceil((nowMs + 1) / QUOTA_WINDOW_MS) * QUOTA_WINDOW_MS;
  return boundary - nowMs <= WINDOW_LEAD_MS + 1_000 ? boundary + sliceMs : nowMs + sliceMs;
}

/**
 * A pause between the final delivery's rounds, cut short to just after a window boundary when one
 * falls inside it: the first attempt after a per-minute quota reopens should be this event's.
 */
export function pauseToWindow(nowMs: number, pauseMs: number, jitterMs: number): number {
  const boundary = Math.ceil((nowMs + 1) / QUOTA_WINDOW_MS) * QUOTA_WINDOW_MS;
  return boundary - nowMs + jitterMs < pauseMs ? boundary - nowMs + jitterMs : pauseMs;
}

/**
 * The platform retry used when every other step failed: at least one quota window away (plus up to
 * half a window of jitter), so that retry meets fresh quotas; never past the retention window.
 */
export function lastResortRetryMs(input: RetryInput, backoff: BackoffPolicy, random: RandomSource): number {
  const delay = backoffDelayMs(backoff, { attempt: input.priorAttempts, previousDelayMs: input.previousDelayMs }, random);
  const wanted = Math.max(delay, QUOTA_WINDOW_MS + random() * (QUOTA_WINDOW_MS / 2));
  return Math.max(backoff.minMs, Math.min(wanted, backoff.capMs, lastResortRoomMs(input)));
}

/**
 * How far a last-resort retry may go: the failure reserve is kept when a whole quota window still
 * fits before it (the retry then survives crashed deliveries as an ordinary one does); otherwise
 * (every way out refused, the window nearly over) anywhere inside the retention window.
 */
export function lastResortRoomMs(input: RetryInput): number {
  const safe = retryRoomMs(input);
  return safe >= QUOTA_WINDOW_MS ? safe : input.retentionRemainingMs - input.retentionMarginMs;
}

/**
 * A retry or re-drive after a rate limit lands when the pacer says the units are free (its slot,
 * at most about two windows away), not on an exponential schedule, while the quota flows: waiting
 * longer leaves the refilled units idle. While nothing passes (a storm: no write accepted lately)
 * it also waits out the rate-limit backoff: a platform retry spent early is one fewer for later,
 * and each new life costs a push.
 */
function paced(decision: RetryDecision, facts: DeliveryFacts, retryRoom: number): RetryDecision {
  if (!facts.rateLimited || facts.pacedDelayMs === undefined || decision.action === 'dead-letter') return decision;
  const floorMs = facts.quotaFlowing === true ? 0 : decision.delayMs;
  const delayMs = Math.max(MIN_PACED_MS, facts.pacedDelayMs, floorMs);
  if (decision.action === 'retry') {
    // Never past the failure reserve: a retry sooner than the pacer says costs a delivery, a later one the event.
    const ms = Math.max(floorMs, Math.min(delayMs, retryRoom));
    return { action: 'retry', retryAfterSeconds: toRetryAfterSeconds(ms), delayMs: ms };
  }
  return { action: 'redrive', delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(delayMs / 1000)), delayMs };
}

/** The platform's shortest retry delay. */
const MIN_PACED_MS = 1_000;

/**
 * The part of a fresh life's retention window that a re-drive must leave free: the platform counts
 * the window from the push, so a re-drive's delay is spent from it. Kept: `failures` deliveries that
 * crash or time out (each the invocation's time plus the platform's delay after it) and one more
 * delivery to do the work. With the default reserve (1) that is two failed deliveries: a crash of
 * the first delivery of the new life, and one of the delivery the reserve is kept for.
 */
export function lifeReserveMs(invocationMs: number, failures: number): number {
  let total = invocationMs;
  for (let k = 0; k < failures; k++) total += invocationMs + platformFailureDelayMs(k);
  return total;
}

/** The longest re-drive delay that leaves a fresh life its reserve (0 when the window is too short for it). */
export function redriveRoomMs(facts: Pick<DeliveryFacts, 'windowMs' | 'invocationMs'>, o: Pick<PlanOptions, 'retentionMarginMs' | 'reserveRetries'>): number {
  return Math.max(0, facts.windowMs - o.retentionMarginMs - lifeReserveMs(facts.invocationMs, o.reserveRetries + 1));
}

export function planDelivery(facts: DeliveryFacts, o: PlanOptions, random: RandomSource): Plan {
  const steps: Step[] = [];
  if (facts.failed + facts.unreadable > 0) steps.push({ kind: 'dead-letter', covers: 'failed', reason: 'permanent' });
  if (facts.pending === 0 && steps.length === 0) return { steps, repeat: false, delayMs: 0 };

  // What remains if those steps fail, or operations are pending: retry, re-drive, or (too old) dead-letter.
  // Every retry keeps, in time, failed deliveries (crashed or timed out, each with the platform's
  // delay after it; failedDeliveriesKept) and one that can re-drive; when it cannot, re-drive now.
  const input: RetryInput = {
    ...facts, maxAgeMs: o.maxAgeMs, maxRetries: o.maxRetries, retentionMarginMs: o.retentionMarginMs, reserveRetries: o.reserveRetries,
    failureReserveMs: facts.failureReserveMs ?? failureReserveMs(facts.invocationMs, facts.retryCount, failedDeliveriesKept(facts, o)),
  };
  const policy = facts.rateLimited ? o.rateLimitBackoff : o.backoff;
  const decision = paced(decideRetry(input, policy, random), facts, retryRoomMs(input));
  const latestAt = input.now + lastResortRoomMs(input);
  if (decision.action === 'retry') {
    // Only dead letters to store: if that write fails, KVS refused it for a whole invocation (a
    // used-up quota or a storm). A retry seconds later meets the same refusal and spends a platform
    // retry for nothing: wait past a quota window, aligned to its start, as the last resort does,
    // and grow the wait as a rate limit's does (a long storm then costs fewer lives, fewer re-drive pushes).
    // It is still an ordinary retry: never later than the failure reserve allows (a crash of the next
    // delivery must leave one that can re-drive), so it may land sooner than a window away.
    if (facts.pending === 0) {
      const roomMs = Math.max(policy.minMs, retryRoomMs(input));
      const delayMs = Math.min(roomMs, Math.max(decision.delayMs, lastResortRetryMs(input, o.rateLimitBackoff, random)));
      steps.push({ kind: 'retry', delayMs, latestAt: input.now + roomMs });
      return { steps, repeat: false, delayMs };
    }
    steps.push({ kind: 'retry', delayMs: decision.delayMs });
    return { steps, repeat: false, delayMs: decision.delayMs };
  }
  const delayMs = Math.min(redriveRoomMs(facts, o), decision.action === 'redrive'
    ? decision.delayMs
    : backoffDelayMs(policy, { attempt: facts.priorAttempts, previousDelayMs: facts.previousDelayMs }, random));
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  // Each way out depends on a different quota: re-drive on the push quota, apply and dead-letter on
  // the KVS write quota. With a platform retry in reserve one quick round is tried; on the final
  // delivery the rounds go on until the invocation's time runs low.
  const canRetry = platformWillRetry(input, o.backoff);
  if (decision.action === 'dead-letter') {
    steps.push({ kind: 'dead-letter', covers: 'outstanding', reason: 'max-age' });
    if (!canRetry) steps.push({ kind: 'redrive', delaySeconds });
  } else {
    steps.push({ kind: 'redrive', delaySeconds });
    if (!canRetry) steps.push({ kind: 'apply' }, { kind: 'dead-letter', covers: 'outstanding', reason: 'redrive-failed' });
  }
  steps.push({ kind: 'retry', delayMs: lastResortRetryMs(input, o.backoff, random), latestAt });
  return { steps, repeat: !canRetry, delayMs };
}
