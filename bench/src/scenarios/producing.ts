import type { ProducingInvocation } from '../model/lowerBound.js';
import { arrivalOffset, issueCreatedEvent, pageCreatedEvent } from './events.js';
import type { Workload } from './types.js';
import { hotRange, hotWrite, issueWrites, pageWrites, syncWrite, type Write } from './writes.js';

/** Bytes of each distinct key's last value among `writes` (key + JSON value). */
function keyBytes(writes: readonly Write[]): number[] {
  const last = new Map<string, unknown>();
  for (const [key, value] of writes) last.set(key, value);
  return [...last].map(([key, value]) => key.length + JSON.stringify(value).length);
}

/** Most issues one JQL search page returns with fields (Jira's enhanced search, and the emulator's). */
export const SEARCH_PAGE_MAX = 100;

export function producingInvocations(workload: Workload, backfill: readonly Write[] = []): ProducingInvocation[] {
  switch (workload.kind) {
    case 'issue-import':
      return Array.from({ length: workload.issues }, (_, i) => {
        const atMs = arrivalOffset(i, workload.issues, workload.windowMs);
        return { atMs, keyBytes: keyBytes(issueWrites(issueCreatedEvent(i, atMs))) };
      });
    case 'page-import':
      return Array.from({ length: workload.pages }, (_, i) => {
        const atMs = arrivalOffset(i, workload.pages, workload.windowMs);
        return { atMs, keyBytes: keyBytes(pageWrites(pageCreatedEvent(i, atMs))) };
      });
    case 'single-job-sync':
      return [{ atMs: 0, keyBytes: keyBytes(Array.from({ length: workload.keys }, (_, i) => syncWrite(i, workload.valueBytes))) }];
    case 'hot-keys':
      return Array.from({ length: workload.invocations }, (_, index) => {
        const [from, to] = hotRange(index, workload.invocations, workload.updates);
        const writes = Array.from({ length: to - from }, (_, u) => hotWrite(from + u, workload.keys));
        return { atMs: arrivalOffset(index, Math.max(1, workload.invocations - 1), workload.windowMs), keyBytes: keyBytes(writes) };
      });
    case 'backfill':
      // The site's issues (`backfill`, read from the emulator's fixture site) are all there at the start,
      // behind one JQL search page per 100 (the most a search returning fields gives), one after another.
      return [{ atMs: 0, keyBytes: keyBytes(backfill), sequentialRequests: Math.ceil(backfill.length / SEARCH_PAGE_MAX) }];
  }
}
