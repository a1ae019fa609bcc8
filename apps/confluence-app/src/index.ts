// Wiring of the Confluence app: which product event, which keys, which queue. Everything else lives
// in @forge-queue/queued-storage.
//
// This file has no relative imports on purpose: `forge deploy` bundles src/ with webpack without
// `resolve.extensionAlias`, so the `./x.js` specifiers NodeNext requires would not resolve there.
import { createConsumer, createQueuedStorage, createResolverConsumer } from '@forge-queue/queued-storage';
import pkg from '../package.json' with { type: 'json' };

/** The app's version (package.json), printed in every log line so logs tell deployments apart. */
export const APP_VERSION: string = pkg.version;
/** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
export const QUEUE = 'storage-queue';
/** KVS key holding the last created page. */
export const MOST_RECENT_KEY = 'most-recent-page-created';

/** The value stored under `page:<id>` and `most-recent-page-created`. */
export interface PageRecord {
  id: string;
  title: string;
  space: string;
  created: string;
}

/** The error a malformed `avi:confluence:created:page` payload raises (retrying cannot fix it). */
export class InvalidPageEventError extends Error {
  override readonly name = 'InvalidPageEventError';
  readonly code = 'CONFLUENCE_APP_INVALID_EVENT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[confluence-app] ${message}`, options);
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/**
 * Maps an `avi:confluence:created:page` event to the KVS writes the app makes:
 * `page:<id>` and `most-recent-page-created`, both holding the page's record.
 * `now` stamps `created` when the event carries no `content.history.createdDate`.
 */
export function pageRecords(event: unknown, now: () => number = Date.now): Array<[string, PageRecord]> {
  const content = field(event, 'content');
  const rawId = field(content, 'id');
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : text(rawId);
  if (id === undefined || !/^[\w.-]+$/.test(id)) throw new InvalidPageEventError('event has no usable content.id');
  const record: PageRecord = {
    id,
    title: text(field(content, 'title')) ?? '',
    space: text(field(field(content, 'space'), 'key')) ?? '',
    created: text(field(field(content, 'history'), 'createdDate')) ?? new Date(now()).toISOString(),
  };
  return [
    [`page:${id}`, record],
    [MOST_RECENT_KEY, record],
  ];
}

const log = (message: string): void => {
  console.log(`[confluence-app@${APP_VERSION}] ${message}`);
};

const storage = createQueuedStorage({ queue: QUEUE });
const logOutcome = (outcome: unknown): void => {
  log(JSON.stringify(outcome));
};

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
export const storageConsumer = createConsumer({ queue: QUEUE, log: logOutcome });

/** The same consumer in the v1 `resolver: { function, method }` form. */
export const storageResolver = createResolverConsumer({ method: 'apply-writes', queue: QUEUE, log: logOutcome });
