// The wiring both apps share: a product event becomes KVS writes through queued storage, a consumer
// applies them, and the admin page's resolvers and the backfill sit beside them. An app hands in only
// its product: how an event maps to records, the admin check and the backfill's search source.
import { createConsumer, createPaceRegistry, createQueuedStorage, createResolverConsumer, deadLetters, type ConsumerOutcome } from '@forge-queue/queued-storage';
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import { makeResolver } from '@forge/resolver';
import { createAdminResolver, type AdminResolverDeps } from './admin-resolver.js';
import { createBackfill, type BackfillSource } from './backfill.js';
import { OutcomeStats } from './outcome-stats.js';

export interface StorageAppOptions<R> {
  /** Log prefix, e.g. `jira-app@0.2.0`. */
  name: string;
  product: AdminResolverDeps['product'];
  /** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
  queue: string;
  /** The writes one product event makes; throws for a payload no retry can fix (see `isInvalidEvent`). */
  records: (event: unknown) => Array<[string, R]>;
  /** True for the error `records` throws on a malformed payload: it is logged and acknowledged. */
  isInvalidEvent: (error: unknown) => boolean;
  /** The item's creation time (ISO 8601), the order stamp of its writes. */
  createdOf: (record: R) => string;
  /** How a log line names the item. */
  subjectOf: (record: R) => string;
  requireAdmin: AdminResolverDeps['requireAdmin'];
  source: BackfillSource;
}

/** The manifest's functions (an app's index.ts exports each under the name its manifest uses). */
export interface StorageApp {
  /** Trigger on the product's created event. */
  onCreated: (event: unknown, context?: unknown) => Promise<unknown>;
  /** Consumer of `queue`: applies the queued writes. */
  storageConsumer: ReturnType<typeof createConsumer>;
  /** The same consumer in the v1 `resolver: { function, method: 'apply-writes' }` form. */
  storageResolver: ReturnType<typeof createResolverConsumer>;
  /** The admin page's resolvers. */
  adminResolver: ReturnType<typeof createAdminResolver>;
  /** Consumer of `backfill-queue`: one page of search results per event. */
  backfillConsumer: (event: unknown) => Promise<void>;
  /** The backfill consumer in the v1 `resolver: { function, method: 'page' }` form (payload = event body). */
  backfillResolver: ReturnType<typeof makeResolver>;
  /** Trigger on `avi:forge:installed:app`: starts the backfill unless one is running. */
  onAppInstalled: () => Promise<void>;
}

/** Delivery delay of backfill writes queued after a 429: one per-minute quota window. */
export const BACKFILL_THROTTLED_DELAY_SECONDS = 60;

const installationScope = (): string => {
  try {
    return getAppContext().installationAri.installationId;
  } catch {
    return 'default';
  }
};

export function createStorageApp<R>(o: StorageAppOptions<R>): StorageApp {
  const log = (message: string): void => {
    console.log(`[${o.name}] ${message}`);
  };
  // One set of quota estimates for this runtime's trigger and consumers: what one spends counts
  // against the other's room, and a 429 either meets lowers the estimate for both.
  const pacing = createPaceRegistry();
  const storage = createQueuedStorage({ queue: o.queue, pacing });
  const logOutcome = (outcome: unknown): void => {
    log(JSON.stringify(outcome));
  };
  // Recent outcomes for the admin page: sampled records, not a write per event (outcome-stats.ts).
  const stats = new OutcomeStats({
    instanceId: Math.random().toString(36).slice(2, 10),
    scope: installationScope,
    write: (key, sample, ttlSeconds) => kvs.set(key, sample, { ttl: { value: ttlSeconds, unit: 'SECONDS' } }),
  });
  const onOutcome = (outcome: ConsumerOutcome): Promise<void> => stats.record(outcome);
  // The backfill's own producer: when its writes spend the write units of the window, the pages it
  // queues are first delivered a whole window later (a window it filled itself cannot reopen sooner).
  const backfillStorage = createQueuedStorage({ queue: o.queue, throttledDelaySeconds: BACKFILL_THROTTLED_DELAY_SECONDS });
  const backfill = createBackfill({ storage: backfillStorage, source: o.source, log });

  return {
    // storage.trigger: a trigger refused by a spent quota returns a retry timed to its booked write slot.
    onCreated: storage.trigger(async (event) => {
      let records: Array<[string, R]>;
      try {
        records = o.records(event);
      } catch (error) {
        // A retry would see the same payload: log it and acknowledge the event.
        if (!o.isInvalidEvent(error)) throw error;
        log(`skipped event: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const first = records[0]?.[1];
      // Ordered mode stamps each write with the creation time (`at`): each trigger invocation is a
      // producer of its own, so a retried older item's trigger does not replace a newer item under the
      // most-recent key.
      const at = first === undefined ? Number.NaN : Date.parse(o.createdOf(first));
      const receipt = await storage.setMany(records, Number.isNaN(at) ? {} : { at });
      const subject = first === undefined ? '?' : o.subjectOf(first);
      log(`${subject}: ${receipt.direct} writes applied directly, ${receipt.queued} queued (jobs ${receipt.jobIds.join(',') || 'none'})`);
    }),
    storageConsumer: createConsumer({ queue: o.queue, log: logOutcome, onOutcome, pacing }),
    storageResolver: createResolverConsumer({ method: 'apply-writes', queue: o.queue, log: logOutcome, onOutcome, pacing }),
    adminResolver: createAdminResolver({ product: o.product, storage, letters: deadLetters({ queue: o.queue }), backfill, requireAdmin: o.requireAdmin }),
    backfillConsumer: (event) => backfill.consume(event),
    backfillResolver: makeResolver({ page: ({ payload }: { payload: unknown }) => backfill.consume({ body: payload }) }),
    async onAppInstalled() {
      const { state } = await backfill.status();
      if (state?.status === 'running') return;
      await backfill.start({ by: 'install' });
    },
  };
}
