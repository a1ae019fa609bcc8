import { applyTriggerFilter } from '../app/trigger-filter.js';
import type { Engine } from '../engine.js';
import type { InstallationState } from '../installation-state.js';

/**
 * Delivers an event (product, lifecycle or app event) to every trigger of the installation that
 * subscribes to `eventType`, after the subscription's filter. The handler gets `{ ...payload, eventType }`;
 * `payload.atlassianId` (the user who caused a product event) becomes the context's principal.
 * Returns how many triggers it was delivered to.
 */
export function fireEvent(engine: Engine, inst: InstallationState, eventType: string, payload: object): number {
  const body = { ...payload, eventType } as Record<string, unknown>;
  const accountId = typeof body.atlassianId === 'string' ? body.atlassianId : undefined;
  let delivered = 0;
  for (const t of inst.app.triggers) {
    const sub = t.subscriptions.find((s) => s.eventType === eventType);
    if (sub === undefined) continue;
    const verdict = applyTriggerFilter(sub.filter, body);
    if (verdict.log !== undefined) {
      engine.record({ atMs: engine.now(), installationId: inst.id, functionKey: t.functionKey, kind: 'trigger', attempt: 0, outcome: 'filtered', durationMs: 0, error: verdict.log });
    }
    if (!verdict.deliver) continue;
    delivered++;
    engine.enqueue({
      eventId: engine.random.uuid(), jobId: undefined, job: undefined, inst, kind: 'trigger', functionKey: t.functionKey,
      method: undefined, queueName: undefined, body, retryCount: 0, enqueuedAt: engine.now(),
      retryReason: undefined, retryData: undefined, concurrency: undefined, chain: { count: 0 }, state: 'ready', duplicate: false,
      ...(accountId === undefined ? {} : { accountId }),
    }, 0);
  }
  return delivered;
}
