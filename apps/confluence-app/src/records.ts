// What the app stores for a page: the event-to-records mapping and its typed error.

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
