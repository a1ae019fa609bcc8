import { applyOperations } from '../apply/index.js';
import { jitteredDelayMs } from '../backoff.js';
import { classifyFailure } from '../classify.js';
import { PushQuotaSpentError } from '../errors.js';
import type { Operation } from '../operation.js';
import type { KvsPort } from '../ports.js';
import { pacing } from '../pace/pacing.js';
import type { PaceRegistry } from '../pace/registry.js';
import { installationKey, invocationDeadline, sleep } from '../runtime.js';
import { emptyReceipt, type Observe, type Receipt } from './flush.js';
import type { KnownVersions } from './known-versions.js';
import type { ResolvedProducer } from './options.js';
import type { SlotBook } from './slot-book.js';
import type { TriggerAttempt } from './trigger.js';
import { planTrigger } from './trigger-plan.js';

/** The instance state a trigger's flush uses. */
export interface TriggerState {
  pacers: PaceRegistry;
  book: SlotBook;
  known: KnownVersions;
}

/** The general flush (direct path, then pushes): `waitToDeadline` lets it wait in place for a window. */
export type GeneralFlush = (ops: Operation[], o: ResolvedProducer, waitToDeadline: boolean) => Promise<Receipt>;

/** Re-plans after a refusal at most this often; then the general flush takes what is left. */
const MAX_ROUNDS = 4;

/** KVS calls (25 operations each, about one write unit for small values) a set of operations needs. */
const writeUnitsFor = (ops: readonly Operation[]): number => Math.max(1, Math.ceil(ops.length / 25));

const add = (into: Receipt, r: Receipt): void => {
  into.jobIds.push(...r.jobIds);
  into.events += r.events;
  into.pushes += r.pushes;
  into.direct += r.direct;
  into.queued += r.queued;
};

/**
 * The KVS port with refused conditions counted as spent: a transaction refused with 409 was charged
 * its write units (the condition is checked after the quota), which the estimate must know, or the
 * slots it books overrun the window.
 */
function chargingConflicts(kvs: KvsPort, spent: () => void): KvsPort {
  return {
    ...kvs,
    transact: async (transaction) => {
      try {
        await kvs.transact(transaction);
      } catch (error) {
        if (classifyFailure(error).kind === 'conflict') spent();
        throw error;
      }
    },
  };
}

/** Writes `ops` directly, retrying 5xx in place until the deadline. Returns what is left and whether a 429 refused it. */
async function writeDirect(ops: Operation[], o: ResolvedProducer, s: TriggerState, deadline: number, observe: Observe): Promise<{ rest: Operation[]; written: number; refused: boolean }> {
  const installation = installationKey();
  const pace = pacing(s.pacers, installation, o.now);
  let written = 0;
  const kvs = chargingConflicts(o.kvs, pace.onPacedWritten);
  for (let attempt = 0; ; attempt++) {
    const report = await applyOperations(kvs, ops, {
      ordered: o.ordered, readFirst: false, versionTtl: o.versionTtl, observeConflicts: true, shouldStop: () => o.now() >= deadline,
      batchReads: pace.batchReads, onWritten: pace.onPacedWritten, onRefused: pace.onPacedRefused,
    });
    observe(report.observed);
    if (o.ordered) s.known.learn(installation, report.applied.map((i) => ops[i] as Operation), o.now());
    const done = new Set([...report.applied, ...report.stale]);
    written += done.size;
    ops = ops.filter((_, i) => !done.has(i));
    const refused = report.failed.some((f) => f.failure.kind === 'rate-limited');
    if (ops.length === 0 || refused) return { rest: ops, written, refused };
    const delay = jitteredDelayMs(o.pushBackoff, { attempt }, o.random);
    if (report.failed.some((f) => f.failure.kind !== 'transient') || o.now() + delay > deadline) return { rest: ops, written, refused };
    await sleep(delay);
  }
}

/**
 * The flush of a trigger wrapped by `storage.trigger()`: writes known stale are settled without a
 * call; the rest is written directly at a write-unit slot (one booked by an earlier attempt, or free
 * now), or booked for a timed platform retry, or pushed (delayed to its slot) on the last retries,
 * or, on the last attempt with nothing free, left to the general flush, which waits for the first
 * opening (trigger-plan.ts).
 */
export async function flushTrigger(ops: Operation[], o: ResolvedProducer, observe: Observe, s: TriggerState, attempt: TriggerAttempt, general: GeneralFlush): Promise<Receipt> {
  const receipt = emptyReceipt();
  const installation = installationKey();
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
  let pending = ops;
  if (o.ordered) {
    const { fresh, stale } = s.known.split(installation, pending, o.now());
    pending = fresh;
    receipt.direct += stale;
  }
  let bookedAt = attempt.bookedAt;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      add(receipt, await general(pending, o, attempt.retriesLeft === 0));
      return receipt;
    }
    const pace = pacing(s.pacers, installation, o.now);
    const units = writeUnitsFor(pending);
    // The holder's own booking must not stand in its way.
    if (bookedAt !== undefined) s.book.release(installation, bookedAt, units);
    const now = o.now();
    const plan = planTrigger({
      now, deadline, retriesLeft: attempt.retriesLeft, bookedAt,
      unitsRoomNow: pace.writeRoom(units), unitSlotAt: s.book.slotAt(installation, pace.writeEstimate(), now, units),
      pushFree: pace.pushFree(), maxWaitMs: o.quotaWaitMs,
    });
    bookedAt = undefined;
    switch (plan.kind) {
      case 'direct': {
        if (plan.at > now) {
          // Wait for the slot, then plan again holding it: a 429 learned meanwhile sends it back.
          s.book.book(installation, plan.at, units);
          await sleep(plan.at - now);
          bookedAt = plan.at;
          break;
        }
        const { rest, written, refused } = await writeDirect(pending, o, s, deadline, observe);
        receipt.direct += written;
        pending = rest;
        if (pending.length > 0 && !refused) {
          // Not a quota (5xx until the deadline, or refused for good): the general flush queues it.
          add(receipt, await general(pending, o, attempt.retriesLeft === 0));
          return receipt;
        }
        break;
      }
      case 'later':
        if (plan.book) s.book.book(installation, plan.slotAt, units);
        throw new PushQuotaSpentError(pending.length, plan.retryAfterMs, plan.book ? plan.slotAt : undefined);
      case 'push': {
        s.book.book(installation, plan.slotAt, units);
        try {
          add(receipt, await general(pending, { ...o, direct: undefined, delayInSeconds: Math.min(900, Math.ceil(plan.delayMs / 1000)) }, false));
          return receipt;
        } catch (error) {
          s.book.release(installation, plan.slotAt, units);
          if (!(error instanceof PushQuotaSpentError)) throw error;
        }
        break;
      }
      case 'wait':
        add(receipt, await general(pending, o, true));
        return receipt;
    }
  }
  return receipt;
}
