import { invocationKey } from '../runtime.js';
import type { Operation } from '../operation.js';
import { Batch, makeDelete, makeDeletes, makeSet, makeSets, type Entries, type Keys, type SetOptions, type WriteOptions } from './batch.js';
import { flushOperations, type Receipt } from './flush.js';
import { resolveProducerOptions, type QueuedStorageOptions } from './options.js';
import { readProgress, type Progress } from './progress.js';
import { createClocks } from './clocks.js';
import { checkSecret, secretWriter } from './secrets.js';
import { createThrottleMemory } from './throttle.js';
import { createRefusalMemory } from './refusals.js';
import { createKnownVersions } from './known-versions.js';
import { createSlotBook } from './slot-book.js';
import { wrapTrigger, type TriggerAttempts } from './trigger.js';

export interface QueuedStorage {
  /** Queue one write. Calls made in the same tick share one flush (one push). */
  set(key: string, value: unknown, options?: SetOptions): Promise<Receipt>;
  delete(key: string, options?: WriteOptions): Promise<Receipt>;
  setMany(entries: Entries, options?: SetOptions): Promise<Receipt>;
  deleteMany(keys: Keys, options?: WriteOptions): Promise<Receipt>;
  /**
   * Writes a secret directly with `kvs.setSecret` (never queued: event bodies are stored by the
   * platform and visible in retries and dead letters). Rejects with SecretsNotQueuedError unless
   * created with `allowSecrets: true`; with SecretWriteFailedError (retryable when throttled) if the
   * direct write fails.
   */
  setSecret(key: string, value: unknown): Promise<void>;
  /**
   * Wraps a product-event trigger function (`export const onIssueCreated = storage.trigger(async (event) => ...)`).
   * Its flushes know the attempt from `event.retryContext`: when no write unit is free they book the
   * next one and the trigger returns an `InvocationError` whose `retryAfter` lands on that slot (the
   * slot in `retryData`), rather than probe a spent quota or sleep in place; the last retries push
   * instead, and the last attempt waits for the first opening. Errors other than PushQuotaSpentError
   * pass through.
   */
  trigger(handler: (event: unknown, context: unknown) => unknown): (event: unknown, context: unknown) => Promise<unknown>;
  /** An explicit batch: collect with set/delete, send with flush(). */
  batch(): Batch;
  /** Progress of the jobs a flush pushed (wraps queue.getJob(jobId).getStats()). */
  progress(from: Receipt | readonly Receipt[] | readonly string[]): Promise<Progress>;
}

/**
 * The producer: call inside a Forge function (trigger, resolver, consumer...). Validates every write
 * up front (typed errors, nothing queued on failure), then writes directly or queues.
 */
export function createQueuedStorage(options: QueuedStorageOptions = {}): QueuedStorage {
  const o = resolveProducerOptions(options);
  const clockOf = createClocks(o.now, o.random);
  const clock = () => clockOf(invocationKey());
  const throttle = createThrottleMemory();
  const pacers = o.pacers;
  const refusals = createRefusalMemory();
  const attempts: TriggerAttempts = new Map();
  // Booked trigger slots are spaced at least a quarter of the refill interval apart (per-second request limits).
  const triggerState = { pacers, book: createSlotBook((e) => e.windowMs / Math.max(1, e.limit) / 4), known: createKnownVersions() };
  // Flushes run inside the invocation that issued the writes: what they observe lifts its clock.
  const flush = (ops: Operation[]) => {
    const attempt = attempts.get(invocationKey());
    return flushOperations(ops, o, (stamp) => { clock().observe(stamp); }, throttle, pacers, refusals, attempt === undefined ? undefined : { attempt, state: triggerState });
  };
  const writeSecret = o.allowSecrets ? secretWriter(o.kvs) : undefined;

  // Calls of one invocation in the same tick join one pending flush (DataLoader style).
  const pending = new Map<string, { ops: Operation[]; promise: Promise<Receipt> }>();
  const enqueue = (ops: Operation[]): Promise<Receipt> => {
    const key = invocationKey();
    let entry = pending.get(key);
    if (entry === undefined) {
      const next: { ops: Operation[]; promise: Promise<Receipt> } = { ops: [], promise: Promise.resolve(undefined as never) };
      next.promise = Promise.resolve().then(() => {
        pending.delete(key);
        return flush(next.ops);
      });
      pending.set(key, next);
      entry = next;
    }
    entry.ops.push(...ops);
    return entry.promise;
  };
  // async: a validation error becomes a rejected promise, and nothing is enqueued.
  const run = async (make: () => Operation[]): Promise<Receipt> => enqueue(make());

  return {
    set: (key, value, opts) => run(() => [makeSet(clock(), key, value, opts)]),
    delete: (key, opts) => run(() => [makeDelete(clock(), key, opts)]),
    setMany: (entries, opts) => run(() => makeSets(clock(), entries, opts)),
    deleteMany: (keys, opts) => run(() => makeDeletes(clock(), keys, opts)),
    async setSecret(key, value) {
      checkSecret(writeSecret, key, value);
      await writeSecret(key, value);
    },
    trigger: (handler) => wrapTrigger(handler, attempts),
    batch: () => new Batch(clock(), flush, writeSecret),
    progress(from) {
      const list: ReadonlyArray<Receipt | string> = Array.isArray(from) ? (from as ReadonlyArray<Receipt | string>) : [from as Receipt];
      const jobIds = list.flatMap((r) => (typeof r === 'string' ? [r] : r.jobIds));
      return readProgress(o.queueFactory(o.queue), jobIds);
    },
  };
}
