/**
 * @forge-queue/queued-storage: queue Forge KVS writes through Async events; packed, coalesced,
 * retried with jittered backoff, ordered, never lost (dead letters).
 */
export { createQueuedStorage, type QueuedStorage } from './producer/storage.js';
export type { QueuedStorageOptions, DirectOptions } from './producer/options.js';
export { Batch, type SetOptions, type WriteOptions, type Entries, type Keys } from './producer/batch.js';
export type { Receipt } from './producer/flush.js';
export type { Progress } from './producer/progress.js';

export { createConsumer, createResolverConsumer, type ConsumerHandler, type ResolverConsumerOptions } from './consumer/create.js';
export type { ConsumerOptions } from './consumer/options.js';
export type { ConsumerOutcome } from './consumer/outcome.js';

export * from './dead-letters/index.js';

export type { CommonOptions } from './options.js';
export { DEFAULT_QUEUE, DEFAULT_VERSION_TTL } from './options.js';
export {
  VERSION_ENTITY_NAME,
  VERSION_ATTRIBUTE,
  VERSION_ENTITY_DECLARATION,
  MANIFEST_STORAGE_SNIPPET,
} from './versions.js';

export {
  QueuedStorageError,
  InvalidKeyError,
  InvalidValueError,
  PushFailedError,
  DirectWriteFailedError,
  DeadLetterNotFoundError,
  NotReplayableError,
  DeadLetterWriteError,
  MalformedEventError,
  SecretsNotQueuedError,
  SecretWriteFailedError,
  type ErrorCode,
  type KeyRule,
  type ValueRule,
} from './errors.js';

export { validateKey, validateValue, validateTtl, type Ttl, type TtlUnit } from './validate.js';
export {
  backoffDelayMs,
  jitteredDelayMs,
  toRetryAfterSeconds,
  resolveBackoffPolicy,
  DEFAULT_BACKOFF,
  type BackoffPolicy,
  type BackoffInput,
  type JitterStrategy,
} from './backoff.js';
export { seededRandom, type RandomSource } from './random.js';
export { classifyFailure, type Failure, type FailureKind } from './classify.js';
export { FORMAT_VERSION, type EventBody } from './format.js';
export type { Operation } from './operation.js';
export * from './limits.js';

export type { KvsPort, QueuePort, QueueFactory, PushEvent, PushOutcome, JobStats } from './ports.js';
export { forgeKvs } from './adapters/forge-kvs.js';
export { forgeQueue, forgeQueueFactory } from './adapters/forge-queue.js';
export { memoryKvs, memoryQueue, type MemoryKvs, type MemoryQueue } from './adapters/memory.js';
