import type { InvocationError } from '@forge/events';
import { isRetryable, type Failure } from '../classify.js';
import { rawText } from '../dead-letters/record.js';
import { FORMAT_VERSION, parseEventBody, type EventBody } from '../format.js';
import { randomId } from '../random.js';
import { decodeSettled, parseRetryData } from '../retry-data.js';
import { installationKey, invocationDeadline, invocationRemainingMs } from '../runtime.js';
import { pacing } from '../pace/pacing.js';
import { applyPass } from './apply-pass.js';
import { executePlan } from './execute.js';
import type { ResolvedConsumer } from './options.js';
import { readRetryContext, type ConsumerOutcome, type Delivery } from './outcome.js';
import { planDelivery } from './plan.js';
import { learnWindow, retentionRemaining, windowLength } from './retention.js';
import { lifeKey } from './lives.js';
import { pushesScarce } from './push-refusals.js';
import { opsAt, pendingOf, unreadableCount, type Work } from './work.js';
import { KEYS_PER_TRANSACTION, writeUnitsOf } from '../apply/index.js';

export interface Handled {
  result: InvocationError | undefined;
  outcome: ConsumerOutcome;
}

const QUEUE_NAME = /^[a-zA-Z0-9-_]{1,36}$/;

/** The work of one delivery: the readable event, or a stand-in holding the unreadable body. */
function workOf(d: Delivery, o: ResolvedConsumer, started: number): { work: Work; attemptsBefore: number; lastDelayMs: number | undefined; redrives: number } {
  const parsed = parseEventBody(d.body);
  if (parsed.ok) {
    const { body } = parsed;
    return {
      work: { body, settled: new Set(), failed: new Map(), unreadable: parsed.invalid, malformed: undefined },
      attemptsBefore: body.h?.attempts ?? 0, lastDelayMs: body.h?.lastDelayMs, redrives: body.h?.redrives ?? 0,
    };
  }
  const carried = parsed.carried;
  learnWindow(o.retention, carried?.h?.windowMs);
  const id = carried?.id ?? d.eventId ?? `${Math.floor(started).toString(36)}-${randomId(o.random, 8)}`;
  const body: EventBody = { qs: FORMAT_VERSION, id, at: carried?.at ?? started, ops: [] };
  const raw = carried?.raw ?? rawText(d.body);
  return {
    work: { body, settled: new Set(), failed: new Map(), unreadable: [], malformed: { reason: parsed.reason, raw } },
    attemptsBefore: carried?.h?.attempts ?? 0, lastDelayMs: carried?.h?.lastDelayMs, redrives: carried?.h?.redrives ?? 0,
  };
}

/**
 * Handles one delivery: applies what it can, asks the planner what settles the rest (plan.ts), and
 * carries the plan out (execute.ts). The same path for readable and unreadable bodies. Never throws
 * for anything about the event itself.
 */
