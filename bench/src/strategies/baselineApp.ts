/**
 * The baseline: the storage-queue guide's handler (reference/storage-queue-guide.txt) ported to
 * today's API and kept faithful otherwise. Changes, and only these:
 *  1. `storage.set` (removed from @forge/api 8) -> `kvs.set` from @forge/kvs.
 *  2. `queue.push(payload, { delayInSeconds: 0.5 })` (v1 form) -> `queue.push({ body, delayInSeconds: 0.5 })`.
 *     The 0.5 s delay is passed through unrounded, as the guide wrote it.
 *  3. `retryDelay` was assigned without a declaration (a ReferenceError in strict/ESM code) and only on
 *     retries, so the first failure had no delay at all: it is now declared and computed on every
 *     attempt from `retryCount` (0 on the first attempt), with the guide's formula
 *     `20 * 2 ** retryCount + random() * 100` seconds, unrounded.
 *  4. The body carries `{ key, value }` so one consumer serves every write (the guide hard-codes one
 *     key); one event is still pushed per write and the consumer does one `kvs.set` per event.
 *  5. `Math.random` is injectable so the bench is reproducible from a seed (same distribution).
 * Push failures (e.g. RateLimitError) are not handled, as in the guide: the producer throws.
 */
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import ResolverImport from '@forge/resolver';
import type { EmulatedAppDefinition } from './appDefinition.js';
import { jobWrites } from './jobWrites.js';
import { manifest } from './manifest.js';
import { searchedWrites } from './searchedWrites.js';
import type { JobPayload, ProducerHooks } from './producerHooks.js';
import type { IssueCreatedEvent, PageCreatedEvent } from '../scenarios/events.js';
import { issueWrites, pageWrites, type Write } from '../scenarios/writes.js';

export const BASELINE_QUEUE = 'storage-async-queue';

type ResolverClass = typeof ResolverImport.default;
// Node's ESM loader hands over module.exports (the class is `.default`); vitest and bundlers hand over the class.
const Resolver: ResolverClass = 'default' in ResolverImport ? ResolverImport.default : ResolverImport;

interface ResolverRequest {
  payload: { key: string; value: unknown; retryContext?: { retryCount: number } };
}

export function baselineApp(hooks: ProducerHooks, random: () => number = Math.random): EmulatedAppDefinition {
  const storageAsyncQueue = new Queue({ key: BASELINE_QUEUE });
  // Triggers write in event (creation) order, which the bench already knows; jobs log what they reach.
  const pushEach = async (writes: Iterable<Write> | AsyncIterable<Write>, log: boolean): Promise<void> => {
    for await (const [key, value] of writes) {
      if (log) hooks.onWrite(key, value);
      await storageAsyncQueue.push({ body: { key, value }, delayInSeconds: 0.5 });
    }
  };

  const asyncResolver = new Resolver();
  asyncResolver.define('event-listener', async ({ payload }: ResolverRequest) => {
    const retryCount = payload.retryContext?.retryCount ?? 0;
    const retryDelay = 20 * 2 ** retryCount + random() * 100;
    try {
      await kvs.set(payload.key, payload.value);
    } catch {
      return new InvocationError({
        retryAfter: retryDelay,
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        retryData: { key: payload.key },
      });
    }
    return undefined;
  });

  return {
    name: 'baseline',
    manifest: manifest({
      uuid: '0b5e0000-0000-4000-8000-000000000001',
      triggers: [
        { key: 'issue-created', function: 'on-issue-created', events: ['avi:jira:created:issue'] },
        { key: 'page-created', function: 'on-page-created', events: ['avi:confluence:created:page'] },
      ],
      consumers: [{ key: 'queue-consumer', queue: BASELINE_QUEUE, resolver: { function: 'consumer-function', method: 'event-listener' } }],
      functions: [
        { key: 'on-issue-created', handler: 'index.onIssueCreated' },
        { key: 'on-page-created', handler: 'index.onPageCreated' },
        { key: 'consumer-function', handler: 'index.handler' },
        { key: 'job', handler: 'index.job', timeoutSeconds: 900 },
      ],
      scopes: ['storage:app', 'read:jira-work', 'read:confluence-content.summary'],
    }),
    modules: {
      index: {
        onIssueCreated: async (event: IssueCreatedEvent) => {
          await pushEach(issueWrites(event), false);
          return true;
        },
        onPageCreated: async (event: PageCreatedEvent) => {
          await pushEach(pageWrites(event), false);
          return true;
        },
        handler: asyncResolver.getDefinitions(),
        job: async (payload: JobPayload) => {
          // A backfill reads the site's issues page by page and pushes one event per record.
          await pushEach(payload.kind === 'backfill' ? searchedWrites() : jobWrites(payload), true);
          return true;
        },
      },
    },
  };
}
