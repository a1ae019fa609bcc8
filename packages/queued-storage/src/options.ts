import { forgeKvs } from './adapters/forge-kvs.js';
import { forgeQueueFactory } from './adapters/forge-queue.js';
import type { KvsPort, QueueFactory } from './ports.js';
import { defaultRandom, type RandomSource } from './random.js';
import { validateTtl, type Ttl } from './validate.js';

/** Options shared by the producer, the consumer and dead letters. */
export interface CommonOptions {
  /** Queue key (manifest `consumer[].queue`). Default 'storage-queue'. */
  queue?: string;
  /** Ordered mode: version records + conditional transactions, no stale overwrite. Default true. */
  ordered?: boolean;
  /** TTL of version records in ordered mode. Default 30 days. */
  versionTtl?: Ttl;
  /** KVS adapter. Default: the real @forge/kvs client. */
  kvs?: KvsPort;
  /** Queue adapter factory. Default: the real @forge/events Queue. */
  queueFactory?: QueueFactory;
  /** Random source for jitter and ids. Default Math.random; pass seededRandom(n) in tests. */
  random?: RandomSource;
  /** Clock. Default Date.now (the emulator's virtual clock inside invocations). */
  now?: () => number;
}

export interface ResolvedCommon {
  queue: string;
  ordered: boolean;
  versionTtl: Ttl;
  kvs: KvsPort;
  queueFactory: QueueFactory;
  random: RandomSource;
  now: () => number;
}

/** Names of the common options (the unknown-option check of every factory starts from these). */
export const COMMON_OPTION_NAMES = ['queue', 'ordered', 'versionTtl', 'kvs', 'queueFactory', 'random', 'now'] as const satisfies ReadonlyArray<keyof CommonOptions>;

export const DEFAULT_QUEUE = 'storage-queue';
export const DEFAULT_VERSION_TTL: Readonly<Ttl> = Object.freeze({ value: 30, unit: 'DAYS' });

export function fail(message: string): never {
  throw new TypeError(`[queued-storage] ${message}`);
}

export function checkType(options: object, name: string, type: string): void {
  const v = (options as Record<string, unknown>)[name];
  if (v !== undefined && typeof v !== type) fail(`option ${name} must be a ${type}`);
}

export function checkInteger(options: object, name: string, min: number, max: number): void {
  const v = (options as Record<string, unknown>)[name];
  if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)) {
    fail(`option ${name} must be an integer in ${min}..${max}`);
  }
}

export function resolveCommon(options: CommonOptions): ResolvedCommon {
  if (typeof (options as unknown) !== 'object' || (options as unknown) === null) fail('options must be an object');
  checkType(options, 'queue', 'string');
  checkType(options, 'ordered', 'boolean');
  checkType(options, 'random', 'function');
  checkType(options, 'now', 'function');
  checkType(options, 'queueFactory', 'function');
  checkType(options, 'kvs', 'object');
  const queue = options.queue ?? DEFAULT_QUEUE;
  if (!/^[a-zA-Z0-9-_]{1,36}$/.test(queue)) fail('option queue must match ^[a-zA-Z0-9-_]+$ (at most 36 characters)');
  const versionTtl = options.versionTtl ?? DEFAULT_VERSION_TTL;
  try {
    validateTtl(versionTtl);
  } catch (error) {
    fail(`option versionTtl: ${(error as Error).message}`);
  }
  return {
    queue,
    ordered: options.ordered ?? true,
    versionTtl,
    kvs: options.kvs ?? forgeKvs(),
    queueFactory: options.queueFactory ?? forgeQueueFactory,
    random: options.random ?? defaultRandom,
    now: options.now ?? (() => Date.now()),
  };
}
