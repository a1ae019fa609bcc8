import type { IssueCreatedEvent, PageCreatedEvent } from './events.js';

/** A logical KVS write the producer asks for. */
export type Write = readonly [key: string, value: unknown];

/**
 * The writes the Jira app makes for one issue-created event (the app's README, and
 * apps/jira-app `issueRecords`): `issue:<KEY>` and `most-recent-issue-created`, both holding
 * { key, summary, project, created }. Written here independently, as the expected model.
 */
export function issueWrites(event: IssueCreatedEvent): Write[] {
  const { key, fields } = event.issue;
  const record = issueRecord(key, fields);
  return [
    [`issue:${key}`, record],
    ['most-recent-issue-created', record],
  ];
}

function issueRecord(key: string, fields: { summary: string; project: { key: string }; created: string }): object {
  return { key, summary: fields.summary, project: fields.project.key, created: fields.created };
}

/** An existing issue as the fixture site's JQL search returns it (the fields the backfill asks for). */
export interface SearchedIssue {
  key: string;
  fields: { summary: string; project: { key: string }; created: string };
}

/** The Jira app's backfill writes one record per existing issue: `issue:<KEY>` only (no most-recent). */
export function backfillWrite(issue: SearchedIssue): Write {
  return [`issue:${issue.key}`, issueRecord(issue.key, issue.fields)];
}

/**
 * The Confluence app's writes (apps/confluence-app `pageRecords`): `page:<id>` and
 * `most-recent-page-created`, both holding { id, title, space, created }.
 */
export function pageWrites(event: PageCreatedEvent): Write[] {
  const { id, title, space, history } = event.content;
  const record = { id, title, space: space.key, created: history.createdDate };
  return [
    [`page:${id}`, record],
    ['most-recent-page-created', record],
  ];
}

/** Large sync: key `sync:<i>` with a value of about `valueBytes` bytes of JSON. */
export function syncWrite(index: number, valueBytes: number): Write {
  const base = { id: index, name: `record ${index}`, payload: '' };
  const filler = Math.max(0, valueBytes - JSON.stringify(base).length);
  return [`sync:${index}`, { ...base, payload: 'x'.repeat(filler) }];
}

/** Hot keys: update number `update` goes to key `hot:<update mod keys>`. */
export function hotWrite(update: number, keys: number): Write {
  const key = `hot:${update % keys}`;
  return [key, { key, update }];
}

/** Updates [from, to) of hot-keys invocation `index` of `invocations`. */
export function hotRange(index: number, invocations: number, updates: number): [number, number] {
  const per = Math.ceil(updates / invocations);
  return [Math.min(updates, index * per), Math.min(updates, (index + 1) * per)];
}
