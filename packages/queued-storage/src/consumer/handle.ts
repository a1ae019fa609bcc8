import type { InvocationError } from '@forge/events';
import { applyOperations } from '../apply/index.js';
import { isRetryable, type Failure } from '../classify.js';
import { rawText, type DeadLetter, type DeadLetterReason } from '../dead-letters/record.js';
import { parseEventBody, type EventBody } from '../format.js';
import { buildRetryData, decodeSettled, parseRetryData } from '../retry-data.js';
import { invocationDeadline } from '../runtime.js';
import { backoffDelayMs, toRetryAfterSeconds } from '../backoff.js';
import { redrive, retryRequest, storeDeadLetter } from './actions.js';
import { decideRetry, platformWillRetry } from './decide.js';
import { handleMalformed } from './malformed.js';
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
  const queue = typeof d.queueName === 'string' && QUEUE_NAME.test(d.queueName) ? d.queueName : o.queue;
  const deadline = invocationDeadline(o.now, o.reserveMs, o.fallbackBudgetMs);
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
    id: safeId(`${body.id}-${reason}`),
    reason, detail, lastError: out.lastError ?? reason, attempts: out.attempt, firstQueuedAt: body.at, deadAt: o.now(),
    queue, eventId: d.eventId, batchId: body.id, ops, ...extra,
  });

  if (!parsed.ok) return done(await handleMalformed(d, parsed, o, { out, started, rc, queue, deadline, safeId }));

  const body = parsed.body;
  const ops = body.ops;
  out.batchId = body.id;
  out.operations = ops.length + parsed.invalid.length;
  const rd = parseRetryData(rc.retryData);
  const priorAttempts = (body.h?.attempts ?? 0) + rc.retryCount;
  out.attempt = priorAttempts + 1;
  const settled = rd?.settled !== undefined ? decodeSettled(rd.settled, ops.length) : new Set<number>();
  const report = await applyOperations(o.kvs, ops, {
    ordered: o.ordered, readFirst: o.readFirst, versionTtl: o.versionTtl,
    only: ops.map((_, i) => i).filter((i) => !settled.has(i)),
    shouldStop: () => o.now() >= deadline,
  });
  for (const i of [...report.applied, ...report.stale]) settled.add(i);
  out.applied = report.applied.length;
  out.stale = report.stale.length;
  out.reads = report.calls.reads;
  out.writes = report.calls.writes;

  // Permanent failures (and operations that break KVS rules) become one dead letter.
  const permanent = report.failed.filter((f) => !isRetryable(f.failure));
  const retryFailure: Failure | undefined = report.failed.find((f) => isRetryable(f.failure))?.failure;
  out.lastError = retryFailure?.code ?? permanent[0]?.failure.code ?? rd?.lastError;
  const invalidNew = rd?.invalidDone === true || body.h !== undefined ? [] : parsed.invalid;
  let invalidDone = invalidNew.length === 0;
  if (permanent.length > 0 || invalidNew.length > 0) {
    const detail = [...permanent.map((f) => `${ops[f.index]?.k ?? '?'}: ${f.failure.code}`), ...invalidNew.map((x) => `#${x.index}: ${x.reason}`)].join('; ').slice(0, 2000);
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

  const retentionEstimate = o.retentionMs - (started - (body.q ?? body.at));
  const input = {
    now: o.now(), firstQueuedAt: body.at, maxAgeMs: o.maxAgeMs, retryCount: rc.retryCount, maxRetries: o.maxRetries,
    retentionRemainingMs: Math.min(rc.retentionRemainingMs ?? Infinity, retentionEstimate), retentionMarginMs: o.retentionMarginMs,
    priorAttempts, previousDelayMs: rd?.lastDelayMs ?? body.h?.lastDelayMs,
  };
  const decision = decideRetry(input, o.backoff, o.random);
  const pendingOps = pendingIdx.map((i) => ops[i]).filter((op) => op !== undefined);
  const lastError = out.lastError ?? 'UNKNOWN';
  const delayMs = decision.action === 'dead-letter' ? backoffDelayMs(o.backoff, { attempt: priorAttempts, previousDelayMs: input.previousDelayMs }, o.random) : decision.delayMs;
  const canRetry = platformWillRetry(input, o.backoff);

  // Fallbacks keep the write alive whatever fails: a dead letter cannot be stored while KVS throttles,
  // so it is re-driven (the push quota is separate) and stored on a later attempt.
  const steps: Array<'redrive' | 'dead-letter' | 'retry'> =
    decision.action === 'retry' ? ['retry']
      : decision.action === 'redrive' ? (canRetry ? ['redrive', 'retry'] : ['redrive', 'dead-letter', 'retry'])
        : canRetry ? ['dead-letter', 'retry'] : ['dead-letter', 'redrive', 'retry'];
  for (const step of steps) {
    if (step === 'redrive') {
      const delaySeconds = Math.min(900, Math.max(0, Math.ceil(delayMs / 1000)));
      const history = { attempts: priorAttempts + 1, redrives: (body.h?.redrives ?? 0) + 1, lastError, lastDelayMs: delayMs };
      if (await redrive(o, queue, body, pendingOps, history, delaySeconds, deadline)) {
        out.outcome = 'redrive';
        out.redriveDelaySeconds = delaySeconds;
        return done(undefined);
      }
    } else if (step === 'dead-letter') {
      const reason = decision.action === 'dead-letter' ? 'max-age' : 'redrive-failed';
      const record = dead(body, reason, `${pendingOps.length} operation(s) still failing (${lastError})`, pendingOps);
      if (await storeDeadLetter(o, record, deadline)) {
        out.outcome = 'dead-letter';
        out.deadLettered += pendingOps.length;
        out.deadLetterIds = [...(out.deadLetterIds ?? []), record.id];
        out.pending = 0;
        return done(undefined);
      }
    }
  }
  // Retry through the platform (also the last resort when re-driving and dead-lettering both failed).
  out.outcome = 'retry';
  // Keep the fallback retry inside the retention window.
  const retryMs = decision.action === 'retry' ? delayMs : backoffDelayMs(o.backoff, { attempt: priorAttempts, previousDelayMs: input.previousDelayMs, retentionRemainingMs: input.retentionRemainingMs, retentionMarginMs: input.retentionMarginMs }, o.random);
  out.retryAfterSeconds = toRetryAfterSeconds(retryMs);
  const retryData = buildRetryData({ attempts: priorAttempts + 1, lastDelayMs: retryMs, lastError, ...(invalidDone ? { invalidDone } : {}) }, settled, ops.length);
  return done(retryRequest(out.retryAfterSeconds, retryFailure, retryData));
}
