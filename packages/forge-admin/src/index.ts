// The operator surface both apps share: their wiring (createStorageApp), admin resolvers over queued
// storage, the backfill engine and its state, consumer outcome counts. Each app adds only its product:
// the event-to-records mapping, the admin check and the search source of the backfill. The admin
// page itself is ui/ (built into each app by `@forge-queue/forge-admin/vite`).
export { AdminError, errorAnswer, type AdminAnswer, type AdminErrorCode } from './admin-error.js';
export { createAdminResolver, type AdminResolverDeps } from './admin-resolver.js';
export { BACKFILL_QUEUE, createBackfill, type Backfill, type BackfillSource, type BackfillStatus, type SourcePage } from './backfill.js';
export { OutcomeStats, type OutcomeStatsOptions, type SampleWriter } from './outcome-stats.js';
export { SourceError } from './source-error.js';
export { createStorageApp, type StorageApp, type StorageAppOptions } from './storage-app.js';
