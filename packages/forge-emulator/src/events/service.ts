import { countRateLimited } from '../metrics.js';
import type { Delivery } from '../delivery/delivery.js';
import { errorAnswer, type PlatformAnswer } from '../http/response.js';
import type { InstallationState } from '../installation-state.js';
import type { Random } from '../random.js';
import type { InvocationContext } from '../runtime/context.js';
import type { FaultOptions } from '../types.js';
import { EventJob } from './jobs.js';

/** Async events endpoints: `/webhook/queue/{publish|stats|cancel}/...` with the server-side checks. */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_DELAY_SECONDS = 900;
/** Pushes along one causal chain (event -> consumer -> push -> ...); our reading of the cyclic limit. */
export const CYCLIC_PUSH_LIMIT = 1000;

export interface EventsHost {
  now(): number;
  random: Random;
  faults: FaultOptions;
  enqueue(d: Delivery, delayMs: number): void;
}

type PushEvent = { body?: unknown; delayInSeconds?: unknown; concurrency?: { key?: unknown; limit?: unknown } };

export function handleQueue(host: EventsHost, ctx: InvocationContext, path: string, body: unknown, requestBytes: number): PlatformAnswer {
  const inst = ctx.installation;
  const b = (body ?? {}) as { queueName?: unknown; jobId?: unknown; payload?: unknown };
  const jobId = typeof b.jobId === 'string' ? b.jobId : undefined;
  const queueName = typeof b.queueName === 'string' ? b.queueName : '';
  if (path.startsWith('/webhook/queue/stats/') || path.startsWith('/webhook/queue/cancel/')) {
    const job = jobId === undefined ? undefined : inst.jobs.get(jobId);
    if (job?.queueName !== queueName) return errorAnswer(404, 'JOB_NOT_FOUND', 'Job not found');
    if (path.startsWith('/webhook/queue/stats/')) return { status: 200, body: job.stats() };
    job.cancelled = true;
    return { status: 204 };
  }
  if (!path.startsWith('/webhook/queue/publish/')) return errorAnswer(404, 'NOT_FOUND', `${path} is not emulated`);
  return publish(host, ctx, inst, queueName, jobId, b.payload, requestBytes);
}

function publish(host: EventsHost, ctx: InvocationContext, inst: InstallationState, queueName: string, jobId: string | undefined, payload: unknown, requestBytes: number): PlatformAnswer {
  const events = payload as PushEvent[];
  if (!Array.isArray(events) || events.length === 0 || jobId === undefined) return errorAnswer(400, 'BAD_REQUEST', 'payload must be a non-empty array of events');
  if (events.length > MAX_EVENTS_PER_PUSH) return errorAnswer(400, 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_PUSH} events per push`);
  if (requestBytes > MAX_PUSH_BYTES + 4096) return { status: 413, body: { errorMessage: `The maximum payload size is ${MAX_PUSH_BYTES / 1024}KB.` } };
  for (const e of events) {
    const delay = e.delayInSeconds ?? 0;
    if (typeof e.body !== 'object' || e.body === null || Array.isArray(e.body)) return errorAnswer(400, 'INVALID_EVENT', 'Event body must be an object.');
    if (typeof delay !== 'number' || delay < 0 || delay > MAX_DELAY_SECONDS) return errorAnswer(400, 'INVALID_DELAY', 'The delayInSeconds setting must be between 0 and 900.');
  }
  const consumers = inst.app.consumersByQueue.get(queueName);
  if (consumers === undefined) return errorAnswer(400, 'QUEUE_NOT_FOUND', `No consumer is declared for queue '${queueName}'`);
  const tooBig = oversizedEvent(events, inst.app.eventLimitByQueue.get(queueName));
  if (tooBig !== undefined) return tooBig;
  if (ctx.chainPushes.count >= CYCLIC_PUSH_LIMIT) return { status: 405, body: { message: 'The limit on cyclic invocation has been reached.' } };
  if (host.random.chance(host.faults.push5xxRate ?? 0)) return errorAnswer(500, 'INTERNAL_SERVER_ERROR', 'Injected fault');
  const now = host.now();
  if (!inst.meter.pushes.fits(now, events.length)) {
    countRateLimited(inst.metrics, 'push');
    return errorAnswer(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests.');
  }
  const failedEvents: Array<{ index: string; errorMessage: string }> = [];
  const accepted: Array<[number, PushEvent]> = [];
  events.forEach((e, i) => {
    if (host.random.chance(host.faults.pushPartialFailureRate ?? 0)) failedEvents.push({ index: String(i), errorMessage: 'Injected partial failure' });
    else accepted.push([i, e]);
  });
  inst.meter.pushes.take(now, accepted.length);
  inst.metrics.pushes++;
  inst.metrics.eventsPushed += accepted.length;
  let job = inst.jobs.get(jobId);
  if (job === undefined) {
    job = new EventJob(jobId, queueName, 0);
    inst.jobs.set(jobId, job);
  }
  job.total += accepted.length * consumers.length;
  const chain = { count: ctx.chainPushes.count + 1 };
  for (const [, e] of accepted) {
    const c = e.concurrency;
    const concurrency = c !== undefined && typeof c.key === 'string' && typeof c.limit === 'number' ? { key: c.key, limit: c.limit } : undefined;
    for (const consumer of consumers) {
      host.enqueue({
        eventId: host.random.uuid(), jobId, job, inst, kind: 'consumer', functionKey: consumer.functionKey, method: consumer.method,
        queueName, body: e.body as Record<string, unknown>, retryCount: 0, enqueuedAt: now, retryReason: undefined, retryData: undefined,
        concurrency, chain, state: 'ready', duplicate: false,
        ...(typeof e.delayInSeconds === 'number' ? { delayInSeconds: e.delayInSeconds } : {}), ...(ctx.accountId === undefined ? {} : { accountId: ctx.accountId }),
      }, ((e.delayInSeconds as number | undefined) ?? 0) * 1000);
    }
  }
  return failedEvents.length > 0 ? { status: 202, body: { failedEvents } } : { status: 201, body: {} };
}

/** 413 when an event is over the per-event limit of a queue whose consumer runs longer than 55 s. */
function oversizedEvent(events: PushEvent[], limit: number | undefined): PlatformAnswer | undefined {
  if (limit === undefined) return undefined;
  for (const [i, e] of events.entries()) {
    const bytes = Buffer.byteLength(JSON.stringify(e));
    if (bytes > limit) {
      return { status: 413, body: { errorMessage: `The maximum payload size is ${limit / 1024}KB per event for a queue whose consumer has timeoutSeconds > 55 (event ${i} is ${bytes} bytes).` } };
    }
  }
  return undefined;
}
