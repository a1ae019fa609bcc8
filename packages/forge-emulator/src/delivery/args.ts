import type { Delivery } from './delivery.js';
import { backendRuntimePayload, handlerContext } from './handler-context.js';

/** Builds what Forge hands a consumer or trigger for one attempt of a delivery. */
export function retryContext(d: Delivery, now: number, retentionMs: number): Record<string, unknown> | undefined {
  if (d.retryCount === 0) return undefined;
  return {
    retryCount: d.retryCount,
    retryReason: d.retryReason,
    retryData: d.retryData,
    retentionWindow: { startTime: new Date(d.enqueuedAt).toISOString(), remainingTimeMs: Math.max(0, d.enqueuedAt + retentionMs - now) },
  };
}

export function handlerArgs(d: Delivery, now: number, retentionMs: number): unknown[] {
  const rc = retryContext(d, now, retentionMs);
  const context = handlerContext(d.inst, d.accountId);
  if (d.kind === 'trigger') {
    return [rc === undefined ? d.body : { ...d.body, retryContext: rc }, context];
  }
  if (d.method !== undefined) {
    // v1 form: @forge/resolver definitions called as the platform calls them.
    const payload = rc === undefined ? { ...d.body } : { ...d.body, retryContext: rc };
    return [{ call: { functionKey: d.method, payload, jobId: d.jobId }, context }, backendRuntimePayload(d.inst, d.accountId)];
  }
  // AsyncEvent extends PushEvent: the push's own delayInSeconds and concurrency come along.
  const event: Record<string, unknown> = { body: d.body, jobId: d.jobId, eventId: d.eventId, queueName: d.queueName };
  if (d.delayInSeconds !== undefined) event.delayInSeconds = d.delayInSeconds;
  if (d.concurrency !== undefined) event.concurrency = { ...d.concurrency };
  if (rc !== undefined) event.retryContext = rc;
  return [event, context];
}