export async function handleDelivery(d: Delivery, o: ResolvedConsumer): Promise<Handled> {
  const started = o.now();
  const rc = readRetryContext(d.retryContext);
  learnWindow(o.retention, windowLength(rc.retentionRemainingMs, rc.retentionStartMs, started));
  const queue = typeof d.queueName === 'string' && QUEUE_NAME.test(d.queueName) ? d.queueName : o.queue;
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
  // What a crash or timeout of a delivery could cost besides the platform's delay (every retry keeps
  // room for `reserveRetries` of them in the retention window: plan.ts).
  const invocationMs = invocationRemainingMs() ?? o.fallbackBudgetMs;
  const { work, attemptsBefore, lastDelayMs, redrives } = workOf(d, o, started);
  const malformed = work.malformed !== undefined;
  learnWindow(o.retention, work.body.h?.windowMs);
  const rd = parseRetryData(rc.retryData);
  // Unreadable operations travel with the event (retryData flag, `u` in re-driven bodies) until dead-lettered.
  if (rd?.invalidDone === true) work.unreadable = [];
  if (rd?.settled !== undefined) for (const i of decodeSettled(rd.settled, work.body.ops.length)) work.settled.add(i);
  const priorAttempts = attemptsBefore + rc.retryCount;
  const out: ConsumerOutcome = {
    outcome: 'ok', queue, eventId: d.eventId, jobId: d.jobId, batchId: malformed ? undefined : work.body.id, attempt: priorAttempts + 1,
    retryCount: rc.retryCount, operations: work.body.ops.length + work.unreadable.length, applied: 0, stale: 0, deadLettered: 0, pending: 0,
    reads: 0, writes: 0, durationMs: 0,
  };
  const installation = installationKey();
  // A duplicate (or a late retry) of a life this instance ended: nothing is left to do (lives.ts).
  const life = lifeKey(installation, work.body, redrives);
  const ended = o.ended.get(life);
  if (ended !== undefined) {
    out.duplicate = ended;
    out.durationMs = o.now() - started;
    return { result: undefined, outcome: out };
  }

  const pace = pacing(o.pacers, installation, o.now);
  pace.adopt(rd?.w);
  const known = o.known.of(installation);
  const report = await applyPass(o, work.body.ops, work.settled, deadline, priorAttempts === 0, pace, known);
  for (const f of report.failed) if (!isRetryable(f.failure)) work.failed.set(f.index, f.failure);
  const retryFailure: Failure | undefined = report.failed.find((f) => isRetryable(f.failure))?.failure;
  out.lastError = malformed ? 'QS_MALFORMED_EVENT' : retryFailure?.code ?? report.failed[0]?.failure.code ?? rd?.lastError;
  const lastError = out.lastError ?? 'UNKNOWN';

  // After a 429 (or a call the pacer held back): come back when the estimate has the units (their slot promised).
  const pacedDelayMs = o.pace && retryFailure?.kind === 'rate-limited'
    ? pace.consumerWrites.reserveDelayMs(writeUnitsOf(opsAt(work, pendingOf(work)).map((op, i) => ({ i, op })), KEYS_PER_TRANSACTION, o.ordered))
    : undefined;
  // The window a fresh life gets (learned from retries, or assumed): a re-drive's room, and how long a push refusal counts.
  const windowMs = Math.min(o.retentionMs, o.retention.learnedMs ?? Infinity);
  const plan = planDelivery({
    now: o.now(), firstQueuedAt: work.body.at, retryCount: rc.retryCount, priorAttempts, previousDelayMs: rd?.lastDelayMs ?? lastDelayMs,
    retentionRemainingMs: retentionRemaining({
      toldMs: rc.retentionRemainingMs, assumedMs: o.retentionMs, learnedMs: o.retention.learnedMs, pushedAt: work.body.q ?? (malformed ? started : work.body.at), now: o.now(),
    }),
    invocationMs, windowMs,
    pending: pendingOf(work).length, failed: work.failed.size, unreadable: unreadableCount(work), rateLimited: retryFailure?.kind === 'rate-limited',
    pacedDelayMs, quotaFlowing: pace.consumerWrites.flowing(),
    pushesScarce: pushesScarce(o.pushRefusals.lastAt(installation), o.now(), windowMs),
  }, o, o.random);
  const done = await executePlan(o, work, plan, {
    known, queue, eventId: d.eventId, deadline, attempts: priorAttempts + 1, lastError, retryFailure, writeLimit: pace.writeLimit(),
    history: { attempts: priorAttempts + 1, redrives: redrives + 1, lastError, lastDelayMs: plan.delayMs, windowMs: o.retention.learnedMs },
  });

  out.applied = report.applied.length + done.applied;
  out.stale = report.stale.length + done.stale;
  out.reads = report.calls.reads;
  out.writes = report.calls.writes;
  out.deadLettered = done.deadLettered;
  if (done.deadLetterIds.length > 0) out.deadLetterIds = done.deadLetterIds;
  out.pending = done.kind === 'retry' ? pendingOf(work).length : 0;
  if (done.kind === 'redrive') {
    out.outcome = 'redrive';
    out.redriveDelaySeconds = done.delaySeconds;
  } else if (done.kind === 'retry') {
    out.outcome = 'retry';
    out.retryAfterSeconds = done.retryAfterSeconds;
  } else {
    out.outcome = malformed ? 'malformed' : done.deadLettered > 0 ? 'dead-letter' : 'ok';
  }
  if (done.kind !== 'retry') o.ended.end(life, done.kind === 'redrive' ? 'redriven' : 'settled');
  out.durationMs = o.now() - started;
  return { result: done.kind === 'retry' ? done.result : undefined, outcome: out };
}
