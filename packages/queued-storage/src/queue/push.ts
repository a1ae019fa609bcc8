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
  /** Pace to the push quota (the producer): no push the estimate expects refused, no retry in place after a 429. */
  quota?: PushQuota;
}

/** The push quota's estimate, as pushAll uses it (pace/pacing.ts builds one). */
export interface PushQuota {
  /** ms to wait before pushing `events` events, or undefined: the quota is spent for longer than the caller waits (or `withinMs`). */
  waitMs(events: number, withinMs: number): number | undefined;
  /** ms until the quota is expected to take `events` again (the caller's retry hint). */
  reopensInMs(events: number): number;
  pushed(events: number): void;
  refused(): void;
}

export interface PushReceipt {
  jobIds: string[];
  pushes: number;
  /** With a `quota`: events left unpushed because the push quota is spent, and when it reopens. */
  deferred?: { events: PushEvent[]; reopensInMs: number };
}

const countOps = (events: readonly PushEvent[]) =>
  events.reduce((n, e) => n + (Array.isArray(e.body.ops) ? (e.body.ops as unknown[]).length : 0), 0);

/**
 * Pushes events in as few pushes as the limits allow. RateLimitError / InternalServerError are
 * retried with jittered backoff until the deadline; a partial success re-pushes exactly the events
 * that failed. Throws PushFailedError (retryable) naming what is still unpushed. With a `quota`, a
 * push waits for its slot only as long as the quota allows, a RateLimitError is never retried in
 * place, and what the spent quota holds back is returned as `deferred` (the caller decides).
 */
export async function pushAll(queue: QueuePort, events: readonly PushEvent[], run: PushRun): Promise<PushReceipt> {
  const receipt: PushReceipt = { jobIds: [], pushes: 0 };
  const groups = packPushes(events);
  // After a refusal the estimate was wrong once: defer rather than wait for another slot.
  let refused = false;
  for (let g = 0; g < groups.length; g++) {
    let pending = groups[g] ?? [];
    let attempt = 0;
    let lastFailure: Failure | undefined;
    while (pending.length > 0) {
      if (run.quota !== undefined) {
        const wait = run.quota.waitMs(pending.length, refused ? 0 : run.deadline - run.now());
        if (wait === undefined) {
          const events = [...pending, ...groups.slice(g + 1).flat()];
          receipt.deferred = { events, reopensInMs: run.quota.reopensInMs(pending.length) };
          return receipt;
        }
        if (wait > 0) await run.sleep(wait);
      }
      try {
        const outcome = await queue.push(pending);
        run.quota?.pushed(pending.length - outcome.failed.length);
        receipt.pushes += 1;
        if (outcome.jobId !== '') receipt.jobIds.push(outcome.jobId);
        const failed = new Set(outcome.failed);
        pending = pending.filter((_, i) => failed.has(i));
        if (pending.length === 0) break;
        lastFailure = { kind: 'rate-limited', code: 'PartialSuccessError', message: `${pending.length} event(s) not accepted` };
      } catch (error) {
        lastFailure = classifyFailure(error);
        if (run.quota !== undefined && lastFailure.kind === 'rate-limited') {
          // Spent until its window reopens: the next round defers instead of retrying in place.
          run.quota.refused();
          refused = true;
          continue;
        }
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
