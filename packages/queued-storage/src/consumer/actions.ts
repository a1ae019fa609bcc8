import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { Failure } from '../classify.js';
import { writeDeadLetter } from '../dead-letters/write.js';
import type { DeadLetter } from '../dead-letters/record.js';
import type { EventBody, History } from '../format.js';
import { jsonBytes } from '../pack.js';
import { buildEvents, maxEventBytes, pushAll, PUSH_POLICY } from '../queue/index.js';
import { installationKey, sleep } from '../runtime.js';
import { notingRefusals } from './push-refusals.js';
import type { ResolvedConsumer } from './options.js';
import { nextWindowAt, WINDOW_LEAD_MS } from './plan.js';
import { opsAt, outstandingOps, type Work } from './work.js';

/** The side effects of the consumer's steps. Each returns false instead of throwing. */
export async function storeDeadLetter(o: ResolvedConsumer, record: DeadLetter, deadline: number): Promise<boolean> {
  try {
    await writeDeadLetter(o.kvs, record, { now: o.now, sleep, random: o.random, policy: o.backoff, deadline });
    return true;
  } catch {
    return false;
  }
}


/** Keeps a malformed body's carrier within the event size limit by shortening its raw text. */
function fitCarrier(body: EventBody, limit: number): EventBody {
  while (body.m && jsonBytes({ body }) > limit) body.m.raw = `${body.m.raw.slice(0, Math.floor(body.m.raw.length / 2))}…`;
  return body;
}

/**
 * Pushes everything outstanding again as fresh event(s), carrying the attempt history: the
 * unsettled operations; operations the consumer cannot read, in an event of their own (`u`); a body
 * it cannot read, as a carrier event (`m`, same id, so its dead letter keeps one id).
 */
export async function redrive(o: ResolvedConsumer, queue: string, work: Work, history: History, delaySeconds: number, deadline: number): Promise<boolean> {
  const limits = { maxEventBytes: maxEventBytes(o.longRunningConsumer) + 1024, maxOperationsPerEvent: 100_000, delayInSeconds: delaySeconds };
  const { events, oversized } = buildEvents(opsAt(work, outstandingOps(work)), limits, o.now(), o.random, work.body.at);
  if (oversized.length > 0) return false;
  if (work.unreadable.length > 0 || work.malformed !== undefined) {
    const carrier = buildEvents([], limits, o.now(), o.random, work.body.at, true).events[0];
    if (carrier === undefined) return false;
    const body = carrier.body as unknown as EventBody;
    if (work.unreadable.length > 0) body.u = work.unreadable.map((x) => x.op);
    if (work.malformed !== undefined) {
      body.id = work.body.id;
      body.m = { ...work.malformed };
      fitCarrier(body, maxEventBytes(o.longRunningConsumer));
    }
    events.push(carrier);
  }
  if (events.length === 0) return false;
  for (const e of events) (e.body as unknown as EventBody).h = history;
  const port = notingRefusals(o.queueFactory(queue), () => { o.pushRefusals.refused(installationKey(), o.now()); });
  const push = async (until: number): Promise<boolean> => {
    try {
      await pushAll(port, events, { now: o.now, sleep, random: o.random, policy: PUSH_POLICY, deadline: until });
      return true;
    } catch {
      return false;
    }
  };
  // A quota minute about to reopen: try this one until then, then push first thing in the next
  // (an aligned delivery starts just before it; the push backoff could otherwise sleep past it).
  const boundary = nextWindowAt(o.now());
  if (boundary - o.now() > WINDOW_LEAD_MS + 1_000 || boundary >= deadline) return push(deadline);
  if (await push(boundary - 1)) return true;
  if (o.now() < boundary) await sleep(boundary - o.now() + o.random() * 200);
  return push(deadline);
}

/** The platform's retry request; `retryAfter` in whole seconds 1..900, retryData <= 4 KB. */
export function retryRequest(retryAfterSeconds: number, failure: Failure | undefined, retryData: unknown): InvocationError {
  return new InvocationError({
    retryAfter: retryAfterSeconds,
    retryReason: failure?.kind === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData,
  });
}
