// Where the Jira backfill reads existing issues: JQL search (`POST /rest/api/3/search/jql`, paged
// with `nextPageToken`), as the app; and the approximate count for the progress bar.
import { SourceError, type SourcePage } from '@forge-queue/forge-admin';
import { asApp, route } from '@forge/api';
import { issueRecords } from './records';

/** Every issue, oldest first (Jira's enhanced search refuses unbounded JQL: `id >= 0` bounds it). */
export const BACKFILL_JQL = 'id >= 0 ORDER BY id ASC';
const PAGE_SIZE = 100;

interface SearchAnswer {
  issues?: Array<{ id?: string; key?: string; fields?: Record<string, unknown> }>;
  nextPageToken?: string;
}

export async function fetchPage(token: string | undefined): Promise<SourcePage> {
  const body = { jql: BACKFILL_JQL, maxResults: PAGE_SIZE, fields: ['summary', 'created', 'project'], ...(token === undefined ? {} : { nextPageToken: token }) };
  const res = await asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw SourceError.fromResponse('JQL search', res);
  const answer = (await res.json()) as SearchAnswer;
  const issues = answer.issues ?? [];
  const records = issues.flatMap((issue) => {
    try {
      return issueRecords({ issue }).slice(0, 1);
    } catch {
      return [];
    }
  });
  return { records, items: issues.length, next: typeof answer.nextPageToken === 'string' && answer.nextPageToken !== '' ? answer.nextPageToken : undefined };
}

/** The number of issues the backfill will visit, or undefined when Jira does not say. */
export async function countItems(): Promise<number | undefined> {
  try {
    const res = await asApp().requestJira(route`/rest/api/3/search/approximate-count`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: BACKFILL_JQL }),
    });
    if (!res.ok) return undefined;
    const { count } = (await res.json()) as { count?: unknown };
    return typeof count === 'number' ? count : undefined;
  } catch {
    return undefined;
  }
}
