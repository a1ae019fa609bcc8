// Wiring of the Confluence app: which product event, which keys, which queue; the admin page's resolvers
// and the backfill come with @forge-queue/forge-admin's createStorageApp. Each product concern has its
// own file under src/ (extensionless relative imports: `forge deploy` bundles src/ with webpack,
// which resolves `./x` to `x.ts`; NodeNext's `./x.js` form would not resolve there).
import { createStorageApp } from '@forge-queue/forge-admin';
import pkg from '../package.json' with { type: 'json' };
import { requireAdmin } from './admin-check';
import { countItems, fetchPage } from './backfill-source';
import { pageRecords, InvalidPageEventError } from './records';

export { pageRecords, InvalidPageEventError, MOST_RECENT_KEY, type PageRecord } from './records';

/** The app's version (package.json), printed in every log line so logs tell deployments apart. */
export const APP_VERSION: string = pkg.version;
/** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
export const QUEUE = 'storage-queue';

const app = createStorageApp({
  name: `confluence-app@${APP_VERSION}`,
  product: 'confluence',
  queue: QUEUE,
  records: pageRecords,
  isInvalidEvent: (error) => error instanceof InvalidPageEventError,
  createdOf: (page) => page.created,
  subjectOf: (page) => `page ${page.id}`,
  requireAdmin,
  source: { fetchPage, countItems },
});

/** Trigger on `avi:confluence:created:page` (manifest function `on-page-created`). */
export const onPageCreated = app.onCreated;
// The other manifest functions (StorageApp documents each), one named export each: `forge lint`
// finds a handler only in an `export const name = ...` or `export function name` form.
export const storageConsumer = app.storageConsumer;
export const storageResolver = app.storageResolver;
export const adminResolver = app.adminResolver;
export const backfillConsumer = app.backfillConsumer;
export const backfillResolver = app.backfillResolver;
export const onAppInstalled = app.onAppInstalled;
