import type { InvocationError } from '@forge/events';
import { isRetryable, type Failure } from '../classify.js';
import { deadLetterId, rawText, type DeadLetter, type DeadLetterReason } from '../dead-letters/record.js';
import { parseEventBody, type EventBody } from '../format.js';
import { buildRetryData, decodeSettled, parseRetryData } from '../retry-data.js';
import { invocationDeadline, invocationRemainingMs } from '../runtime.js';
import { backoffDelayMs, toRetryAfterSeconds } from '../backoff.js';
import { retryRequest, storeDeadLetter } from './actions.js';
import { applyPass } from './apply-pass.js';
import { fallbackRetryMs, runFallback, type FallbackStep } from './fallback.js';
import { decideRetry, platformFailureDelayMs, platformWillRetry } from './decide.js';
import { handleMalformed } from './malformed.js';
import { learnWindow, retentionRemaining, windowLength } from './retention.js';
import type { ResolvedConsumer } from './options.js';
import { readRetryContext, type ConsumerOutcome, type Delivery } from './outcome.js';

export interface Handled {
  result: InvocationError | undefined;
  outcome: ConsumerOutcome;
}

const QUEUE_NAME = /^[a-zA-Z0-9-_]{1,36}$/;

/** Dead-letter ids become KVS keys: keep them to safe characters, deterministic per event. */
const safeId = (id: string) => id.replace(/[^a-zA-Z0-9:._-]/g, '_').slice(0, 200);

