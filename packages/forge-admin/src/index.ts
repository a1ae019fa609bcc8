// The operator surface both apps share: admin resolvers over queued storage, the backfill engine and
// its state, consumer outcome counts. Each app adds only its product: the admin check and the search
// source of the backfill.
export { AdminError, errorAnswer, type AdminAnswer, type AdminErrorCode } from './admin-error.js';
export { createAdminResolver, type AdminResolverDeps } from './admin-resolver.js';
export { BACKFILL_QUEUE, createBackfill, type Backfill, type BackfillSource, type BackfillStatus, type SourcePage } from './backfill.js';
export { OutcomeStats, type OutcomeStatsOptions, type SampleWriter } from './outcome-stats.js';
