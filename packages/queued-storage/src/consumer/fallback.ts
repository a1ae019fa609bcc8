import { applyOperations } from '../apply/index.js';
import { backoffDelayMs, jitteredDelayMs, resolveBackoffPolicy } from '../backoff.js';
import type { DeadLetter } from '../dead-letters/record.js';
import type { EventBody, History } from '../format.js';
import type { Operation } from '../operation.js';
import { sleep } from '../runtime.js';
import { redrive, storeDeadLetter } from './actions.js';
import type { RetryInput } from './decide.js';
import type { ResolvedConsumer } from './options.js';

/**
 * What keeps a failing event alive when the platform's retries run short. Each way out depends on a
 * different quota: a re-drive on the push quota, re-applying the writes and storing a dead letter on
 * the KVS write quota (without the read quota: no version read first).
 */
export type FallbackStep = 'redrive' | 'apply' | 'dead-letter';

export type FallbackResult =
  | { kind: 'redrive'; delaySeconds: number }
  | { kind: 'applied' }
  | { kind: 'dead-letter'; record: DeadLetter; count: number }
  | { kind: 'none' };

export interface FallbackInput {
  queue: string;
  body: EventBody;
  /** Indexes (into `body.ops`) still unsettled; updated as steps settle some. */
  pending: number[];
  /** Indexes settled so far (applied or stale); updated in place. */
  settled: Set<number>;
  /** Operations the consumer cannot read, not dead-lettered yet: re-driven with the event, or dead-lettered. */
  unreadable: unknown[];
  steps: readonly FallbackStep[];
  /** No platform retry left: keep cycling the steps until the invocation's deadline. */
  final: boolean;
  history: History;
  redriveDelayMs: number;
  deadline: number;
  deadLetter: (ops: Operation[], unreadable: unknown[]) => DeadLetter;
}

/** Time one step may take when a platform retry is still in reserve (fail fast, cheap in GB-s). */
export const QUICK_STEP_MS = 3_000;
/** Time one step may take on the final attempt, so the other quotas get their turn. */
export const FINAL_STEP_MS = 12_000;
/** Pause between rounds on the final attempt. */
const ROUND_POLICY = resolveBackoffPolicy({ strategy: 'equal', baseMs: 2_000, capMs: 15_000, minMs: 500 });

const opsOf = (body: EventBody, idx: readonly number[]): Operation[] => idx.map((i) => body.ops[i]).filter((op) => op !== undefined);

/**
 * Tries each step in turn (one round when a platform retry remains, rounds with equal-jitter pauses
 * until the deadline on the final attempt). Returns how the pending operations were settled, or 'none'.
 */
export async function runFallback(o: ResolvedConsumer, f: FallbackInput): Promise<FallbackResult> {
  for (let round = 0; ; round++) {
    for (const step of f.steps) {
      if (o.now() >= f.deadline) return { kind: 'none' };
      const stepDeadline = Math.min(f.deadline, o.now() + (f.final ? FINAL_STEP_MS : QUICK_STEP_MS));
      const result = await runStep(o, f, step, stepDeadline);
      if (result.kind !== 'none') return result;
    }
    if (!f.final) return { kind: 'none' };
    const pause = jitteredDelayMs(ROUND_POLICY, { attempt: round }, o.random);
    if (o.now() + pause >= f.deadline) return { kind: 'none' };
    await sleep(pause);
  }
}

async function runStep(o: ResolvedConsumer, f: FallbackInput, step: FallbackStep, deadline: number): Promise<FallbackResult> {
  if (step === 'redrive') {
    const delaySeconds = Math.min(900, Math.max(0, Math.ceil(f.redriveDelayMs / 1000)));
    const ok = await redrive(o, f.queue, f.body, opsOf(f.body, f.pending), f.unreadable, f.history, delaySeconds, deadline);
    return ok ? { kind: 'redrive', delaySeconds } : { kind: 'none' };
  }
  if (step === 'dead-letter') {
    const ops = opsOf(f.body, f.pending);
    const record = f.deadLetter(ops, f.unreadable);
    return (await storeDeadLetter(o, record, deadline)) ? { kind: 'dead-letter', record, count: ops.length + f.unreadable.length } : { kind: 'none' };
  }
  const report = await applyOperations(o.kvs, f.body.ops, {
    ordered: o.ordered, readFirst: false, versionTtl: o.versionTtl, only: f.pending, shouldStop: () => o.now() >= deadline,
  });
  for (const i of [...report.applied, ...report.stale]) f.settled.add(i);
  f.pending = f.pending.filter((i) => !f.settled.has(i));
  // Applied only when nothing is left: unreadable operations still need their dead letter.
  return f.pending.length === 0 && f.unreadable.length === 0 ? { kind: 'applied' } : { kind: 'none' };
}

/** Quotas (push events, KVS units) are per minute. */
const QUOTA_WINDOW_MS = 60_000;

/**
 * The platform retry used when every fallback step failed: at least one quota window away (plus up to
 * half a window of jitter), so the reserved retry meets fresh quotas; never past the retention window.
 */
export function fallbackRetryMs(o: ResolvedConsumer, input: RetryInput): number {
  const backoff = backoffDelayMs(o.backoff, { attempt: input.priorAttempts, previousDelayMs: input.previousDelayMs }, o.random);
  const wanted = Math.max(backoff, QUOTA_WINDOW_MS + o.random() * (QUOTA_WINDOW_MS / 2));
  const room = input.retentionRemainingMs - input.retentionMarginMs;
  return Math.max(o.backoff.minMs, Math.min(wanted, o.backoff.capMs, room));
}
