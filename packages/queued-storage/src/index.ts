/**
 * @forge-queue/queued-storage: queue Forge KVS writes through Async events; packed, coalesced,
 * retried with jittered backoff, ordered, never lost (dead letters).
 *
 * The public surface: the factories, dead letters, errors, option and result types, the two ports
 * with their adapters, and the version entity declaration. `test/api.test.ts` pins this list.
 * Test helpers (a seeded random source) are in `@forge-queue/queued-storage/testing`.
 */
export { createQueuedStorage, type QueuedStorage } from './producer/storage.js';
export type { QueuedStorageOptions, DirectOptions } from './producer/options.js';
export type { Batch, SetOptions, WriteOptions, Entries, Keys } from './producer/batch.js';
export type { Receipt } from './producer/flush.js';
export type { Progress } from './producer/progress.js';

export { createConsumer, createResolverConsumer, type ConsumerHandler, type ResolverConsumerOptions, type ResolverDefinitions } from './consumer/create.js';
export type { ConsumerOptions } from './consumer/options.js';
export type { ConsumerOutcome } from './consumer/outcome.js';
export { createPaceRegistry, type PaceRegistry } from './pace/registry.js';

export { deadLetters, type DeadLetterPage, type DeadLetters, type DeadLettersOptions, type ReplayResult } from './dead-letters/api.js';
export type { DeadLetter, DeadLetterReason } from './dead-letters/record.js';

export type { CommonOptions } from './options.js';
export type { Ttl, TtlUnit } from './validate.js';
export type { BackoffPolicy, JitterStrategy } from './backoff.js';
export type { RandomSource } from './random.js';
export type { Operation } from './operation.js';
export { VERSION_ENTITY_DECLARATION, MANIFEST_STORAGE_SNIPPET } from './versions.js';

export {
  QueuedStorageError,
  InvalidKeyError,
  InvalidValueError,
  InvalidArgumentError,
  PushFailedError,
  PushQuotaSpentError,
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
  type ArgumentRule,
} from './errors.js';

export type {
  KvsPort,
  QueuePort,
  QueueFactory,
  PushEvent,
  PushOutcome,
  JobStats,
  KeyRef,
  SetItem,
  FailedKey,
  BatchResult,
  BatchGetResult,
  AbsentOrBelow,
  Transaction,
  ListPage,
} from './ports.js';
export { forgeKvs } from './adapters/forge-kvs.js';
export { forgeQueue, forgeQueueFactory } from './adapters/forge-queue.js';
export { memoryKvs, memoryQueue, type MemoryKvs, type MemoryQueue, type MemoryFaults } from './adapters/memory.js';
