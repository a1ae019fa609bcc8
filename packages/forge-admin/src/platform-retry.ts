// The backfill's own platform calls (its state record's get/set, its continuation push) sit outside
// queued storage, so a 429 or 5xx on them must not fail the invocation (the platform would retry it
// only 30-60 s later). `isRetryable` says which errors are worth another try; `withRetry` tries again
// with doubling pauses until a deadline, and only then lets the error through.

const RETRYABLE_CODES = new Set(['RATE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);
const RETRYABLE_NAMES = new Set(['RateLimitError', 'InternalServerError']);

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/**
 * Throttled (429: `@forge/kvs` `RATE_LIMIT_EXCEEDED` / `TOO_MANY_REQUESTS`, `@forge/events`
 * `RateLimitError`) or a server error (5xx, `InternalServerError`): the same call may pass later.
 */
export function isRetryable(error: unknown): boolean {
  const status = field(field(error, 'responseDetails'), 'status');
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  const code = field(error, 'code');
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  const name = field(error, 'name');
  return typeof name === 'string' && RETRYABLE_NAMES.has(name);
}

/** First pause after a refusal; it doubles up to MAX_PAUSE_MS (a refused per-second quota reopens within 1 s, a per-minute one within 60 s). */
export const FIRST_PAUSE_MS = 1_000;
/** Longest pause: a spent per-minute quota is tried again about 8 times a minute, not once. */
export const MAX_PAUSE_MS = 8_000;

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The pause after refusal `n` (1-based): 1 s, 2 s, 4 s, 8 s, 8 s, ..., never past `deadline`; undefined when no time is left. */
export function pauseBefore(n: number, now: number, deadline: number): number | undefined {
  const pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.max(0, Math.min(n - 1, 30)));
  return now + pause > deadline ? undefined : pause;
}

/** Runs `call`; on a retryable error pauses and tries again until `deadline` (clock ms), then rethrows. */
export async function withRetry<T>(call: () => Promise<T>, clock: RetryClock, deadline: number): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const pause = pauseBefore(n, clock.now(), deadline);
      if (pause === undefined) throw error;
      await clock.sleep(pause);
    }
  }
}
