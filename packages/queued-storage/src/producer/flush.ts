import { applyOperations } from '../apply/index.js';
import { jitteredDelayMs } from '../backoff.js';
import { isRetryable } from '../classify.js';
import { coalesce } from '../coalesce.js';
import { DirectWriteFailedError, PushQuotaSpentError } from '../errors.js';
import type { EventBody } from '../format.js';
import type { Operation } from '../operation.js';
import { installationKey, invocationDeadline, sleep } from '../runtime.js';
import type { ResolvedProducer } from './options.js';
import { buildEvents, pushAll, type PushReceipt } from '../queue/index.js';
import type { ThrottleMemory } from './throttle.js';
import type { RefusalMemory } from './refusals.js';
import { pacing, type Pacing } from '../pace/pacing.js';
import type { PushEvent, QueuePort } from '../ports.js';
import type { PaceRegistry } from '../pace/registry.js';
import { flushTrigger, type TriggerState } from './trigger-flush.js';
import type { TriggerAttempt } from './trigger.js';

/**
 * A flush refused this many times before (a retried trigger: the platform retries a product trigger
 * at most 4 times) waits for the push window up to its deadline instead of failing fast.
 */
const WAIT_AFTER_REFUSALS = 1;

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

/** A retried trigger's last push, against the estimate, goes this long before its deadline. */
const PROBE_LEAD_MS = 1_000;

/** One push of `events` whatever the estimate says (no retry in place): what it refuses comes back deferred. */
function pushOnce(queue: QueuePort, events: readonly PushEvent[], o: ResolvedProducer, pace: Pacing, deadline: number): Promise<PushReceipt> {
  const quota = pace.pushes(0);
  let tried = false;
  return pushAll(queue, events, {
    now: o.now, sleep, random: o.random, policy: o.pushBackoff, deadline,
    quota: { ...quota, waitMs: () => (tried ? undefined : ((tried = true), 0)) },
  });
}

/** KVS calls (25 operations each, about one write unit for small values) a set of operations needs. */
const writeUnitsFor = (ops: readonly Operation[]): number => Math.max(1, Math.ceil(ops.length / 25));

const opsOf = (events: readonly PushEvent[]): Operation[] => events.flatMap((e) => (e.body as unknown as EventBody).ops);

/**
 * The push quota is spent (pushAll deferred `ops`): write them directly when the write units are
 * expected free within `quotaWaitMs` and the deadline, else fail fast with PushQuotaSpentError
 * (never retry pushes in place). Returns how many were written.
 */
async function writeAtBoundary(ops: Operation[], o: ResolvedProducer, pace: Pacing, deadline: number, maxWaitMs: number, observe: Observe, pushReopensInMs: number): Promise<number> {
  const units = writeUnitsFor(ops);
  const wait = pace.writeSlotMs(units);
  if (o.direct === undefined || wait > maxWaitMs || o.now() + wait > deadline) {
    throw new PushQuotaSpentError(ops.length, o.direct === undefined ? pushReopensInMs : Math.min(wait, pushReopensInMs));
  }
  if (wait > 0) await sleep(pace.reserveDelayMs(units));
  const report = await applyOperations(o.kvs, ops, {
    ordered: o.ordered, readFirst: false, versionTtl: o.versionTtl, observeConflicts: true, shouldStop: () => o.now() >= deadline,
    batchReads: pace.batchReads, onWritten: pace.onWritten, onRefused: pace.onRefused,
  });
  observe(report.observed);
  const done = new Set([...report.applied, ...report.stale]);
  if (done.size < ops.length) throw new PushQuotaSpentError(ops.length - done.size, Math.min(pace.writeSlotMs(units), pushReopensInMs));
  return done.size;
}

/** Hands a version stamp read from KVS to the producer's clock. */
export type Observe = (stamp: string | undefined) => void;

/** A flush inside `storage.trigger()`: the attempt and the instance state its plan uses. */
export interface TriggerFlush {
  attempt: TriggerAttempt;
  state: TriggerState;
}

export async function flushOperations(raw: readonly Operation[], o: ResolvedProducer, observe: Observe, throttle: ThrottleMemory, pacers: PaceRegistry, refusals: RefusalMemory, trigger?: TriggerFlush): Promise<Receipt> {
  const ops = coalesce(raw);
  if (ops.length === 0) return emptyReceipt();
  if (trigger !== undefined) {
    return flushTrigger(ops, o, observe, trigger.state, trigger.attempt, (rest, options, waitToDeadline) => flushCoalesced(rest, options, observe, throttle, pacers, waitToDeadline));
  }
  try {
    const receipt = await flushCoalesced(ops, o, observe, throttle, pacers, refusals.count(ops) >= WAIT_AFTER_REFUSALS);
    refusals.settled(ops);
    return receipt;
  } catch (error) {
    if (error instanceof PushQuotaSpentError) refusals.refused(ops);
    throw error;
  }
}

/**
 * Coalesces, writes directly while KVS is not throttling (the direct path), queues the rest in as few
 * events and pushes as the limits allow. Throws PushFailedError / DirectWriteFailedError (retryable)
 * when something could not be handed over before the invocation ends.
 */
export async function flushCoalesced(ops: Operation[], o: ResolvedProducer, observe: Observe, throttle: ThrottleMemory, pacers: PaceRegistry, waitToDeadline: boolean): Promise<Receipt> {
  const receipt = emptyReceipt();
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
  const maxWaitMs = waitToDeadline ? Math.max(o.quotaWaitMs, deadline - o.now()) : o.quotaWaitMs;
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
    const pace = pacing(pacers, installationKey(), o.now);
    const queue = o.queueFactory(o.queue);
    const push = (events: readonly PushEvent[]) => pushAll(queue, events, {
      now: o.now,
      sleep,
      random: o.random,
      policy: o.pushBackoff,
      deadline,
      quota: pace.pushes(maxWaitMs),
    });
    let events: readonly PushEvent[] = built.events;
    let probe: 'unused' | 'now' | 'spent' = 'unused';
    for (;;) {
      const pushed = await (probe === 'now' ? pushOnce(queue, events, o, pace, deadline) : push(events));
      if (probe === 'now') probe = 'spent';
      receipt.jobIds.push(...pushed.jobIds);
      receipt.pushes += pushed.pushes;
      receipt.events += events.length - (pushed.deferred?.events.length ?? 0);
      receipt.queued += opsOf(events).length - (pushed.deferred === undefined ? 0 : opsOf(pushed.deferred.events).length);
      if (pushed.deferred === undefined) break;
      if (oversizedError) throw oversizedError;
      try {
        receipt.direct += await writeAtBoundary(opsOf(pushed.deferred.events), o, pace, deadline, maxWaitMs, observe, pushed.deferred.reopensInMs);
        break;
      } catch (error) {
        // A retried trigger (refused before) waits for the push window to reopen when it does so
        // before the deadline, rather than fail into the platform's retry cap.
        // When the estimate says it reopens after the deadline, the trigger still tries one push just
        // before it (the estimate cannot see when others' pushes leave a sliding window), once.
        const reopensInMs = pushed.deferred.reopensInMs;
        if (!(error instanceof PushQuotaSpentError) || !waitToDeadline) throw error;
        if (o.now() + reopensInMs < deadline) {
          await sleep(reopensInMs);
        } else {
          if (probe !== 'unused' || deadline - o.now() <= PROBE_LEAD_MS) throw error;
          await sleep(deadline - o.now() - PROBE_LEAD_MS);
          probe = 'now';
        }
        events = pushed.deferred.events;
      }
    }
  }
  if (oversizedError) throw oversizedError;
  return receipt;
}
