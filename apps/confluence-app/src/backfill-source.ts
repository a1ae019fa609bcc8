// Where the Confluence backfill reads existing pages: CQL content search
// (`GET /wiki/rest/api/content/search`, paged with the `cursor` of `_links.next`), as the app; and the
// search's `totalSize` for the progress bar.
import { asApp, route } from '@forge/api';
import { pageRecords, type PageRecord } from './records';

export const BACKFILL_CQL = 'type = page ORDER BY created ASC';
const PAGE_SIZE = 100;

export interface SourcePage {
  records: Array<[string, PageRecord]>;
  /** Items on this page. */
  items: number;
  next: string | undefined;
}

/** A failed product call; `retryable` for 429 and 5xx. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code = 'CONFLUENCE_APP_SEARCH_FAILED';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(`[confluence-app] ${message}`);
  }
}

interface SearchAnswer {
  results?: unknown[];
  _links?: { next?: string };
}

/** The `cursor` query parameter of a `_links.next` URL. */
export function nextCursor(next: string | undefined): string | undefined {
  if (next === undefined || next === '') return undefined;
  const cursor = new URL(next, 'https://site.invalid').searchParams.get('cursor');
  return cursor === null || cursor === '' ? undefined : cursor;
}

export async function fetchPage(token: string | undefined): Promise<SourcePage> {
  const path = token === undefined
    ? route`/wiki/rest/api/content/search?cql=${BACKFILL_CQL}&limit=${PAGE_SIZE}&expand=space,history`
    : route`/wiki/rest/api/content/search?cql=${BACKFILL_CQL}&limit=${PAGE_SIZE}&expand=space,history&cursor=${token}`;
  const res = await asApp().requestConfluence(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new SourceError(`CQL search answered ${res.status} ${res.statusText}`, res.status === 429 || res.status >= 500);
  const answer = (await res.json()) as SearchAnswer;
  const results = answer.results ?? [];
  const records = results.flatMap((content) => {
    try {
      return pageRecords({ content }).slice(0, 1);
    } catch {
      return [];
    }
  });
  return { records, items: results.length, next: nextCursor(answer._links?.next) };
}

/** The number of pages the backfill will visit, or undefined when Confluence does not say. */
export async function countItems(): Promise<number | undefined> {
  try {
    const res = await asApp().requestConfluence(route`/wiki/rest/api/search?cql=${BACKFILL_CQL}&limit=1`, { headers: { Accept: 'application/json' } });
    if (!res.ok) return undefined;
    const { totalSize } = (await res.json()) as { totalSize?: unknown };
    return typeof totalSize === 'number' ? totalSize : undefined;
  } catch {
    return undefined;
  }
}
