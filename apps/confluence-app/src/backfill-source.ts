// Where the Confluence backfill reads existing pages: CQL search (`GET /wiki/rest/api/search`), as the
// app, paged by the `cursor` (or `start`) of `_links.next`; its `totalSize` feeds the progress bar.
import { SourceError, type SourcePage } from '@forge-queue/forge-admin';
import { asApp, route } from '@forge/api';
import { pageRecords } from './records';

export const BACKFILL_CQL = 'type = page';
const PAGE_SIZE = 100;

interface SearchAnswer {
  results?: Array<{ content?: unknown }>;
  totalSize?: number;
  _links?: { next?: string };
}

/** The paging token of a `_links.next` URL: `cursor:<c>` (Confluence Cloud) or `start:<n>`. */
export function nextToken(next: string | undefined): string | undefined {
  if (next === undefined || next === '') return undefined;
  const params = new URL(next, 'https://site.invalid').searchParams;
  const cursor = params.get('cursor');
  if (cursor !== null && cursor !== '') return `cursor:${cursor}`;
  const start = params.get('start');
  return start !== null && /^\d+$/.test(start) ? `start:${start}` : undefined;
}

function searchRoute(token: string | undefined) {
  if (token?.startsWith('cursor:') === true) return route`/wiki/rest/api/search?cql=${BACKFILL_CQL}&limit=${PAGE_SIZE}&cursor=${token.slice(7)}`;
  if (token?.startsWith('start:') === true) return route`/wiki/rest/api/search?cql=${BACKFILL_CQL}&limit=${PAGE_SIZE}&start=${token.slice(6)}`;
  return route`/wiki/rest/api/search?cql=${BACKFILL_CQL}&limit=${PAGE_SIZE}`;
}

export async function fetchPage(token: string | undefined): Promise<SourcePage> {
  const res = await asApp().requestConfluence(searchRoute(token), { headers: { Accept: 'application/json' } });
  if (!res.ok) throw SourceError.fromResponse('CQL search', res);
  const answer = (await res.json()) as SearchAnswer;
  const results = (answer.results ?? []).map((r) => r.content);
  const records = results.flatMap((content) => {
    try {
      return pageRecords({ content }).slice(0, 1);
    } catch {
      return [];
    }
  });
  return { records, items: results.length, next: nextToken(answer._links?.next) };
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
