import { jitteredDelayMs, type BackoffPolicy } from './backoff.js';
import { classifyFailure, isRetryable } from './classify.js';
import type { RandomSource } from './random.js';

export interface RetryRun {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: RandomSource;
  policy: BackoffPolicy;
  /** Never sleep past this time: throw the last error instead. */
  deadline: number;
}

/** Calls `fn` again after throttling or server errors, with jittered backoff, until the deadline. */
export async function withRetry<T>(fn: () => Promise<T>, run: RetryRun): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const delay = jitteredDelayMs(run.policy, { attempt }, run.random);
      if (!isRetryable(classifyFailure(error)) || run.now() + delay > run.deadline) throw error;
      await run.sleep(delay);
    }
  }
}
