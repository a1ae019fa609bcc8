/**
 * Platform retry delay after a thrown error or a timeout (the platform's own backoff, "gaps up to
 * ~15 min"; the exact curve is not published): 60 s doubling per retry, capped at 15 min, with
 * jitter in [50 %, 100 %] drawn from the seeded source. A guess, documented in DIFFERENCES.md.
 */
export const PLATFORM_BACKOFF_BASE_MS = 60_000;
export const PLATFORM_BACKOFF_CAP_MS = 15 * 60_000;

export function platformBackoffMs(retryCount: number, random: () => number): number {
  const exp = Math.min(PLATFORM_BACKOFF_CAP_MS, PLATFORM_BACKOFF_BASE_MS * 2 ** Math.max(0, retryCount - 1));
  return Math.round(exp * (0.5 + random() / 2));
}

/** `InvocationError.retryAfter` in seconds: <= 0 becomes 1, capped at 900. */
export function retryAfterMs(retryAfter: unknown): number {
  const s = typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : 1;
  return Math.min(900, Math.max(1, s)) * 1000;
}

/** `{ _retry: true, retryOptions }`, what `new InvocationError(...)` evaluates to. */
export interface RetryRequest {
  _retry: true;
  retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
}

export function isRetryRequest(v: unknown): v is RetryRequest {
  return typeof v === 'object' && v !== null && (v as { _retry?: unknown })._retry === true;
}

/**
 * Delay before the platform tries again to start an event held back by its concurrency key (not
 * visible to the app: no retryContext, no retry counted). Atlassian's answer on the developer
 * community ("Questions about the new concurrency limits (async events)"): internal retries with
 * exponential backoff, observed gaps of 4 to 16 s, at most 15 minutes between retries. Modelled as
 * 4 s doubling per held retry, jitter [100 %, 200 %), capped at 15 min (a guess in its details).
 */
export const CONCURRENCY_BACKOFF_BASE_MS = 4_000;
export const CONCURRENCY_BACKOFF_CAP_MS = 15 * 60_000;

export function concurrencyBackoffMs(heldRetry: number, random: () => number): number {
  const exp = Math.min(CONCURRENCY_BACKOFF_CAP_MS, CONCURRENCY_BACKOFF_BASE_MS * 2 ** Math.max(0, heldRetry - 1));
  return Math.min(CONCURRENCY_BACKOFF_CAP_MS, Math.round(exp * (1 + random())));
}
