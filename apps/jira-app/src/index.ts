// Wiring of the Jira app: which product event, which keys, which queue. Everything else lives in
// @forge-queue/queued-storage.
//
// This file has no relative imports on purpose: `forge deploy` bundles src/ with webpack without
// `resolve.extensionAlias`, so the `./x.js` specifiers NodeNext requires would not resolve there.
import { createConsumer, createQueuedStorage, createResolverConsumer } from '@forge-queue/queued-storage';
import pkg from '../package.json' with { type: 'json' };

/** The app's version (package.json), printed in every log line so logs tell deployments apart. */
export const APP_VERSION: string = pkg.version;
/** The Async events queue the trigger pushes to and the consumer reads (manifest `consumer.queue`). */
export const QUEUE = 'storage-queue';
/** KVS key holding the last created issue. */
export const MOST_RECENT_KEY = 'most-recent-issue-created';

/** The value stored under `issue:<KEY>` and `most-recent-issue-created`. */
export interface IssueRecord {
  key: string;
  summary: string;
  project: string;
  created: string;
}

/** The error a malformed `avi:jira:created:issue` payload raises (retrying cannot fix it). */
export class InvalidIssueEventError extends Error {
  override readonly name = 'InvalidIssueEventError';
  readonly code = 'JIRA_APP_INVALID_EVENT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`[jira-app] ${message}`, options);
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

/**
 * Maps an `avi:jira:created:issue` event to the KVS writes the app makes:
 * `issue:<KEY>` and `most-recent-issue-created`, both holding the issue's record.
 * `now` stamps `created` when the event carries no `fields.created`.
 */
export function issueRecords(event: unknown, now: () => number = Date.now): Array<[string, IssueRecord]> {
  const issue = field(event, 'issue');
  const key = text(field(issue, 'key'));
  if (key === undefined || !/^[\w.-]+$/.test(key)) throw new InvalidIssueEventError('event has no usable issue.key');
  const fields = field(issue, 'fields');
  const record: IssueRecord = {
    key,
    summary: text(field(fields, 'summary')) ?? '',
    project: text(field(field(fields, 'project'), 'key')) ?? key.split('-')[0] ?? '',
    created: text(field(fields, 'created')) ?? new Date(now()).toISOString(),
  };
  return [
    [`issue:${key}`, record],
    [MOST_RECENT_KEY, record],
  ];
}

const log = (message: string): void => {
  console.log(`[jira-app@${APP_VERSION}] ${message}`);
};

const storage = createQueuedStorage({ queue: QUEUE });
const logOutcome = (outcome: unknown): void => {
  log(JSON.stringify(outcome));
};

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
export const storageConsumer = createConsumer({ queue: QUEUE, log: logOutcome });

/** The same consumer in the v1 `resolver: { function, method }` manifest form. */
export const storageResolver = createResolverConsumer({ method: 'apply-writes', queue: QUEUE, log: logOutcome });
