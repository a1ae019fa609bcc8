import { resolveBackoffPolicy, type BackoffPolicy } from '../backoff.js';

/** Backoff between push retries (RateLimitError, InternalServerError): full jitter, 0.1..10 s. */
export const DEFAULT_PUSH_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ strategy: 'full', baseMs: 500, capMs: 10_000, minMs: 100 });

/** The push backoff of the consumer's re-drives and dead-letter replays (the producer's is an option). */
export const PUSH_POLICY: BackoffPolicy = resolveBackoffPolicy(DEFAULT_PUSH_BACKOFF);
