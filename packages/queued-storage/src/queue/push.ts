import { jitteredDelayMs, type BackoffPolicy } from '../backoff.js';
import { classifyFailure, isRetryable, type Failure } from '../classify.js';
import { PushFailedError } from '../errors.js';
import { packPushes } from '../pack.js';
import type { PushEvent, QueuePort } from '../ports.js';
import type { RandomSource } from '../random.js';

export interface PushRun {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: RandomSource;
  policy: BackoffPolicy;
  /** Give up (throw) rather than sleep past this time. */
  deadline: number;
}

export interface PushReceipt {
  jobIds: string[];
  pushes: number;
}

const countOps = (events: readonly PushEvent[]) =>
  events.reduce((n, e) => n + (Array.isArray(e.body.ops) ? (e.body.ops as unknown[]).length : 0), 0);

/**
 * Pushes events in as few pushes as the limits allow. RateLimitError / InternalServerError are
 * retried with jittered backoff until the deadline; a partial success re-pushes exactly the events
 * that failed. Throws PushFailedError (retryable) naming what is still unpushed.
 */
export async function pushAll(queue: QueuePort, events: readonly PushEvent[], run: PushRun): Promise<PushReceipt> {
  const receipt: PushReceipt = { jobIds: [], pushes: 0 };
  const groups = packPushes(events);
  for (let g = 0; g < groups.length; g++) {
    let pending = groups[g] ?? [];
    let attempt = 0;
    let lastFailure: Failure | undefined;
    while (pending.length > 0) {
      try {
        const outcome = await queue.push(pending);
        receipt.pushes += 1;
        if (outcome.jobId !== '') receipt.jobIds.push(outcome.jobId);
        const failed = new Set(outcome.failed);
        pending = pending.filter((_, i) => failed.has(i));
        if (pending.length === 0) break;
        lastFailure = { kind: 'rate-limited', code: 'PartialSuccessError', message: `${pending.length} event(s) not accepted` };
      } catch (error) {
        lastFailure = classifyFailure(error);
        if (!isRetryable(lastFailure)) {
          throw new PushFailedError(`push failed (${lastFailure.code})`, countOps(pending) + countOps(groups.slice(g + 1).flat()), error);
        }
      }
      const delay = jitteredDelayMs(run.policy, { attempt }, run.random);
      attempt += 1;
      if (run.now() + delay > run.deadline) {
        const unpushed = countOps(pending) + countOps(groups.slice(g + 1).flat());
        throw new PushFailedError(`could not push ${unpushed} operation(s) before the invocation ends (last error ${lastFailure.code})`, unpushed, lastFailure);
      }
      await run.sleep(delay);
    }
  }
  return receipt;
}