/** Applies one delivered event. Never throws for anything about the event itself. */
export async function handleDelivery(d: Delivery, o: ResolvedConsumer): Promise<Handled> {
  const started = o.now();
  const rc = readRetryContext(d.retryContext);
  learnWindow(o.retention, windowLength(rc.retentionRemainingMs, rc.retentionStartMs, started));
  const queue = typeof d.queueName === 'string' && QUEUE_NAME.test(d.queueName) ? d.queueName : o.queue;
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
  // What a crash or timeout of the next delivery could cost: its run time plus the platform's delay.
  const failureReserveMs = (invocationRemainingMs() ?? o.fallbackBudgetMs) + platformFailureDelayMs(rc.retryCount);
  const parsed = parseEventBody(d.body);
  const out: ConsumerOutcome = {
    outcome: 'ok', queue, eventId: d.eventId, jobId: d.jobId, attempt: rc.retryCount + 1, retryCount: rc.retryCount,
    operations: 0, applied: 0, stale: 0, deadLettered: 0, pending: 0, reads: 0, writes: 0, durationMs: 0,
  };
  const done = (result: InvocationError | undefined): Handled => {
    out.durationMs = o.now() - started;
    return { result, outcome: out };
  };
  const dead = (body: EventBody, reason: DeadLetterReason, detail: string, ops: EventBody['ops'], extra: Partial<DeadLetter> = {}): DeadLetter => ({
    id: deadLetterId(body.id, reason, ops, extra.raw),
    reason, detail, lastError: out.lastError ?? reason, attempts: out.attempt, firstQueuedAt: body.at, deadAt: o.now(),
    queue, eventId: d.eventId, batchId: body.id, ops, ...extra,
  });

  if (!parsed.ok) return done(await handleMalformed(d, parsed, o, { out, started, rc, queue, deadline, safeId, failureReserveMs }));

  const body = parsed.body;
  learnWindow(o.retention, body.h?.windowMs);
  const ops = body.ops;
  out.batchId = body.id;
  out.operations = ops.length + parsed.invalid.length;
  const rd = parseRetryData(rc.retryData);
  const priorAttempts = (body.h?.attempts ?? 0) + rc.retryCount;
  out.attempt = priorAttempts + 1;
  const settled = rd?.settled !== undefined ? decodeSettled(rd.settled, ops.length) : new Set<number>();
  const report = await applyPass(o, ops, settled, deadline, priorAttempts === 0);
  out.applied = report.applied.length;
  out.stale = report.stale.length;
  out.reads = report.calls.reads;
  out.writes = report.calls.writes;

  // Permanent failures (and operations that break KVS rules) become one dead letter.
  const permanent = report.failed.filter((f) => !isRetryable(f.failure));
  const retryFailure: Failure | undefined = report.failed.find((f) => isRetryable(f.failure))?.failure;
  out.lastError = retryFailure?.code ?? permanent[0]?.failure.code ?? rd?.lastError;
  // Unreadable operations travel with the event (retryData flag, `u` in re-driven bodies) until dead-lettered.
  const invalidNew = rd?.invalidDone === true ? [] : parsed.invalid;
  let invalidDone = invalidNew.length === 0;
  if (permanent.length > 0 || invalidNew.length > 0) {
    const detail = [...permanent.map((f) => `op ${f.index}: ${f.failure.code}`), ...invalidNew.map((x) => `#${x.index}: ${x.reason}`)].join('; ').slice(0, 2000);
    const record = dead(body, 'permanent', detail, permanent.map((f) => ops[f.index]).filter((op) => op !== undefined), invalidNew.length > 0 ? { raw: rawText(invalidNew.map((x) => x.op)) } : {});
    if (await storeDeadLetter(o, record, deadline)) {
      for (const f of permanent) settled.add(f.index);
      invalidDone = true;
      out.deadLettered += permanent.length + invalidNew.length;
      out.deadLetterIds = [record.id];
    }
  }

  const pendingIdx = ops.map((_, i) => i).filter((i) => !settled.has(i));
  out.pending = pendingIdx.length;
  if (pendingIdx.length === 0 && invalidDone) {
    out.outcome = out.deadLettered > 0 ? 'dead-letter' : 'ok';
    return done(undefined);
  }

  const retentionRemainingMs = retentionRemaining({
    toldMs: rc.retentionRemainingMs, assumedMs: o.retentionMs, learnedMs: o.retention.learnedMs, pushedAt: body.q ?? body.at, now: o.now(),
  });
  const input = {
    now: o.now(), firstQueuedAt: body.at, maxAgeMs: o.maxAgeMs, retryCount: rc.retryCount, maxRetries: o.maxRetries,
    retentionRemainingMs, retentionMarginMs: o.retentionMarginMs,
    priorAttempts, previousDelayMs: rd?.lastDelayMs ?? body.h?.lastDelayMs, reserveRetries: o.reserveRetries, failureReserveMs,
  };
  // A 429 that outlived the in-invocation retry (apply-pass.ts) means a per-minute quota is used up:
  // wait past its window instead of spending the platform's retries inside it.
  const policy = retryFailure?.kind === 'rate-limited' ? o.rateLimitBackoff : o.backoff;
  const decision = decideRetry(input, policy, o.random);
  const lastError = out.lastError ?? 'UNKNOWN';
  const delayMs = decision.action === 'dead-letter' ? backoffDelayMs(policy, { attempt: priorAttempts, previousDelayMs: input.previousDelayMs }, o.random) : decision.delayMs;
  const canRetry = platformWillRetry(input, o.backoff);

  // Fallbacks keep the write alive whatever fails, each through a different quota (push, KVS write).
  // With a platform retry in reserve one quick round is tried; on the final attempt the rounds go on
  // until the invocation's time runs low (see fallback.ts).
  if (decision.action !== 'retry') {
    const history = { attempts: priorAttempts + 1, redrives: (body.h?.redrives ?? 0) + 1, lastError, lastDelayMs: delayMs, windowMs: o.retention.learnedMs };
    const reason = decision.action === 'dead-letter' ? 'max-age' : 'redrive-failed';
    const steps: FallbackStep[] = decision.action === 'dead-letter'
      ? (canRetry ? ['dead-letter'] : ['dead-letter', 'redrive'])
      : (canRetry ? ['redrive'] : ['redrive', 'apply', 'dead-letter']);
    const fb = await runFallback(o, {
      queue, body, pending: pendingIdx, settled, unreadable: invalidDone ? [] : invalidNew.map((x) => x.op),
      steps, final: !canRetry, history, redriveDelayMs: delayMs, deadline,
      deadLetter: (deadOps, unreadable) =>
        dead(body, reason, `${deadOps.length} operation(s) still failing (${lastError})${unreadable.length > 0 ? `; ${unreadable.length} unreadable` : ''}`, deadOps, unreadable.length > 0 ? { raw: rawText(unreadable) } : {}),
    });
    if (fb.kind === 'redrive') {
      out.outcome = 'redrive';
      out.redriveDelaySeconds = fb.delaySeconds;
      return done(undefined);
    }
    if (fb.kind === 'applied') {
      out.applied += pendingIdx.length;
      out.pending = 0;
      out.outcome = out.deadLettered > 0 ? 'dead-letter' : 'ok';
      return done(undefined);
    }
    if (fb.kind === 'dead-letter') {
      out.outcome = 'dead-letter';
      out.deadLettered += fb.count;
      out.deadLetterIds = [...(out.deadLetterIds ?? []), fb.record.id];
      out.pending = 0;
      return done(undefined);
    }
  }
  // Retry through the platform (also the last resort when re-driving and dead-lettering both failed).
  out.outcome = 'retry';
  // Keep the fallback retry inside the retention window.
  const retryMs = decision.action === 'retry' ? delayMs : fallbackRetryMs(o, input);
  out.retryAfterSeconds = toRetryAfterSeconds(retryMs);
  const retryData = buildRetryData({ attempts: priorAttempts + 1, lastDelayMs: retryMs, lastError, ...(invalidDone ? { invalidDone } : {}) }, settled, ops.length);
  return done(retryRequest(out.retryAfterSeconds, retryFailure, retryData));
}
