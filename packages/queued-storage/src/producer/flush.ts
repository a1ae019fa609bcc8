import { applyOperations } from '../apply/index.js';
import { jitteredDelayMs } from '../backoff.js';
import { isRetryable } from '../classify.js';
import { coalesce } from '../coalesce.js';
import { DirectWriteFailedError } from '../errors.js';
import type { Operation } from '../operation.js';
import { installationKey, invocationDeadline, sleep } from '../runtime.js';
import type { ResolvedProducer } from './options.js';
import { buildEvents, pushAll } from '../queue/index.js';
import type { ThrottleMemory } from './throttle.js';
import { pacing } from '../pace/pacing.js';
import type { PaceRegistry } from '../pace/registry.js';

/** What one flush did. `direct + queued` = operations after coalescing. */
export interface Receipt {
  /** Jobs of the pushes (read progress with `storage.progress(receipt)`). */
  jobIds: string[];
  events: number;
  pushes: number;
  /** Operations settled straight in KVS (written, or already superseded by a newer version). */
  direct: number;
  /** Operations handed to the queue. */
  queued: number;
}

export function emptyReceipt(): Receipt {
  return { jobIds: [], events: 0, pushes: 0, direct: 0, queued: 0 };
}

/** Operations too large for an event can only be written directly: retry them until the deadline. */
async function writeOversized(ops: Operation[], o: ResolvedProducer, deadline: number, observe: Observe): Promise<DirectWriteFailedError | undefined> {
  for (let attempt = 0; ; attempt++) {
    const report = await applyOperations(o.kvs, ops, { ordered: o.ordered, readFirst: false, versionTtl: o.versionTtl, observeConflicts: true, shouldStop: () => o.now() >= deadline });
    observe(report.observed);
    const done = new Set([...report.applied, ...report.stale]);
    ops = ops.filter((_, i) => !done.has(i));
    if (ops.length === 0) return undefined;
    const failure = report.failed[0]?.failure ?? { kind: 'transient' as const, code: 'NOT_ATTEMPTED', message: 'out of time' };
    const delay = jitteredDelayMs(o.pushBackoff, { attempt }, o.random);
    if (!isRetryable(failure) || o.now() + delay > deadline) {
      return new DirectWriteFailedError(`could not write ${ops.length} operation(s) too large to queue (${failure.code})`, ops.map((op) => op.k), failure);
    }
    await sleep(delay);
  }
}

/**
 * Coalesces, writes directly while KVS is not throttling (the direct path), queues the rest in as few
 * events and pushes as the limits allow. Throws PushFailedError / DirectWriteFailedError (retryable)
 * when something could not be handed over before the invocation ends.
 */
/** Hands a version stamp read from KVS to the producer's clock. */
export type Observe = (stamp: string | undefined) => void;

export async function flushOperations(raw: readonly Operation[], o: ResolvedProducer, observe: Observe, throttle: ThrottleMemory, pacers: PaceRegistry): Promise<Receipt> {
  const receipt = emptyReceipt();
  const ops = coalesce(raw);
  if (ops.length === 0) return receipt;
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
  let pending = ops;
  let throttled = false;
  if (o.direct) {
    const installation = installationKey();
    const pace = pacing(pacers, installation, o.now);
    if (!throttle.isThrottled(installation, o.now()) && !pace.knownSpent()) {
      const report = await applyOperations(o.kvs, ops, {
        ordered: o.ordered,
        readFirst: false,
        versionTtl: o.versionTtl,
        maxWriteCalls: o.direct.maxCalls,
        observeConflicts: true,
        shouldStop: () => o.now() >= deadline,
        batchReads: pace.batchReads, onWritten: pace.onWritten, onRefused: pace.onRefused,
      });
      observe(report.observed);
      const done = new Set([...report.applied, ...report.stale]);
      receipt.direct = done.size;
      if (report.failed.some((f) => f.failure.kind === 'rate-limited')) {
        throttle.markThrottled(installation, o.now(), o.direct.cooldownMs);
        throttled = true;
      }
      pending = ops.filter((_, i) => !done.has(i));
    }
  }
  // Queued because KVS throttles (now, or within the cooldown): deliver after the window reopens.
  const delayInSeconds = throttled || (o.direct !== undefined && pending.length > 0 && throttle.isThrottled(installationKey(), o.now()))
    ? Math.max(o.delayInSeconds, o.throttledDelaySeconds) : o.delayInSeconds;
  const built = buildEvents(pending, { ...o, delayInSeconds }, o.now(), o.random);
  const oversizedError = built.oversized.length > 0 ? await writeOversized(built.oversized, o, deadline, observe) : undefined;
  receipt.direct += built.oversized.length - (oversizedError?.keys.length ?? 0);
  if (built.events.length > 0) {
    const pushed = await pushAll(o.queueFactory(o.queue), built.events, {
      now: o.now,
      sleep,
      random: o.random,
      policy: o.pushBackoff,
      deadline,
    });
    receipt.jobIds = pushed.jobIds;
    receipt.pushes = pushed.pushes;
    receipt.events = built.events.length;
    receipt.queued = pending.length - built.oversized.length;
  }
  if (oversizedError) throw oversizedError;
  return receipt;
}
