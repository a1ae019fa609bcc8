import type { RandomSource } from './random.js';

/**
 * Exponential backoff with jitter (Brooker, "Exponential Backoff And Jitter", AWS 2015).
 * - full:         random(0, min(cap, base * 2^attempt))                (default: fewest calls)
 * - equal:        t = min(cap, base * 2^attempt); t/2 + random(0, t/2)
 * - decorrelated: min(cap, random(base, previous * 3))
 * Pure: every input is an argument, randomness included.
 */
export type JitterStrategy = 'full' | 'equal' | 'decorrelated';

export interface BackoffPolicy {
  /** Jitter strategy. Default 'full'. */
  strategy: JitterStrategy;
  /** First delay's upper bound, ms. Default 5000 (storage quotas are per minute). */
  baseMs: number;
  /** Largest delay, ms. Default 900000 (the platform's largest `retryAfter`). */
  capMs: number;
  /** Smallest delay, ms. Default 1000 (`retryAfter` is whole seconds >= 1). */
  minMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({
  strategy: 'full',
  baseMs: 5_000,
  capMs: 900_000,
  minMs: 1_000,
});

export const MAX_RETRY_AFTER_SECONDS = 900;

export interface BackoffInput {
  /** 0 for the first retry; counts every earlier attempt (platform retries and re-drives). */
  attempt: number;
  /** The delay chosen last time (decorrelated jitter grows from it). */
  previousDelayMs?: number | undefined;
  /** Time left before the platform drops the event; the delay never runs past it. */
  retentionRemainingMs?: number | undefined;
  /** Kept free at the end of the retention window. Default 60000. */
  retentionMarginMs?: number | undefined;
}

export function resolveBackoffPolicy(options: Partial<BackoffPolicy> | undefined): BackoffPolicy {
  const policy = { ...DEFAULT_BACKOFF, ...options };
  if (!['full', 'equal', 'decorrelated'].includes(policy.strategy)) {
    throw new TypeError(`[queued-storage] backoff.strategy must be 'full', 'equal' or 'decorrelated'`);
  }
  for (const name of ['baseMs', 'capMs', 'minMs'] as const) {
    const v = policy[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new TypeError(`[queued-storage] backoff.${name} must be a finite number >= 0`);
    }
  }
  if (policy.baseMs <= 0) throw new TypeError('[queued-storage] backoff.baseMs must be > 0');
  if (policy.capMs < policy.minMs) throw new TypeError('[queued-storage] backoff.capMs must be >= backoff.minMs');
  return policy;
}

function exponential(policy: BackoffPolicy, attempt: number): number {
  // 2^attempt overflows to Infinity for large attempts; min() keeps it at the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
}

/** Raw jittered delay in ms, within [minMs, capMs] (before the retention window is applied). */
export function jitteredDelayMs(policy: BackoffPolicy, input: BackoffInput, random: RandomSource): number {
  let delay: number;
  switch (policy.strategy) {
    case 'full':
      delay = random() * exponential(policy, input.attempt);
      break;
    case 'equal': {
      const t = exponential(policy, input.attempt);
      delay = t / 2 + random() * (t / 2);
      break;
    }
    case 'decorrelated': {
      const previous = Math.max(policy.baseMs, input.previousDelayMs ?? policy.baseMs);
      delay = Math.min(policy.capMs, policy.baseMs + random() * (previous * 3 - policy.baseMs));
      break;
    }
  }
  return Math.min(policy.capMs, Math.max(policy.minMs, delay));
}

/**
 * The delay before the next attempt, in ms: jittered, capped, and clipped so that it ends before the
 * retention window does (leaving `retentionMarginMs`). Returns at least `minMs`.
 */
export function backoffDelayMs(policy: BackoffPolicy, input: BackoffInput, random: RandomSource): number {
  const delay = jitteredDelayMs(policy, input, random);
  if (input.retentionRemainingMs === undefined) return delay;
  const room = input.retentionRemainingMs - (input.retentionMarginMs ?? 60_000);
  return Math.max(policy.minMs, Math.min(delay, room));
}

/** The platform's `retryAfter`: whole seconds in 1..900, rounded up. */
export function toRetryAfterSeconds(delayMs: number): number {
  if (!Number.isFinite(delayMs)) return MAX_RETRY_AFTER_SECONDS;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(delayMs / 1000)));
}
