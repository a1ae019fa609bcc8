// Wiring of the Jira app: which product event, which keys, which queue, and the admin page's
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
import { issueRecords, InvalidIssueEventError, type IssueRecord } from './records';

export { issueRecords, InvalidIssueEventError, MOST_RECENT_KEY, type IssueRecord } from './records';

/** The app's version (package.json), printed in every log line so logs tell deployments apart. */
export const APP_VERSION: string = pkg.version;
/** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
export const QUEUE = 'storage-queue';

const log = (message: string): void => {
  console.log(`[jira-app@${APP_VERSION}] ${message}`);
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

/** Trigger on `avi:jira:created:issue` (manifest function `on-issue-created`). */
export async function onIssueCreated(event: unknown): Promise<void> {
  let records: Array<[string, IssueRecord]>;
  try {
    records = issueRecords(event);
  } catch (error) {
    // A retry would see the same payload: log it and acknowledge the event.
    if (!(error instanceof InvalidIssueEventError)) throw error;
    log(`skipped event: ${error.message}`);
    return;
  }
  // Ordered mode stamps each write with the creation time (`at`): each trigger invocation is a producer
  // of its own, so a retried older item's trigger does not replace a newer item under the most-recent key.
  const at = Date.parse(records[0]?.[1].created ?? '');
  const receipt = await storage.setMany(records, Number.isNaN(at) ? {} : { at });
  const subject = records[0]?.[1].key ?? '?';
  log(`${subject}: ${receipt.direct} writes applied directly, ${receipt.queued} queued (jobs ${receipt.jobIds.join(',') || 'none'})`);
}

/** Consumer of `storage-queue` (manifest function `storage-consumer`): applies the queued writes. */
export const storageConsumer = createConsumer({ queue: QUEUE, log: logOutcome, onOutcome });

/** The same consumer in the v1 `resolver: { function, method }` manifest form. */
export const storageResolver = createResolverConsumer({ method: 'apply-writes', queue: QUEUE, log: logOutcome, onOutcome });

/** The admin page's resolvers (manifest function `admin-resolver`, used by `jira:adminPage`). */
export const adminResolver = createAdminResolver({ product: 'jira', storage, letters: deadLetters({ queue: QUEUE }), backfill, requireAdmin });

/** Consumer of `backfill-queue` (manifest function `backfill-consumer`): one page of issues per event. */
export const backfillConsumer = (event: unknown): Promise<void> => backfill.consume(event);

/** The backfill consumer in the v1 `resolver: { function, method: 'page' }` form (payload = event body). */
export const backfillResolver = makeResolver({ page: ({ payload }: { payload: unknown }) => backfill.consume({ body: payload }) });

/** Trigger on `avi:forge:installed:app` (manifest function `on-app-installed`): index existing issues. */
export async function onAppInstalled(): Promise<void> {
  const { state } = await backfill.status();
  if (state?.status === 'running') return;
  await backfill.start({ by: 'install' });
}
