import { VIRTUAL_EPOCH_MS, createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import type { FaultPlan } from '../gen/faults.js';
import type { ConsumerForm } from '../gen/history.js';

export const APP_ID = 'ari:cloud:ecosystem::app/5e1f0000-0000-4000-8000-00000000beef';
export const CONSUMER_FUNCTION = 'storage-consumer';
/** The resolver method of the v1 consumer form. */
export const CONSUMER_METHOD = 'apply-writes';
export const CONSUMER_TIMEOUT_SECONDS = 30;

/** One emulator per history: virtual clock, the plan's faults mapped to emulator options. */
export function emulatorFor(plan: FaultPlan, persistPath: string | undefined): Emulator {
  return createEmulator({
    seed: plan.seed,
    clock: 'virtual',
    ...(persistPath === undefined ? {} : { persistPath }),
    quotas: plan.pushEventsPerMinute === undefined ? {} : { pushEventsPerMinute: plan.pushEventsPerMinute },
    delivery: {
      maxRetries: plan.maxRetries,
      ...(plan.retentionMs === undefined ? {} : { retentionMs: plan.retentionMs }),
    },
    faults: {
      // The virtual clock starts at VIRTUAL_EPOCH_MS; storm windows are absolute clock readings.
      kvs429Storms: plan.storms.map((s) => ({
        fromMs: VIRTUAL_EPOCH_MS + s.startMs,
        toMs: VIRTUAL_EPOCH_MS + s.startMs + s.durationMs,
      })),
      kvs5xxRate: plan.kvs5xxRate,
      push5xxRate: plan.push5xxRate,
      timeoutRate: plan.timeoutRate,
      duplicateRate: plan.duplicateRate,
      reorder: plan.reorder,
      pushPartialFailureRate: plan.pushPartialFailureRate,
    },
  });
}

/** The app's manifest; `versionEntity: false` leaves out the entity ordered mode needs (a documented misconfiguration). */
export function manifestFor(queue: string, versionEntity = true, form: ConsumerForm = 'modern'): object {
  return {
    app: {
      id: APP_ID,
      runtime: { name: 'nodejs22.x' },
      // Ordered mode keeps per-key version records in this custom entity (see the library README).
      ...(versionEntity ? { storage: { entities: [{ name: 'qs-version', attributes: { v: { type: 'string' } } }] } } : {}),
    },
    modules: {
      consumer: [
        form === 'modern'
          ? { key: 'storage-queue-consumer', queue, function: CONSUMER_FUNCTION }
          : { key: 'storage-queue-consumer', queue, resolver: { function: CONSUMER_FUNCTION, method: CONSUMER_METHOD } },
      ],
      function: [{ key: CONSUMER_FUNCTION, handler: 'index.storageConsumer', timeoutSeconds: CONSUMER_TIMEOUT_SECONDS }],
    },
    permissions: { scopes: ['storage:app'] },
  };
}
