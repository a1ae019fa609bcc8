import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';

/** Trigger: one queued write per created issue. */
export async function onIssueCreated(event: { issue: { key: string; fields: { summary: string } } }): Promise<void> {
  await new Queue({ key: 'writes' }).push({ body: { key: `issue:${event.issue.key}`, summary: event.issue.fields.summary } });
}

/** Consumer: stores the issue with the (virtual) time it was written. */
export async function write(event: { body: { key: string; summary: string } }): Promise<void> {
  await kvs.set(event.body.key, { summary: event.body.summary, at: new Date().toISOString() });
}
