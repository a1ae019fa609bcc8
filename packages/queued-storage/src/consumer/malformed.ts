import type { InvocationError } from '@forge/events';
import { backoffDelayMs, toRetryAfterSeconds } from '../backoff.js';
import { rawText, type DeadLetter } from '../dead-letters/record.js';
import { FORMAT_VERSION, type EventBody, type ParsedEvent } from '../format.js';
import { jsonBytes } from '../pack.js';
import { maxEventBytes, pushAll, PUSH_POLICY } from '../queue/index.js';
import { randomId } from '../random.js';
import { sleep } from '../runtime.js';
import { retryRequest, storeDeadLetter } from './actions.js';
import { shouldRedrive } from './decide.js';
import { learnWindow } from './retention.js';
import type { ResolvedConsumer } from './options.js';
import type { ConsumerOutcome, Delivery, RetryContextInfo } from './outcome.js';

export interface MalformedContext {
  out: ConsumerOutcome;
  started: number;
  rc: RetryContextInfo;
  queue: string;
  deadline: number;
  safeId: (id: string) => string;
  failureReserveMs: number;
}


/** Keeps a carrier event within the event size limit by shortening the raw text. */
function carrier(o: ResolvedConsumer, body: EventBody): EventBody {
  const limit = maxEventBytes(o.longRunningConsumer);
  while (body.m && jsonBytes({ body }) > limit) body.m.raw = `${body.m.raw.slice(0, Math.floor(body.m.raw.length / 2))}…`;
  return body;
}

/**
 * A body the library cannot read becomes a dead letter (reason 'malformed', raw text kept). While
 * KVS throttles that write, the event is retried, and at the platform's last attempt it is pushed
 * again as a carrier event (`m`), so it is never dropped.
 */
export async function handleMalformed(d: Delivery, parsed: Extract<ParsedEvent, { ok: false }>, o: ResolvedConsumer, c: MalformedContext): Promise<InvocationError | undefined> {
  const { out, rc } = c;
  const id = parsed.carried?.id ?? d.eventId ?? `${Math.floor(c.started).toString(36)}-${randomId(o.random, 8)}`;
  const raw = parsed.carried?.raw ?? rawText(d.body);
  const firstQueuedAt = parsed.carried?.at ?? c.started;
  const priorAttempts = (parsed.carried?.h?.attempts ?? 0) + rc.retryCount;
  out.outcome = 'malformed';
  out.lastError = 'QS_MALFORMED_EVENT';
  out.attempt = priorAttempts + 1;
  const record: DeadLetter = {
    id: c.safeId(`malformed-${id}`), reason: 'malformed', detail: parsed.reason, lastError: 'QS_MALFORMED_EVENT', attempts: priorAttempts + 1,
    firstQueuedAt, deadAt: o.now(), queue: c.queue, eventId: d.eventId, batchId: parsed.carried?.id, ops: [], raw,
  };
  if (await storeDeadLetter(o, record, c.deadline)) {
    out.deadLettered = 1;
    out.deadLetterIds = [record.id];
    return undefined;
  }
  const delayMs = backoffDelayMs(o.backoff, { attempt: priorAttempts }, o.random);
  learnWindow(o.retention, parsed.carried?.h?.windowMs);
  const retentionRemainingMs = rc.retentionRemainingMs ?? Math.min(o.retentionMs, o.retention.learnedMs ?? Infinity);
  const input = {
    now: o.now(), firstQueuedAt, maxAgeMs: o.maxAgeMs, retryCount: rc.retryCount, maxRetries: o.maxRetries, retentionRemainingMs,
    retentionMarginMs: o.retentionMarginMs, priorAttempts, reserveRetries: o.reserveRetries, failureReserveMs: c.failureReserveMs,
  };
  if (shouldRedrive(input, o.backoff)) {
    const delayInSeconds = Math.min(900, Math.ceil(delayMs / 1000));
    const body = carrier(o, {
      qs: FORMAT_VERSION, id, at: firstQueuedAt, q: o.now(), ops: [],
      h: { attempts: priorAttempts + 1, redrives: (parsed.carried?.h?.redrives ?? 0) + 1, lastError: 'QS_MALFORMED_EVENT', lastDelayMs: delayMs, windowMs: o.retention.learnedMs },
      m: { reason: parsed.reason, raw },
    });
    try {
      await pushAll(o.queueFactory(c.queue), [{ body: body as unknown as Record<string, unknown>, delayInSeconds }], { now: o.now, sleep, random: o.random, policy: PUSH_POLICY, deadline: c.deadline });
      out.outcome = 'redrive';
      out.redriveDelaySeconds = delayInSeconds;
      return undefined;
    } catch {
      // fall through: the platform's retry is the last resort
    }
  }
  out.outcome = 'retry';
  out.retryAfterSeconds = toRetryAfterSeconds(delayMs);
  return retryRequest(out.retryAfterSeconds, undefined, undefined);
}
