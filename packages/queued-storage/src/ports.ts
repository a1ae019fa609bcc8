import type { Ttl } from './validate.js';

/**
 * The two small interfaces the library talks to. The @forge SDKs are the default adapters
 * (adapters/forge-kvs.ts, adapters/forge-queue.ts); tests hand in others. Adapters throw the
 * platform's errors unchanged (classify.ts reads them by code/status/name).
 */
export interface KeyRef {
  key: string;
  /** A custom entity, or undefined for plain key-value pairs. */
  entityName?: string | undefined;
}

export interface SetItem extends KeyRef {
  value: unknown;
  ttl?: Ttl | undefined;
}

export interface FailedKey extends KeyRef {
  error: { code: string; message: string };
}

export interface BatchResult {
  successfulKeys: KeyRef[];
  failedKeys: FailedKey[];
}

export interface BatchGetResult {
  found: Array<KeyRef & { value: unknown }>;
  failedKeys: FailedKey[];
}

/** The single condition the library needs: the entity attribute is absent or below `value`. */
export interface AbsentOrBelow {
  attribute: string;
  absentOrBelow: string;
}

export interface Transaction {
  sets: Array<SetItem & { condition?: AbsentOrBelow | undefined }>;
  deletes: KeyRef[];
}

export interface ListPage {
  entries: Array<{ key: string; value: unknown }>;
  nextCursor?: string | undefined;
}

export interface KvsPort {
  /** undefined when the key does not exist. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, options?: { ttl?: Ttl | undefined }): Promise<void>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** <= 25 distinct keys. Reports per-key failures. */
  batchSet(items: SetItem[]): Promise<BatchResult>;
  batchDelete(items: KeyRef[]): Promise<BatchResult>;
  batchGet(items: KeyRef[]): Promise<BatchGetResult>;
  /** All or nothing; throws (a conflict when a condition fails). <= 25 operations. */
  transact(transaction: Transaction): Promise<void>;
  /** Secret storage (`kvs.setSecret`); only used with the producer's `allowSecrets: true`. */
  setSecret?(key: string, value: unknown): Promise<void>;
  /** Plain keys starting with `prefix`, in key order. */
  list(prefix: string, options: { limit: number; cursor?: string | undefined }): Promise<ListPage>;
}

export interface PushEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
}

export interface PushOutcome {
  jobId: string;
  /** Indexes (into the pushed array) of events the platform did not accept (HTTP 202). */
  failed: number[];
}

export interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

export interface QueuePort {
  /** 1..50 events, <= 200 KB. Throws when nothing was accepted (429, 5xx, ...). */
  push(events: PushEvent[]): Promise<PushOutcome>;
  getStats(jobId: string): Promise<JobStats>;
}

/** Gives the queue port for a queue name (the consumer re-drives to `event.queueName`). */
export type QueueFactory = (queueName: string) => QueuePort;
