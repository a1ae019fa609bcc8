// What the app stores for an issue: the event-to-records mapping and its typed error.

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
