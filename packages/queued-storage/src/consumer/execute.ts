import type { InvocationError } from '@forge/events';
import { applyOperations, type KnownVersions } from '../apply/index.js';
import { jitteredDelayMs, resolveBackoffPolicy, toRetryAfterSeconds } from '../backoff.js';
import { isRetryable, type Failure } from '../classify.js';
import type { History } from '../format.js';
import { buildRetryData } from '../retry-data.js';
import { sleep } from '../runtime.js';
import { redrive, retryRequest, storeDeadLetter } from './actions.js';
import type { ResolvedConsumer } from './options.js';
import { alignToWindow, pauseToWindow, sliceEnd, WINDOW_SPREAD, type Plan, type Step } from './plan.js';
import { deadLetterOf, isSettled, outstandingOps, pendingOf, settleDeadLettered, type RecordContext, type Work } from './work.js';

/** Time one fallback step may take when a platform retry is still in reserve (fail fast, cheap in GB-s). */
export const QUICK_STEP_MS = 3_000;
/** Time one step may take on the final delivery, so the other quotas get their turn. */
export const FINAL_STEP_MS = 12_000;
/** Pause between rounds on the final delivery. */
const ROUND_POLICY = resolveBackoffPolicy({ strategy: 'equal', baseMs: 2_000, capMs: 15_000, minMs: 500 });

export interface Execution {
  /** Versions the consumer instance knows stored for this installation. */
  known?: KnownVersions | undefined;
  queue: string;
  eventId: string | undefined;
  /** The invocation's own deadline (reserve kept). */
  deadline: number;
  /** Failed attempts over all lives, this one included. */
  attempts: number;
  lastError: string;
  /** The retryable failure behind a retry (sets the retry reason). */
  retryFailure: Failure | undefined;
  /** The pacer's write-unit estimate, carried to the next delivery. */
  writeLimit?: number | undefined;
  history: History;
}

export type Executed =
  | { kind: 'settled'; deadLettered: number; deadLetterIds: string[]; applied: number; stale: number }
  | { kind: 'redrive'; delaySeconds: number; deadLettered: number; deadLetterIds: string[]; applied: number; stale: number }
  | { kind: 'retry'; result: InvocationError; retryAfterSeconds: number; deadLettered: number; deadLetterIds: string[]; applied: number; stale: number };

/** Carries a plan out, step by step, until nothing is outstanding. Never throws for the event itself. */
export async function executePlan(o: ResolvedConsumer, work: Work, plan: Plan, x: Execution): Promise<Executed> {
  const tally = { deadLettered: 0, deadLetterIds: [] as string[], applied: 0, stale: 0 };
  const record = (reason: RecordContext['reason']): RecordContext => ({
    reason, lastError: x.lastError, attempts: x.attempts, now: o.now(), queue: x.queue, eventId: x.eventId,
  });

  const run = async (step: Exclude<Step, { kind: 'retry' }>, stepDeadline: number): Promise<'redriven' | undefined> => {
    switch (step.kind) {
      case 'dead-letter': {
        const idx = step.covers === 'failed' ? [...work.failed.keys()] : outstandingOps(work);
        const dl = deadLetterOf(work, idx, record(step.reason));
        if (await storeDeadLetter(o, dl, stepDeadline)) {
          tally.deadLettered += settleDeadLettered(work, idx);
          tally.deadLetterIds.push(dl.id);
        }
        return undefined;
      }
      case 'apply': {
        const report = await applyOperations(o.kvs, work.body.ops, {
          ordered: o.ordered, readFirst: false, versionTtl: o.versionTtl, only: pendingOf(work), shouldStop: () => o.now() >= stepDeadline, known: x.known,
        });
        for (const i of [...report.applied, ...report.stale]) work.settled.add(i);
        for (const f of report.failed) if (!isRetryable(f.failure)) work.failed.set(f.index, f.failure);
        tally.applied += report.applied.length;
        tally.stale += report.stale.length;
        return undefined;
      }
      case 'redrive':
        return (await redrive(o, x.queue, work, x.history, step.delaySeconds, stepDeadline)) ? 'redriven' : undefined;
    }
  };

  const retry = plan.steps.find((s): s is Extract<Step, { kind: 'retry' }> => s.kind === 'retry');
  const others = plan.steps.filter((s): s is Exclude<Step, { kind: 'retry' }> => s.kind !== 'retry');
  for (let round = 0; ; round++) {
    for (const step of others) {
      if (isSettled(work)) return { kind: 'settled', ...tally };
      if (o.now() >= x.deadline) break;
      // The first dead letter (permanent failures) may use the whole invocation when it is the only
      // way out; when a re-drive follows (the window or the retries are running out) it gets a slice,
      // so that a refused dead letter (a storm) leaves the re-drive its turn at the push quota.
      const sliceMs = plan.repeat ? FINAL_STEP_MS : QUICK_STEP_MS;
      const whole = step.kind === 'dead-letter' && step.covers === 'failed' && round === 0 && !others.some((s) => s.kind === 'redrive');
      const stepDeadline = whole ? x.deadline : Math.min(x.deadline, sliceEnd(o.now(), sliceMs));
      if ((await run(step, stepDeadline)) === 'redriven') {
        return { kind: 'redrive', delaySeconds: step.kind === 'redrive' ? step.delaySeconds : 0, ...tally };
      }
    }
    if (isSettled(work)) return { kind: 'settled', ...tally };
    if (!plan.repeat) break;
    const pause = pauseToWindow(o.now(), jitteredDelayMs(ROUND_POLICY, { attempt: round }, o.random), o.random() * 250);
    if (o.now() + pause >= x.deadline) break;
    await sleep(pause);
  }
  // Retry through the platform (the plan's way, or the last resort when every other step failed).
  const delayMs = retry === undefined ? plan.delayMs : retry.latestAt === undefined ? retry.delayMs : alignToWindow(o.now(), retry.delayMs, retry.latestAt, Math.floor(o.random() * WINDOW_SPREAD));
  const retryAfterSeconds = toRetryAfterSeconds(delayMs);
  const unreadableDone = work.unreadable.length === 0;
  const retryData = buildRetryData(
    { attempts: x.attempts, lastDelayMs: delayMs, lastError: x.lastError, ...(unreadableDone ? { invalidDone: true } : {}), ...(x.writeLimit === undefined ? {} : { w: x.writeLimit }) },
    work.settled,
    work.body.ops.length,
  );
  return { kind: 'retry', result: retryRequest(retryAfterSeconds, x.retryFailure, retryData), retryAfterSeconds, ...tally };
}
