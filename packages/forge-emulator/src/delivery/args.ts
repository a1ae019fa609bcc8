import type { Delivery } from './delivery.js';

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
  const context = { installContext: d.inst.installContext, installation: { id: d.inst.id } };
  if (d.kind === 'trigger') {
    return [rc === undefined ? d.body : { ...d.body, retryContext: rc }, context];
  }
  if (d.method !== undefined) {
    // v1 form: @forge/resolver definitions called as the platform calls them.
    const payload = rc === undefined ? { ...d.body } : { ...d.body, retryContext: rc };
    return [{ call: { functionKey: d.method, payload, jobId: d.jobId }, context }, { installContext: d.inst.installContext }];
  }
  const event: Record<string, unknown> = { body: d.body, jobId: d.jobId, eventId: d.eventId, queueName: d.queueName };
  if (rc !== undefined) event.retryContext = rc;
  return [event, context];
}
