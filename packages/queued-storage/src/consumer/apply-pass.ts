import { applyOperations, type ApplyReport, type KnownVersions } from '../apply/index.js';
import { isRetryable } from '../classify.js';
import type { Operation } from '../operation.js';
import { sleep } from '../runtime.js';
import type { Pacing } from '../pace/pacing.js';
import type { ResolvedConsumer } from './options.js';

/** Operations the pacer held back: a rate limit the estimate predicted, so no call was made. */
const PACED = { kind: 'rate-limited' as const, code: 'QS_PACED', message: 'write units estimated spent until their window reopens' };

/** Pause before the one in-invocation retry of a first 429 (plus up to as much again of jitter). */
export const PROBE_PAUSE_MS = 1_000;

/**
 * Applies the operations not yet settled (adding the settled ones to `settled`); no call while a 429
 * said the write units are spent (pace, don't probe), and each write call's units are counted when it
 * starts. With `probe`, a
 * 429 is retried once after about a second inside the invocation: a per-second limit (requests,
 * bytes per key) clears by then, so only a per-minute quota that is used up reaches the platform's
 * retry (which then waits past the quota window).
 */
export async function applyPass(o: ResolvedConsumer, ops: readonly Operation[], settled: Set<number>, deadline: number, probe: boolean, pace: Pacing, known: KnownVersions): Promise<ApplyReport> {
  const open = ops.map((_, i) => i).filter((i) => !settled.has(i));
  if (open.length > 0 && !pace.consumerWrites.wouldTake()) {
    // A 429 said the write units are spent until their window reopens: no version read either.
    return { applied: [], stale: [], failed: open.map((index) => ({ index, failure: PACED })), notAttempted: [], calls: { reads: 0, writes: 0 }, paced: true };
  }
  const run = async (skip: ReadonlySet<number>): Promise<ApplyReport> => {
    const report = await applyOperations(o.kvs, ops, {
      ordered: o.ordered, readFirst: o.readFirst, versionTtl: o.versionTtl,
      only: ops.map((_, i) => i).filter((i) => !settled.has(i) && !skip.has(i)),
      shouldStop: () => o.now() >= deadline,
      batchReads: pace.batchReads, takeWrite: (units) => pace.consumerWrites.take(units), onWritten: (units) => { pace.consumerWrites.accepted(units); },
      onRefused: () => { pace.consumerWrites.refused(); }, known,
    });
    for (const i of [...report.applied, ...report.stale]) settled.add(i);
    if (report.paced === true) {
      // Held back by the pacer: waiting for units, as after a 429 (the retry lands at their slot).
      report.failed.push(...report.notAttempted.map((index) => ({ index, failure: PACED })));
      report.notAttempted = [];
    }
    return report;
  };
  const first = await run(new Set());
  if (!probe || first.paced === true || pace.knownSpent() || !first.failed.some((f) => f.failure.kind === 'rate-limited')) return first;
  const pause = PROBE_PAUSE_MS + o.random() * PROBE_PAUSE_MS;
  if (o.now() + pause + PROBE_PAUSE_MS >= deadline) return first;
  await sleep(pause);
  const permanent = first.failed.filter((f) => !isRetryable(f.failure));
  const second = await run(new Set(permanent.map((f) => f.index)));
  return {
    applied: [...first.applied, ...second.applied],
    stale: [...first.stale, ...second.stale],
    failed: [...permanent, ...second.failed],
    notAttempted: second.notAttempted,
    calls: { reads: first.calls.reads + second.calls.reads, writes: first.calls.writes + second.calls.writes },
    paced: second.paced,
  };
}
