import type { Clock } from '../hlc.js';
import type { Operation } from '../operation.js';
import { InvalidValueError } from '../errors.js';
import { storedValue, validateKey, validateTtl, type Ttl } from '../validate.js';
import type { Receipt } from './flush.js';
import { checkSecret, type SecretWriter } from './secrets.js';

export interface WriteOptions {
  /**
   * Logical time of this write (epoch ms or Date), e.g. the product event's timestamp. Ordered mode
   * keeps, per key, the write with the latest `at`, so a retried trigger cannot overwrite what a
   * later event wrote. Default: now (when the call is made).
   */
  at?: number | Date;
}

export interface SetOptions extends WriteOptions {
  /** KVS time to live (<= 1 year). */
  ttl?: Ttl;
}

const MAX_AT = 36 ** 9 - 1;

function atMs(key: string, options: WriteOptions | undefined): number | undefined {
  const at = options?.at;
  if (at === undefined) return undefined;
  const ms = at instanceof Date ? at.getTime() : at;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_AT) {
    throw new InvalidValueError('invalid-at', 'option at must be a valid Date or epoch milliseconds >= 0', { key, path: 'at' });
  }
  return ms;
}

/** Keys of `deleteMany`: an array, a Set, any iterable object of keys (a string is refused: TypeError). */
export type Keys = Iterable<string> & object;

export type Entries = Iterable<readonly [string, unknown]> | Record<string, unknown>;

function notACollection(method: string, what: string, got: unknown): never {
  throw new TypeError(`[queued-storage] ${method} takes ${what}, not ${typeof got === 'string' ? 'a string' : got === null ? 'null' : `a ${typeof got}`} (rule ${method === 'deleteMany' ? 'keys-iterable' : 'entries-collection'})`);
}

function entriesOf(entries: Entries): Array<readonly [unknown, unknown]> {
  const raw: unknown = entries;
  if (typeof raw !== 'object' || raw === null) notACollection('setMany', 'a record or an iterable of [key, value] pairs', entries);
  if (!(Symbol.iterator in entries)) return Object.entries(entries);
  return [...(entries as Iterable<unknown>)].map((pair) => {
    if (!Array.isArray(pair)) notACollection('setMany', 'a record or an iterable of [key, value] pairs', pair);
    return [pair[0], pair[1]] as const;
  });
}

function keysOf(keys: Keys): unknown[] {
  const raw: unknown = keys;
  if (typeof raw !== 'object' || raw === null || !(Symbol.iterator in raw)) notACollection('deleteMany', 'an iterable of keys (e.g. an array)', raw);
  return [...(raw as Iterable<unknown>)];
}

/**
 * Validates and stamps one operation. Throws InvalidKeyError / InvalidValueError. The value is
 * copied through JSON, so later changes to the caller's object do not leak into the write.
 */
export function makeSet(clock: Clock, key: unknown, value: unknown, options?: SetOptions): Operation {
  validateKey(key);
  const stored = storedValue(value, key).value;
  if (options?.ttl !== undefined) validateTtl(options.ttl, key);
  const at = atMs(key, options);
  const op: Operation = { k: key, s: clock.stamp(at), v: stored };
  if (options?.ttl !== undefined) op.t = { value: options.ttl.value, unit: options.ttl.unit };
  return op;
}

export function makeDelete(clock: Clock, key: unknown, options?: WriteOptions): Operation {
  validateKey(key);
  const at = atMs(key, options);
  return { k: key, s: clock.stamp(at), d: 1 };
}

/** Validates every entry before returning any operation (all or nothing). */
export function makeSets(clock: Clock, entries: Entries, options?: SetOptions): Operation[] {
  return entriesOf(entries).map(([k, v]) => makeSet(clock, k, v, options));
}

export function makeDeletes(clock: Clock, keys: Keys, options?: WriteOptions): Operation[] {
  return keysOf(keys).map((k) => makeDelete(clock, k, options));
}

/** Collects writes; nothing leaves the invocation until `flush()`. Validation happens at each call. */
export class Batch {
  private ops: Operation[] = [];
  private secrets = new Map<string, unknown>();

  constructor(
    private readonly clock: Clock,
    private readonly flushOps: (ops: Operation[]) => Promise<Receipt>,
    private readonly writeSecret?: SecretWriter,
  ) {}

  /** Operations collected so far (before coalescing). */
  get size(): number {
    return this.ops.length;
  }

  set(key: string, value: unknown, options?: SetOptions): this {
    this.ops.push(makeSet(this.clock, key, value, options));
    return this;
  }

  delete(key: string, options?: WriteOptions): this {
    this.ops.push(makeDelete(this.clock, key, options));
    return this;
  }

  setMany(entries: Entries, options?: SetOptions): this {
    this.ops.push(...makeSets(this.clock, entries, options));
    return this;
  }

  deleteMany(keys: Keys, options?: WriteOptions): this {
    this.ops.push(...makeDeletes(this.clock, keys, options));
    return this;
  }

  /**
   * A secret, written directly with `kvs.setSecret` at `flush()` (before the other writes), never
   * queued. Throws SecretsNotQueuedError unless the storage was created with `allowSecrets: true`.
   */
  setSecret(key: string, value: unknown): this {
    checkSecret(this.writeSecret, key, value);
    this.secrets.set(key, value);
    return this;
  }

  /**
   * Writes the secrets, then hands everything else to KVS or the queue; the batch is empty
   * afterwards. A failed secret write throws SecretWriteFailedError and nothing is queued.
   */
  async flush(): Promise<Receipt> {
    const ops = this.ops;
    const secrets = [...this.secrets];
    this.ops = [];
    this.secrets = new Map();
    for (const [key, value] of secrets) await this.writeSecret?.(key, value);
    return this.flushOps(ops);
  }
}
