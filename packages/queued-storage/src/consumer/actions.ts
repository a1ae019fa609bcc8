import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { Failure } from '../classify.js';
import { writeDeadLetter } from '../dead-letters/write.js';
import type { DeadLetter } from '../dead-letters/record.js';
import type { EventBody, History } from '../format.js';
import type { Operation } from '../operation.js';
import { buildEvents, maxEventBytes, pushAll, PUSH_POLICY } from '../queue/index.js';
import { sleep } from '../runtime.js';
import type { ResolvedConsumer } from './options.js';

/** The side effects a consumer decision leads to. Each returns false instead of throwing. */
export async function storeDeadLetter(o: ResolvedConsumer, record: DeadLetter, deadline: number): Promise<boolean> {
  try {
    await writeDeadLetter(o.kvs, record, { now: o.now, sleep, random: o.random, policy: o.backoff, deadline });
    return true;
  } catch {
    return false;
  }
}


/**
 * Pushes the unsettled operations again as fresh event(s), carrying the attempt history; operations
 * the consumer cannot read (not dead-lettered yet) travel in an event of their own (`u`).
 */
export async function redrive(
  o: ResolvedConsumer,
  queue: string,
  body: EventBody,
  ops: Operation[],
  unreadable: unknown[],
  history: History,
  delaySeconds: number,
  deadline: number,
): Promise<boolean> {
  const limits = { maxEventBytes: maxEventBytes(o.longRunningConsumer) + 1024, maxOperationsPerEvent: 100_000, delayInSeconds: delaySeconds };
  const { events, oversized } = buildEvents(ops, limits, o.now(), o.random, body.at);
  if (oversized.length > 0) return false;
  if (unreadable.length > 0) {
    const carrier = buildEvents([], limits, o.now(), o.random, body.at, true).events[0];
    if (carrier === undefined) return false;
    (carrier.body as unknown as EventBody).u = unreadable;
    events.push(carrier);
  }
  if (events.length === 0) return false;
  for (const e of events) (e.body as unknown as EventBody).h = history;
  try {
    await pushAll(o.queueFactory(queue), events, { now: o.now, sleep, random: o.random, policy: PUSH_POLICY, deadline });
    return true;
  } catch {
    return false;
  }
}

/** The platform's retry request; `retryAfter` in whole seconds 1..900, retryData <= 4 KB. */
export function retryRequest(retryAfterSeconds: number, failure: Failure | undefined, retryData: unknown): InvocationError {
  return new InvocationError({
    retryAfter: retryAfterSeconds,
    retryReason: failure?.kind === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData,
  });
}
