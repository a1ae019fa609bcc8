// Wiring of the Confluence app: which product event, which keys, which queue, and the admin page's
// resolvers and backfill. Everything reusable lives in @forge-queue/queued-storage; each concern has
// its own file under src/ (extensionless relative imports: `forge deploy` bundles src/ with webpack,
// which resolves `./x` to `x.ts`; NodeNext's `./x.js` form would not resolve there).
import { createConsumer, createQueuedStorage, createResolverConsumer, deadLetters, type ConsumerOutcome } from '@forge-queue/queued-storage';
import { getAppContext } from '@forge/api';
import { kvs } from '@forge/kvs';
import { makeResolver } from '@forge/resolver';
import pkg from '../package.json' with { type: 'json' };
import { createAdminResolver, createBackfill, OutcomeStats } from '@forge-queue/forge-admin';
import { requireAdmin } from './admin-check';
import { countItems, fetchPage } from './backfill-source';
import { pageRecords, InvalidPageEventError, type PageRecord } from './records';

export { pageRecords, InvalidPageEventError, MOST_RECENT_KEY, type PageRecord } from './records';

/** The app's version (package.json), printed in every log line so logs tell deployments apart. */
export const APP_VERSION: string = pkg.version;
/** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
export const QUEUE = 'storage-queue';

const log = (message: string): void => {
  console.log(`[confluence-app@${APP_VERSION}] ${message}`);
};

const storage = createQueuedStorage({ queue: QUEUE });
const logOutcome = (outcome: unknown): void => {
  log(JSON.stringify(outcome));
};
// Recent outcomes for the admin page: sampled records, not a write per event (outcome-stats.ts).
const stats = new OutcomeStats({
  instanceId: Math.random().toString(36).slice(2, 10),
  scope: () => {
    try {
      return getAppContext().installationAri.installationId;
    } catch {
      return 'default';
    }
  },
  write: (key, sample, ttlSeconds) => kvs.set(key, sample, { ttl: { value: ttlSeconds, unit: 'SECONDS' } }),
});
const onOutcome = (outcome: ConsumerOutcome): Promise<void> => stats.record(outcome);
const backfill = createBackfill({ storage, source: { fetchPage, countItems }, log });

/** Trigger on `avi:confluence:created:page` (manifest function `on-page-created`). */
export async function onPageCreated(event: unknown): Promise<void> {
  let records: Array<[string, PageRecord]>;
  try {
    records = pageRecords(event);
  } catch (error) {
    // A retry would see the same payload: log it and acknowledge the event.
    if (!(error instanceof InvalidPageEventError)) throw error;
    log(`skipped event: ${error.message}`);
    return;
  }
  // Ordered mode keeps, per key, the write with the latest `at`: stamping with the creation time keeps
  // the newest item under the most-recent key even when the platform retries an older item's trigger.
  const at = Date.parse(records[0]?.[1].created ?? '');
  const receipt = await storage.setMany(records, Number.isNaN(at) ? {} : { at });
  const subject = records[0]?.[1].id ?? '?';
  log(`page ${subject}: ${receipt.direct} writes applied directly, ${receipt.queued} queued (jobs ${receipt.jobIds.join(',') || 'none'})`);
}

/** Consumer of `storage-queue` (manifest function `storage-consumer`): applies the queued writes. */
export const storageConsumer = createConsumer({ queue: QUEUE, log: logOutcome, onOutcome });

/** The same consumer in the v1 `resolver: { function, method }` form. */
export const storageResolver = createResolverConsumer({ method: 'apply-writes', queue: QUEUE, log: logOutcome, onOutcome });

/** The admin page's resolvers (manifest function `admin-resolver`, used by `confluence:globalSettings`). */
export const adminResolver = createAdminResolver({ product: 'confluence', storage, letters: deadLetters({ queue: QUEUE }), backfill, requireAdmin });

/** Consumer of `backfill-queue` (manifest function `backfill-consumer`): one page of search results per event. */
export const backfillConsumer = (event: unknown): Promise<void> => backfill.consume(event);

/** The backfill consumer in the v1 `resolver: { function, method: 'page' }` form (payload = event body). */
export const backfillResolver = makeResolver({ page: ({ payload }: { payload: unknown }) => backfill.consume({ body: payload }) });

/** Trigger on `avi:forge:installed:app` (manifest function `on-app-installed`): index existing pages. */
export async function onAppInstalled(): Promise<void> {
  const { state } = await backfill.status();
  if (state?.status === 'running') return;
  await backfill.start({ by: 'install' });
}
