import { asApp, route } from '@forge/api';
import { backfillWrite, type SearchedIssue, type Write } from '../scenarios/writes.js';

/** The same JQL and page size as the Jira app's backfill (apps/jira-app/src/backfill-source.ts). */
const JQL = 'id >= 0 ORDER BY id ASC';
const PAGE_SIZE = 100;

/** Every issue of the site, one JQL search page after another (`nextPageToken`), as backfill writes. */
export async function* searchedWrites(): AsyncGenerator<Write> {
  let token: string | undefined;
  do {
    const res = await asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: JQL, maxResults: PAGE_SIZE, fields: ['summary', 'created', 'project'], ...(token === undefined ? {} : { nextPageToken: token }) }),
    });
    if (!res.ok) throw new Error(`JQL search answered ${res.status}`);
    const answer = (await res.json()) as { issues?: SearchedIssue[]; nextPageToken?: string };
    for (const issue of answer.issues ?? []) yield backfillWrite(issue);
    token = answer.nextPageToken === '' ? undefined : answer.nextPageToken;
  } while (token !== undefined);
}
